import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cloneRepository } from '../git.js';
import { makeContext, makeRepo, type FixtureRepo } from '../../../test/support/fixtures.js';
import { GitRepoView, parseLsTree } from './git-repo-view.js';
import { loadAllCheckers } from '../../checkers/registry.js';
import { FsRepoView } from './repo-view.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

describe('GitRepoView reads a clone without a worktree exactly as FsRepoView reads the checkout', () => {
  let fixture: FixtureRepo;
  let work: string;
  let git: GitRepoView;
  let fs: FsRepoView;

  before(async () => {
    fixture = await makeRepo(
      {
        'README.md': '# demo\n',
        'docs/README.zh.md': '# 演示\n',
        'dir with space/ünïcode file.txt': 'x\n',
        'empty.txt': '',
        'logo.png': PNG,
        '.github/CODEOWNERS': '* @acme\n',
        '.github/dependabot.yml': 'version: 2\n',
        'SECURITY.md': 'Report to security@example.com, see https://example.com/security. We disclose after 90 days.\n',
        'README.OpenSource': '[{"Name":"a","License":"MIT","License File":"L","Version Number":"1","Owner":"o","Upstream URL":"u","Description":"d"}]',
        'big.txt': 'line\n'.repeat(100_000),
        'package.json': '{"name":"x","renovate":{"extends":["config:base"]}}',
        'test/ignored.bin': Buffer.from([0, 1, 2, 3, 0, 0, 255]),
        'bin/tool': Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64)]),
      },
      { git: false },
    );
    symlinkSync('README.md', join(fixture.dir, 'link-to-readme'));
    execFileSync('git', ['-C', fixture.dir, 'init', '--quiet', '--initial-branch=main']);
    execFileSync('git', ['-C', fixture.dir, 'add', '--all']);
    execFileSync('git', ['-C', fixture.dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '-m', 'x']);
    work = await mkdtemp(join(tmpdir(), 'oc-gitview-'));
    await cloneRepository({ url: fixture.dir, dest: join(work, 'demo'), version: null, fullHistory: false, worktree: false, allowLocal: true, timeoutMs: 60_000, maxBytes: 1e9 });
    git = new GitRepoView(join(work, 'demo'), 'demo', 'HEAD', { maxReadBytes: 64 * 1024 });
    fs = new FsRepoView(fixture.dir, 'demo', { maxReadBytes: 64 * 1024 });
  });

  after(async () => {
    await git.close();
    await fixture.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  test('no worktree was written', () => {
    const listing = execFileSync('ls', ['-A', join(work, 'demo')], { encoding: 'utf8' }).trim();
    assert.equal(listing, '.git');
  });

  test('the same files with the same sizes; symlinks left out', async () => {
    assert.deepEqual(await git.files(), await fs.files());
    assert.ok(!(await git.files()).some((file) => file.path === 'link-to-readme'));
  });

  test('the same contents, heads, caps and binary verdicts', async () => {
    for (const file of await fs.files()) {
      assert.equal(await git.readText(file.path), await fs.readText(file.path), file.path);
      assert.deepEqual(await git.head(file.path, 100), await fs.head(file.path, 100), file.path);
      assert.equal(await git.isBinary(file.path), await fs.isBinary(file.path), file.path);
    }
    assert.equal((await git.readText('big.txt')).length, 64 * 1024);
  });

  test('many concurrent reads through the one cat-file process stay in order', async () => {
    const paths = (await fs.files()).map((file) => file.path);
    const many = await Promise.all(Array.from({ length: 200 }, (_, i) => git.head(paths[i % paths.length] as string, 4100)));
    const expected = await Promise.all(Array.from({ length: 200 }, (_, i) => fs.head(paths[i % paths.length] as string, 4100)));
    assert.deepEqual(many, expected);
  });

  test('a missing path is an ENOENT error, and paths outside the repository are refused', async () => {
    await assert.rejects(git.readText('nope.txt'), /ENOENT/);
    await assert.rejects(git.readText('../etc/passwd'), /outside the repository view/);
    await assert.rejects(git.readText('.git/config'), /outside the repository view/);
  });

  test('every checker gives the same result on both views', async () => {
    for (const checker of await loadAllCheckers()) {
      // Commands that need configuration or the network (services, LLMs, scanners) are not about the view.
      if (checker.requirements.checkout === 'none' || checker.requirements.commitHash || checker.requirements.network === true || checker.requirements.config?.length) continue;
      // ScanCode-style `headers` carry the run's timestamps and duration: everything else must match.
      const withoutRunHeaders = (result: unknown): unknown =>
        result && typeof result === 'object' && !Array.isArray(result) && 'headers' in result ? { ...result, headers: null } : result;
      const onGit = withoutRunHeaders(await checker.run(makeContext(git)));
      const onFs = withoutRunHeaders(await checker.run(makeContext(fs)));
      assert.deepEqual(onGit, onFs, checker.name);
    }
  });
});

test('parseLsTree keeps regular files and skips symlinks and submodules', () => {
  const oid = 'a'.repeat(40);
  const output = [
    `100644 blob ${oid}      12\tsrc/a.txt`,
    `100755 blob ${oid}       3\tbin/run`,
    `120000 blob ${oid}       9\tlink`,
    `160000 commit ${oid}       -\tvendor/sub`,
    `100644 blob ${oid}       0\tname with\ttab`,
  ].join('\0');
  assert.deepEqual(
    parseLsTree(`${output}\0`).map((e) => [e.path, e.size]),
    [
      ['src/a.txt', 12],
      ['bin/run', 3],
      ['name with\ttab', 0],
    ],
  );
  assert.throws(() => parseLsTree('garbage\0'), /unexpected git ls-tree line/);
});

test('a repository without commits has no files', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'oc-empty-'));
  execFileSync('git', ['-C', dir, 'init', '--quiet']);
  const view = new GitRepoView(dir, 'empty');
  try {
    assert.deepEqual(await view.files(), []);
  } finally {
    await view.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('a clone without worktree at a tag and at a commit points HEAD there', async () => {
  const fixture = await makeRepo({ 'a.txt': 'one\n' }, { git: true, name: 'hist' });
  const first = fixture.git('rev-parse', 'HEAD').trim();
  fixture.git('tag', 'v1');
  await (await import('node:fs/promises')).writeFile(join(fixture.dir, 'a.txt'), 'two\n');
  fixture.git('commit', '--quiet', '-am', 'two');
  const work = await mkdtemp(join(tmpdir(), 'oc-gitview-rev-'));
  try {
    for (const version of ['v1', first]) {
      const dest = join(work, version.slice(0, 8));
      await cloneRepository({ url: fixture.dir, dest, version, fullHistory: false, worktree: false, allowLocal: true, timeoutMs: 60_000, maxBytes: 1e9 });
      const view = new GitRepoView(dest, 'hist');
      assert.equal(await view.readText('a.txt'), 'one\n', version);
      await view.close();
    }
    await assert.rejects(
      cloneRepository({ url: fixture.dir, dest: join(work, 'bad'), version: 'v9', fullHistory: false, worktree: false, allowLocal: true, timeoutMs: 60_000, maxBytes: 1e9 }),
      /version "v9" was not found/,
    );
  } finally {
    await fixture.cleanup();
    await rm(work, { recursive: true, force: true });
  }
});

describe('a file name with a backslash is an ordinary file on both views (it switched off whole checkers)', () => {
  let fixture: FixtureRepo;
  let work: string;
  let git: GitRepoView;

  before(async () => {
    fixture = await makeRepo({ 'main.c': 'int main(void) { return 0; }\n', 'fuzz\\harness.c': 'int LLVMFuzzerTestOneInput(const char *d, long n) {\n  return 0;\n}\n' }, { git: true });
    // Also straight into the object store with plumbing, as a hostile forge would serve it.
    const blob = join(fixture.dir, '..', 'blob.c');
    await writeFile(blob, 'static int x = 1;\n');
    const oid = fixture.git('hash-object', '-w', '--', blob).trim();
    fixture.git('update-index', '--add', '--cacheinfo', `100644,${oid},back\\slash.c`);
    fixture.git('checkout-index', '--', 'back\\slash.c');
    fixture.git('commit', '--quiet', '-m', 'backslash');
    work = await mkdtemp(join(tmpdir(), 'oc-gitview-bs-'));
    await cloneRepository({ url: fixture.dir, dest: join(work, 'demo'), version: null, fullHistory: false, worktree: false, allowLocal: true, timeoutMs: 60_000, maxBytes: 1e9 });
    git = new GitRepoView(join(work, 'demo'), 'demo');
  });

  after(async () => {
    await git.close();
    await fixture.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  test('listed and readable under its own name; \\ never acts as a separator', async () => {
    for (const view of [git, fixture.view]) {
      assert.deepEqual(
        (await view.files()).map((file) => file.path),
        ['back\\slash.c', 'fuzz\\harness.c', 'main.c'],
      );
      assert.match(await view.readText('fuzz\\harness.c'), /LLVMFuzzerTestOneInput/);
      // `..\..\x` is a (missing) name in the root, not a way out of it.
      await assert.rejects(view.readText('..\\..\\etc\\passwd'), /ENOENT/);
      await assert.rejects(view.readText('fuzz/harness.c'), /ENOENT/);
    }
  });

  test('code-count, languages-detector and fuzzing-checker count it like any other file', async () => {
    const checkers = new Map((await loadAllCheckers()).map((checker) => [checker.name, checker]));
    for (const view of [git, fixture.view]) {
      const run = (name: string): Promise<unknown> => (checkers.get(name) as NonNullable<ReturnType<typeof checkers.get>>).run(makeContext(view));
      const counts = (await run('code-count')) as { code_count: number; code_count_by_language: Record<string, { files: number }> };
      assert.equal(counts.code_count_by_language.C?.files, 3);
      const languages = (await run('languages-detector')) as Record<string, { files: string[] }>;
      assert.deepEqual(languages.C?.files, ['back\\slash.c', 'fuzz\\harness.c', 'main.c']);
      const fuzzers = (await run('fuzzing-checker')) as { tool: string; found: boolean; files: string[] }[];
      assert.deepEqual(fuzzers.find((entry) => entry.tool === 'LibFuzzer')?.files, ['demo/fuzz\\harness.c']);
    }
  });
});
