import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeContext, makeRepo, writeFiles, type FixtureRepo } from '../../../test/support/fixtures.js';
import { CheckerInputError } from '../types.js';
import { checker } from './index.js';

/** A repository with a base commit and one later commit that adds, deletes, modifies and renames files. */
async function historyRepo(): Promise<{ repo: FixtureRepo; base: string }> {
  const repo = await makeRepo(
    {
      'src/a.py': 'print("a")\n',
      'src/keep.py': 'x = 1\n',
      'old.txt': 'obsolete\n',
      'docs/guide.md': 'a long enough guide so that git detects the rename by similarity\n'.repeat(5),
    },
    { git: true },
  );
  const base = repo.git('rev-parse', 'HEAD').trim();
  await writeFiles(repo.dir, { 'src/a.py': 'print("changed")\n', 'src/new.py': 'y = 2\n', 'données/ünï code.txt': 'é\n' });
  repo.git('rm', '--quiet', 'old.txt');
  repo.git('mv', 'docs/guide.md', 'docs/handbook.md');
  repo.git('add', '--all');
  repo.git('commit', '--quiet', '-m', 'change');
  return { repo, base };
}

function inputError(pattern: RegExp): (err: unknown) => boolean {
  return (err) => err instanceof CheckerInputError && pattern.test(err.message);
}

void test('lists changed, new, renamed, deleted and modified files since the commit', async (t) => {
  const { repo, base } = await historyRepo();
  t.after(() => repo.cleanup());
  const result = await checker.run(makeContext(repo.view, { task: { commitHash: base } }));
  assert.deepEqual(result, {
    changed_files: ['docs/handbook.md', 'données/ünï code.txt', 'old.txt', 'src/a.py', 'src/new.py'],
    new_files: ['données/ünï code.txt', 'src/new.py'],
    rename_files: ['docs/handbook.md'],
    deleted_files: ['old.txt'],
    modified_files: ['src/a.py'],
  });
});

void test('an abbreviated commit id works', async (t) => {
  const { repo, base } = await historyRepo();
  t.after(() => repo.cleanup());
  const result = (await checker.run(makeContext(repo.view, { task: { commitHash: base.slice(0, 10) } }))) as Record<string, string[]>;
  assert.deepEqual(result.modified_files, ['src/a.py']);
});

void test('HEAD itself gives five empty lists (nothing changed is a normal result)', async (t) => {
  const repo = await makeRepo({ 'a.txt': 'a' }, { git: true });
  t.after(() => repo.cleanup());
  const head = repo.git('rev-parse', 'HEAD').trim();
  assert.deepEqual(await checker.run(makeContext(repo.view, { task: { commitHash: head } })), {
    changed_files: [],
    new_files: [],
    rename_files: [],
    deleted_files: [],
    modified_files: [],
  });
});

void test('an unknown commit is an error, not empty lists', async (t) => {
  const repo = await makeRepo({ 'a.txt': 'a' }, { git: true });
  t.after(() => repo.cleanup());
  await assert.rejects(
    checker.run(makeContext(repo.view, { task: { commitHash: 'deadbeefdeadbeefdeadbeefdeadbeefdeadbeef' } })),
    inputError(/^commit deadbeefdeadbeefdeadbeefdeadbeefdeadbeef was not found in the repository history$/),
  );
});

void test('a commit id that is not hex (an option, a range, a ref) is refused before git runs', async (t) => {
  const repo = await makeRepo({ 'a.txt': 'a' }, { git: true });
  t.after(() => repo.cleanup());
  for (const commitHash of ['--output=/tmp/pwned', '-p', 'HEAD~1', 'abc', 'abcd..HEAD']) {
    await assert.rejects(checker.run(makeContext(repo.view, { task: { commitHash } })), inputError(/is not a commit id/), commitHash);
  }
  await assert.rejects(checker.run(makeContext(repo.view, { task: { commitHash: null } })), inputError(/^No commit hash provided$/));
});

void test('a hex id naming a blob, not a commit, is not found', async (t) => {
  const repo = await makeRepo({ 'a.txt': 'a' }, { git: true });
  t.after(() => repo.cleanup());
  const blob = repo.git('rev-parse', 'HEAD:a.txt').trim();
  await assert.rejects(checker.run(makeContext(repo.view, { task: { commitHash: blob } })), inputError(/was not found/));
});

void test('a folder that is not a git repository is a failure, not an empty result', async (t) => {
  const repo = await makeRepo({ 'a.txt': 'a' });
  t.after(() => repo.cleanup());
  await assert.rejects(
    checker.run(makeContext(repo.view, { task: { commitHash: 'abcdef12' } })),
    (err: unknown) => err instanceof Error && !(err instanceof CheckerInputError) && /not a git repository/.test(err.message),
  );
});

void test('requirements: full history, commit hash and git', () => {
  assert.deepEqual(checker.requirements, { checkout: 'full', commitHash: true, tools: ['git'] });
});
