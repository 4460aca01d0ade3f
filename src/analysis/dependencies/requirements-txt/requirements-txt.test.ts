import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeRepo } from '../../../../test/support/fixtures.js';
import { extractDependencies } from '../extract.js';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { extractor, logicalLines, requirementVersion } from './index.js';

const signal = new AbortController().signal;

test('requirements.txt: includes (with a cycle), extras, markers, hashes, continuations, URLs, CRLF', async () => {
  const repo = await makeRepo({
    'requirements.txt': crlf(fixture('requirements-txt', 'requirements.txt')),
    'requirements/base.txt': fixture('requirements-txt', 'base.txt'),
    'constraints.txt': 'six==1.15.0\n',
  });
  try {
    const results = await extractDependencies(repo.view, signal);
    // requirements/base.txt is a requirements file of its own as well; constraints.txt is not.
    assert.deepEqual(results.map((r) => r.file), ['requirements.txt', 'requirements/base.txt']);
    const packages = results[0]?.packages ?? [];
    assert.deepEqual(ids(packages), [
      'Django@4.2.1',
      'Flask_Login@0.6.3',
      'acme-tool@',
      'attrs@22.1',
      'numpy@1.26.4',
      'pkg-from-git@',
      'pytz@',
      'requests@',
      'six@1.16.0',
      'urllib3@1.26.18',
      'whl-pkg@',
    ]);
    const six = onePackage(packages, 'six');
    assert.equal(six.sourceFile, 'requirements/base.txt');
    assert.equal(six.line, 2);
    assert.equal(six.purl, 'pkg:pypi/six@1.16.0');
    const django = onePackage(packages, 'Django');
    assert.equal(django.line, 6);
    assert.equal(django.purl, 'pkg:pypi/django@4.2.1');
    assert.equal(django.direct, true);
    assert.equal(onePackage(packages, 'numpy').line, 9);
    assert.equal(onePackage(packages, 'Flask_Login').purl, 'pkg:pypi/flask-login@0.6.3');
    const git = onePackage(packages, 'pkg-from-git');
    assert.equal(git.resolution, 'git');
    assert.equal(git.commit, '0123456789abcdef0123456789abcdef01234567');
    assert.equal(onePackage(packages, 'acme-tool').resolution, 'git');
    assert.equal(onePackage(packages, 'whl-pkg').resolution, 'url');
    // The include cycle back to requirements.txt is read once.
    assert.equal(packages.filter((pkg) => pkg.name === 'Django').length, 1);
  } finally {
    await repo.cleanup();
  }
});

test('pip-compile output: `# via` comments tell direct from transitive', async () => {
  const repo = await makeRepo({ 'requirements-lock.txt': fixture('requirements-txt', 'compiled.txt') });
  try {
    const packages = await extractor.extract(repo.view, 'requirements-lock.txt', signal);
    assert.deepEqual(ids(packages), ['asgiref@3.7.2', 'django@4.2.1', 'djangorestframework@3.14.0', 'sqlparse@0.4.4']);
    assert.equal(onePackage(packages, 'asgiref').direct, false);
    assert.equal(onePackage(packages, 'django').direct, true);
    assert.equal(onePackage(packages, 'djangorestframework').direct, true);
    assert.equal(onePackage(packages, 'sqlparse').direct, false);
    assert.equal(onePackage(packages, 'sqlparse').line, 16);
  } finally {
    await repo.cleanup();
  }
});

test('logical lines: continuations keep the first line number; comments need whitespace before #', () => {
  assert.deepEqual(logicalLines('a==1 \\\n  --hash=x\nb @ https://h.example.test/b.zip#sha=1 # note\n'), [
    { text: 'a==1    --hash=x', line: 1, via: [] },
    { text: 'b @ https://h.example.test/b.zip#sha=1', line: 3, via: [] },
  ]);
  assert.equal(extractor.matches('requirements-dev.txt'), true);
  assert.equal(extractor.matches('requirements/test.txt'), true);
  assert.equal(extractor.matches('docs/notes.txt'), false);
});

test('per-requirement options, continuation lines and lowest versions, as OSV-Scanner reads them', async () => {
  const text = fixture('requirements-txt', 'options-requirements.txt');
  const repo = await makeRepo({ 'requirements.txt': text });
  try {
    const packages = await extractor.extract(repo.view, 'requirements.txt', signal);
    assert.deepEqual(ids(packages), [
      'BarProject@1.2',
      'FooProject@1.2',
      'boto3@1.26.121',
      'escaped@4.5\\\\',
      'hashed@2.0.0',
      'joined@1.2.3',
      'marker-and-hash@1.0',
      'not-equal@',
      'ranged@',
      'settings@3.1',
      'short-option@0.9',
      'tail@7.8.9',
      'trailing@1.0',
      'upper-bound@',
    ]);
    const joined = onePackage(packages, 'joined');
    assert.equal(joined.line, text.split('\n').indexOf('joined==\\') + 1, 'a continued requirement is declared on its first line');
    assert.equal(onePackage(packages, 'tail').line, text.split('\n').indexOf('tail==7.8.9 \\') + 1);
  } finally {
    await repo.cleanup();
  }
  assert.equal(requirementVersion('>=1.2'), '1.2');
  assert.equal(requirementVersion('~=1.4.2'), '1.4.2');
  assert.equal(requirementVersion('===1.0+local'), '1.0+local');
  assert.equal(requirementVersion('>=1,<2'), '');
  assert.equal(requirementVersion('<=2.0'), '');
  assert.equal(requirementVersion('!=1.5'), '');
  assert.equal(requirementVersion('==1.*'), '');
});

test('an include of a missing file is an error for the including file, as in OSV-Scanner; URLs and paths outside are skipped', async () => {
  const repo = await makeRepo({
    'requirements.txt': 'flask==3.0.0\n-r missing.txt\n',
    'ok/requirements.txt': '-r https://example.test/remote.txt\n-r ../../outside.txt\n-rsibling.txt\nflask==3.0.0\n',
    'ok/sibling.txt': 'click==8.1.7\n',
  });
  try {
    const results = await extractDependencies(repo.view, signal);
    const bad = results.find((result) => result.file === 'requirements.txt');
    assert.match(bad?.error ?? '', /^requirements\.txt: line 2: -r missing\.txt: no such file in the repository$/);
    assert.deepEqual(bad?.packages, []);
    const ok = results.find((result) => result.file === 'ok/requirements.txt');
    assert.equal(ok?.error, undefined);
    assert.deepEqual(ids(ok?.packages ?? []), ['click@8.1.7', 'flask@3.0.0'], '`-rfile` without a space is an include too');
  } finally {
    await repo.cleanup();
  }
});
