import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeRepo } from '../../../../test/support/fixtures.js';
import { extractDependencies } from '../extract.js';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { parseYarnLock } from './index.js';

const signal = new AbortController().signal;

test('classic lockfile: multi-descriptor headers, aliases, git/file dependencies, graph and lines', () => {
  const text = fixture('yarn-lock', 'v1.lock');
  const packages = parseYarnLock(text, 'yarn.lock');
  assert.deepEqual(ids(packages), [
    '@babel/code-frame@7.12.13',
    '@babel/highlight@7.14.0',
    'is-thing@1.0.0',
    'js-tokens@4.0.0',
    'left-pad@1.3.0',
    'local-lib@0.1.0',
    'lodash@3.10.1',
    'lodash@4.17.21',
    'typescript@5.4.5',
  ]);
  const frame = onePackage(packages, '@babel/code-frame');
  assert.equal(frame.line, 5);
  assert.equal(frame.purl, 'pkg:npm/%40babel/code-frame@7.12.13');
  assert.deepEqual(frame.dependsOn, ['pkg:npm/%40babel/highlight@7.14.0']);
  assert.equal(frame.resolution, 'registry');
  // Without package.json the file does not say what is direct.
  assert.equal(frame.direct, undefined);
  assert.equal(onePackage(packages, 'js-tokens').line, 23);
  const leftPad = onePackage(packages, 'left-pad');
  assert.equal(leftPad.resolution, 'git');
  assert.equal(leftPad.commit, '5eb2ec9c1e8d3c3e4e1b6c5d1f2a3b4c5d6e7f80');
  assert.equal(onePackage(packages, 'local-lib').resolution, 'local');
  // The registry tarball's `#sha1` is not a commit.
  assert.equal(onePackage(packages, 'lodash', '4.17.21').commit, undefined);
  assert.deepEqual(parseYarnLock(crlf(text), 'yarn.lock'), packages);
});

test('classic lockfile with workspaces: direct and dev from the root and member manifests', async () => {
  const repo = await makeRepo({
    'yarn.lock': crlf(fixture('yarn-lock', 'v1.lock')),
    'package.json': fixture('yarn-lock', 'v1-package.json'),
    'packages/app/package.json': fixture('yarn-lock', 'v1-member-package.json'),
    'other/package.json': '{"dependencies": {"js-tokens": "^4.0.0"}}',
    'broken/yarn.lock': fixture('yarn-lock', 'malformed-v1.lock'),
  });
  try {
    const results = await extractDependencies(repo.view, signal);
    assert.match(results[0]?.error ?? '', /^broken\/yarn\.lock: line 5: nested value outside a section/);
    const packages = results[1]?.packages ?? [];
    assert.equal(onePackage(packages, 'lodash', '4.17.21').direct, true);
    assert.equal(onePackage(packages, 'lodash', '3.10.1').direct, true, 'through the old-lodash alias');
    assert.equal(onePackage(packages, 'is-thing').direct, true, 'declared by the workspace member');
    assert.equal(onePackage(packages, 'js-tokens').direct, false, 'other/ is not a workspace');
    assert.equal(onePackage(packages, 'typescript').dev, true);
    assert.equal(onePackage(packages, 'lodash', '4.17.21').dev, false);
    assert.equal(onePackage(packages, 'js-tokens').dev, undefined);
  } finally {
    await repo.cleanup();
  }
});

test('Berry lockfile: workspaces, aliases, git commits, patches skipped, graph', () => {
  const text = fixture('yarn-lock', 'berry.lock');
  const packages = parseYarnLock(text, 'yarn.lock');
  assert.deepEqual(ids(packages), [
    '@acme/app@0.0.0-use.local',
    'js-tokens@4.0.0',
    'left-pad@1.3.0',
    'lodash@3.10.1',
    'lodash@4.17.21',
    'loose-envify@1.4.0',
    'monorepo@0.0.0-use.local',
    'react-dom@18.2.0',
    'react@18.2.0',
    'resolve@1.22.8',
  ]);
  const react = onePackage(packages, 'react');
  assert.equal(react.direct, true);
  assert.equal(react.line, text.split('\n').indexOf('"my-react@npm:react@^18.2.0":') + 1);
  assert.deepEqual(react.dependsOn, ['pkg:npm/loose-envify@1.4.0']);
  assert.equal(onePackage(packages, 'lodash', '3.10.1').direct, true);
  assert.equal(onePackage(packages, 'loose-envify').direct, false);
  assert.deepEqual(onePackage(packages, 'loose-envify').dependsOn, ['pkg:npm/js-tokens@4.0.0']);
  const leftPad = onePackage(packages, 'left-pad');
  assert.equal(leftPad.resolution, 'git');
  assert.equal(leftPad.commit, '5eb2ec9c1e8d3c3e4e1b6c5d1f2a3b4c5d6e7f80');
  assert.equal(leftPad.direct, true);
  assert.equal(onePackage(packages, 'monorepo').resolution, 'local');
  assert.equal(onePackage(packages, 'lodash', '4.17.21').line, 37);
  assert.deepEqual(parseYarnLock(crlf(text), 'yarn.lock'), packages);
});
