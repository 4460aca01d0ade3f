import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eolResult, lookupEol, normaliseRepoUrl, parseEolList, EolListFormatError } from './eol-list.js';

const LIST = `# comment
EOL LIST:
  - identifier: https://github.com/angular/angular.js
    repoName: angular.js
    release:
    - 1.8.0
    - 1.10
    eol: Y
    eolTime: '2022-04-13'
  - identifier: https://gitee.com/ascend/pytorch#policy
    repoName: torch-npu
    release: 2.1.0
    eol: N
    eolTime: 2025-01-01
  - identifier: https://github.com/angular/angular.js/
    repoName: duplicate, ignored
    eol: N
  - identifier: https://github.com/acme/no-release
    release:
    eol: Y
    eolTime:
`;

void test('normaliseRepoUrl', () => {
  const cases: [string, string][] = [
    ['https://github.com/angular/angular.js', 'https://github.com/angular/angular.js'],
    ['https://github.com/angular/angular.js.git', 'https://github.com/angular/angular.js'],
    ['https://github.com/angular/angular.js/', 'https://github.com/angular/angular.js'],
    ['https://github.com/angular/angular.js.git/', 'https://github.com/angular/angular.js'],
    ['http://www.GitHub.com/Angular/Angular.js', 'https://github.com/angular/angular.js'],
    ['  https://user:pw@github.com/a/b?tab=readme#top ', 'https://github.com/a/b'],
    ['https://github.com/a/b.git.git', 'https://github.com/a/b.git'],
    ['https://gitee.com/ascend/pytorch#policy', 'https://gitee.com/ascend/pytorch'],
    ['not a url/', 'not a url'],
    ['git@github.com:a/b.git', 'git@github.com:a/b'],
  ];
  for (const [input, expected] of cases) assert.equal(normaliseRepoUrl(input), expected, input);
});

void test('parseEolList keeps scalars as strings and indexes by normalised identifier', () => {
  const index = parseEolList(LIST);
  assert.equal(index.size, 3);
  assert.deepEqual(lookupEol(index, 'https://github.com/angular/angular.js'), {
    identifier: 'https://github.com/angular/angular.js',
    eol: 'Y',
    release: ['1.8.0', '1.10'],
    eolTime: '2022-04-13',
  });
  // An unquoted date stays the same string; a single scalar release becomes a one-element list.
  assert.deepEqual(eolResult(lookupEol(index, 'https://gitee.com/ascend/pytorch')), { eol_status: 'N', eol_release: ['2.1.0'], eol_time: '2025-01-01' });
  assert.deepEqual(eolResult(lookupEol(index, 'https://github.com/acme/no-release')), { eol_status: 'Y', eol_release: [], eol_time: '' });
  assert.equal(lookupEol(index, 'https://github.com/angular/angular'), undefined);
});

void test('eolResult: upstream\'s not-listed shape', () => {
  assert.deepEqual(eolResult(undefined), { eol_status: '', eol_release: '', eol_time: '' });
});

void test('parseEolList rejects malformed lists', () => {
  const cases: [string, string, RegExp][] = [
    ['not YAML', 'EOL LIST: [\n  - a: b', /not valid YAML/],
    ['empty file', '', /no "EOL LIST" sequence/],
    ['wrong top-level key', 'EOL: []\n', /no "EOL LIST" sequence/],
    ['top level is a list', '- identifier: x\n', /no "EOL LIST" sequence/],
    ['EOL LIST is a mapping', 'EOL LIST:\n  a: b\n', /no "EOL LIST" sequence/],
    ['entry is a scalar', 'EOL LIST:\n  - https://github.com/a/b\n', /entry 1 of "EOL LIST" is not a mapping/],
    ['entry without identifier', 'EOL LIST:\n  - identifier: https://x/y\n  - repoName: z\n', /entry 2 of "EOL LIST" has no identifier/],
    ['release is a mapping', 'EOL LIST:\n  - identifier: https://x/y\n    release: {a: b}\n', /release must be a list/],
    ['eol is a list', 'EOL LIST:\n  - identifier: https://x/y\n    eol: [Y]\n', /must be scalars/],
    ['duplicate keys', 'EOL LIST:\n  - identifier: https://x/y\n    identifier: https://x/z\n', /not valid YAML/],
  ];
  for (const [name, text, pattern] of cases) {
    assert.throws(() => parseEolList(text), (err: unknown) => err instanceof EolListFormatError && pattern.test(err.message), name);
  }
});

void test('an empty EOL LIST is valid: nothing is listed', () => {
  assert.equal(parseEolList('EOL LIST: []\n').size, 0);
});
