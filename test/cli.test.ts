/** The `openchecker` command line as a user runs it: real processes, real folders. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/lib/paths.js';
import { makeRepo, type FixtureRepo } from './support/fixtures.js';
import { cacheEnv } from './support/fixtures.js';

const BIN = join(packageRoot(), 'bin', 'openchecker.js');

function cli(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? tmpdir(),
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...cacheEnv(), ...options.env },
    input: options.input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('openchecker CLI', () => {
  let work: string;
  let repo: FixtureRepo;

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'oc-cli-'));
    repo = await makeRepo({ 'README.md': '# x\n', 'MAINTAINERS': 'me\n', 'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) }, { git: true, name: 'tool' });
  });
  after(async () => {
    await repo.cleanup();
    await rm(work, { recursive: true, force: true });
  });

  test('every command has --help', () => {
    for (const command of [[], ['up'], ['check'], ['submit'], ['commands'], ['users'], ['users', 'add'], ['users', 'list'], ['users', 'remove'], ['users', 'passwd'], ['config'], ['config', 'example'], ['config', 'check'], ['cache'], ['cache', 'stats'], ['cache', 'prune']]) {
      const result = cli([...command, '--help']);
      assert.equal(result.status, 0, `${command.join(' ')} --help: ${result.stderr}`);
      assert.match(result.stdout, /Usage: openchecker/, command.join(' '));
    }
  });

  test('check on a local folder prints the callback payload, with progress on stderr', () => {
    const result = cli(['check', repo.dir, '-c', 'readme-checker', 'maintainers-checker', 'binary-checker']);
    assert.equal(result.status, 0, result.stderr);
    const payload = JSON.parse(result.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(payload), ['command_list', 'project_url', 'task_metadata', 'scan_results']);
    assert.deepEqual(payload.scan_results, {
      'readme-checker': { readme_file: ['tool/README.md'] },
      'maintainers-checker': { maintainers_file: ['tool/MAINTAINERS'] },
      'binary-checker': { binary_file_list: ['tool/logo.png'], binary_archive_list: [] },
    });
    assert.match(result.stderr, /\[3\/3\]/);
  });

  test('an option value refused while the command line is parsed is a usage error (exit 2), not a crash', () => {
    const result = cli(['rescan', '--vulns', '--limit', 'lots']);
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /--limit must be a whole number/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  });

  test('check keeps a result cache: a second run reuses the stored results, --fresh and --no-cache compute; cache stats and prune', async () => {
    const cacheHome = await mkdtemp(join(tmpdir(), 'oc-cli-cache-'));
    try {
      const env = { XDG_CACHE_HOME: cacheHome, OPENCHECKER_CACHE_GIT_DIR: join(cacheHome, 'git') };
      const commands = ['-c', 'readme-checker', 'binary-checker', 'languages-detector'];
      const first = cli(['check', repo.dir, ...commands], { env });
      assert.equal(first.status, 0, first.stderr);
      assert.doesNotMatch(first.stderr, /reused/);
      const second = cli(['check', repo.dir, ...commands], { env });
      assert.equal(second.status, 0, second.stderr);
      assert.match(second.stderr, /reused stored results of readme-checker, binary-checker, languages-detector/);
      assert.deepEqual(JSON.parse(second.stdout), JSON.parse(first.stdout));
      for (const flag of ['--fresh', '--no-cache']) {
        const computed = cli(['check', repo.dir, ...commands, flag], { env });
        assert.equal(computed.status, 0, computed.stderr);
        assert.doesNotMatch(computed.stderr, /reused/, flag);
        assert.deepEqual(JSON.parse(computed.stdout), JSON.parse(first.stdout), flag);
      }
      const stats = cli(['cache', 'stats', '--check', '--json'], { env });
      assert.equal(stats.status, 0, stats.stderr);
      const { results } = JSON.parse(stats.stdout) as { results: { results: Record<string, { entries: number }>; counters: { kind: string; hits: number }[] } };
      assert.equal(results.results['readme-checker']?.entries, 1);
      assert.equal(results.counters.find((c) => c.kind === 'result:readme-checker')?.hits, 1);
      assert.match(cli(['cache', 'stats', '--check'], { env }).stdout, /result cache .*\n[\s\S]*readme-checker/);
      const pruned = cli(['cache', 'prune', '--check', '--all', '--results'], { env });
      assert.equal(pruned.status, 0, pruned.stderr);
      assert.match(pruned.stdout, /result cache: removed \d+ entries/);
      const after = cli(['check', repo.dir, ...commands], { env });
      assert.doesNotMatch(after.stderr, /reused/, 'pruned: computed again');
      assert.equal(cli(['cache', 'prune', '--check', '--max-mb', 'lots'], { env }).status, 2);
    } finally {
      await rm(cacheHome, { recursive: true, force: true });
    }
  });

  test('check at a version clones the local repository; --format table and --output write a summary', async () => {
    repo.git('tag', 'v1');
    const out = join(work, 'report.txt');
    const result = cli(['check', repo.dir, '-c', 'readme-checker', 'url-checker', '--version', 'v1', '--format', 'table', '--output', out]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /cloning .* at v1/);
    const table = await readFile(out, 'utf8');
    assert.match(table, /^COMMAND\s+STATUS\s+SUMMARY/);
    assert.match(table, /readme-checker\s+ok\s+1 found: tool\/README.md/);
    assert.match(table, /url-checker\s+error\s+url-checker needs an http\(s\) project URL/);
  });

  test('check refuses unknown commands and bad input with exit code 2 and a message saying what to do', () => {
    const unknown = cli(['check', repo.dir, '-c', 'nope']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown commands: nope\. Valid commands: .*readme-checker/);
    const option = cli(['check', '--', '--upload-pack=x']);
    assert.equal(option.status, 2);
    assert.match(option.stderr, /must not start with "-"/);
  });

  test('commands lists every upstream command and marks what is available', () => {
    const result = cli(['commands', '--json']);
    assert.equal(result.status, 0);
    const commands = JSON.parse(result.stdout) as { name: string; available: boolean }[];
    assert.ok(commands.length >= 33);
    assert.equal(commands.find((c) => c.name === 'readme-checker')?.available, true);
    assert.match(cli(['commands']).stdout, /readme-checker\s+Lists README files/);
  });

  test('users add, list, passwd and remove manage the embedded store', () => {
    const dataDir = join(work, 'data');
    const add = cli(['users', 'add', 'alice', '--data-dir', dataDir, '--role', 'admin', '--password-stdin'], { input: 'a-long-password\n' });
    assert.equal(add.status, 0, add.stderr);
    assert.match(add.stdout, /added admin "alice"/);
    assert.doesNotMatch(add.stdout, /a-long-password/, 'a given password is never echoed');
    const generated = cli(['users', 'add', 'bob', '--data-dir', dataDir]);
    assert.match(generated.stdout, /added user "bob"; password: \S{16,}/);
    const duplicate = cli(['users', 'add', 'bob', '--data-dir', dataDir]);
    assert.equal(duplicate.status, 1);
    assert.match(duplicate.stderr, /exists already/);
    assert.match(cli(['users', 'list', '--data-dir', dataDir]).stdout, /alice\tadmin[\s\S]*bob\tuser/);
    assert.equal(cli(['users', 'passwd', 'bob', '--data-dir', dataDir], { env: { OPENCHECKER_NEW_PASSWORD: 'another-long-one' } }).status, 0);
    assert.equal(cli(['users', 'remove', 'bob', '--data-dir', dataDir]).status, 0);
    assert.doesNotMatch(cli(['users', 'list', '--data-dir', dataDir]).stdout, /bob/);
    const missing = cli(['users', 'remove', 'carol', '--data-dir', dataDir]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no user "carol"/);
  });

  test('config check names a bad key and where it came from; secrets stay hidden', async () => {
    const bad = cli(['config', 'check'], { env: { OPENCHECKER_OPENCHECK_PORT: 'eighty' } });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /\[OpenCheck\] port = "eighty" \(from environment variable OPENCHECKER_OPENCHECK_PORT\): must be a whole number/);
    const file = join(work, 'config.ini');
    await writeFile(file, '[JWT]\nsecret_key = s3cret-value-that-is-long\n');
    const good = cli(['config', 'check', '--config', file]);
    assert.equal(good.status, 0, good.stderr);
    assert.doesNotMatch(good.stdout, /s3cret/);
    assert.match(good.stdout, /"secret_key": "\*\*\*\*\*\*\*\*"/);
  });

  test('submit explains an unreachable server', () => {
    const result = cli(['submit', 'https://github.com/a/b', '-c', 'readme-checker', '--server', 'http://127.0.0.1:9', '--user', 'u', '--password', 'p']);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /cannot reach http:\/\/127\.0\.0\.1:9.*Is the server running/);
  });
});
