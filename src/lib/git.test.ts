import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeRepo, type FixtureRepo } from '../../test/support/fixtures.js';
import { startGatedGitServer } from '../../test/support/servers.js';
import { CloneError, cloneRepository, type CloneOptions } from './git.js';

describe('cloneRepository hardening', () => {
  let repo: FixtureRepo;
  let work: string;
  let n = 0;

  before(async () => {
    // Random bytes do not compress: the clone really is about 3 MiB.
    repo = await makeRepo({ 'README.md': '# x\n', 'blob.bin': randomBytes(3 * 1024 * 1024) }, { git: true, name: 'capped' });
    work = await mkdtemp(join(tmpdir(), 'oc-git-'));
  });
  after(async () => {
    await repo.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  const options = (overrides: Partial<CloneOptions>): CloneOptions => ({
    url: repo.dir,
    dest: join(work, `clone-${n++}`),
    version: null,
    fullHistory: false,
    worktree: false,
    allowLocal: true,
    timeoutMs: 60_000,
    maxBytes: 1024 * 1024 * 1024,
    ...overrides,
  });

  test('a clone over the size cap fails with a message naming the cap', async () => {
    await assert.rejects(cloneRepository(options({ maxBytes: 1024 * 1024 })), (err: unknown) => err instanceof CloneError && /larger than the clone size cap of 1 MiB/.test(err.message));
    await cloneRepository(options({ maxBytes: 16 * 1024 * 1024 }));
  });

  test('local paths are refused unless local repositories are allowed', async () => {
    await assert.rejects(cloneRepository(options({ allowLocal: false, url: `file://${repo.dir}` })), /git clone failed: .*(not allowed|transport)/);
  });

  test('repository hooks never run: the clone has no hooks folder and no template', async () => {
    const dest = join(work, 'no-hooks');
    await cloneRepository(options({ dest, worktree: true }));
    assert.equal(existsSync(join(dest, '.git', 'hooks')), false);
    assert.equal(execFileSync('git', ['-C', dest, 'rev-parse', '--is-shallow-repository'], { encoding: 'utf8' }).trim(), 'false', 'local clones ignore --depth');
  });

  test('a clone that hangs is stopped at the time limit', async () => {
    const bare = join(work, 'hang.git');
    execFileSync('git', ['clone', '--quiet', '--bare', repo.dir, bare]);
    execFileSync('git', ['-C', bare, 'update-server-info']);
    const server = await startGatedGitServer(bare);
    try {
      const started = Date.now();
      await assert.rejects(cloneRepository(options({ url: server.url, timeoutMs: 1500 })), /git clone timed out after 2 s|git clone timed out/);
      assert.ok(Date.now() - started < 10_000);
    } finally {
      server.open();
      await server.close();
    }
  });

  test('a server that answers 200 to everything (not a git server) fails the clone instead of giving an empty repository', async () => {
    const requests: string[] = [];
    const server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>welcome</html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/acme/repo.git`;
    try {
      for (const fullHistory of [false, true]) {
        await assert.rejects(
          cloneRepository(options({ url, fullHistory })),
          (err: unknown) => err instanceof CloneError && /found no commits: the address is not a git repository, or the repository is empty/.test(err.message),
        );
      }
      assert.ok(requests.length > 0, 'git did ask the server');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('a worktree clone writes files only after inspect accepted the tree', async () => {
    const refused = options({ worktree: true, inspect: async () => Promise.reject(new Error('refused by inspect')) });
    await assert.rejects(cloneRepository(refused), /refused by inspect/);
    assert.deepEqual(readdirSync(refused.dest), ['.git']);
    const accepted = options({ worktree: true, inspect: async () => undefined });
    await cloneRepository(accepted);
    assert.ok(existsSync(join(accepted.dest, 'README.md')));
  });
});
