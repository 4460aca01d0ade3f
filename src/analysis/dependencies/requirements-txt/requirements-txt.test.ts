import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeRepo } from '../../../../test/support/fixtures.js';
import { extractDependencies } from '../extract.js';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { extractor, logicalLines } from './index.js';

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
      'attrs@',
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
