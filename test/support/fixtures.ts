/** Builds small fixture repositories in temp folders and checker contexts around them, for tests. */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadConfig } from '../../src/config/load.js';
import { configSchema, envName, type Config } from '../../src/config/schema.js';
import { FsRepoView, type RepoView } from '../../src/lib/repo/repo-view.js';
import type { CheckContext, TaskInfo } from '../../src/checkers/types.js';
import { silentLogger } from '../../src/lib/log.js';
import { MemoryCache } from '../../src/lib/shared-cache.js';

export interface FixtureRepo {
  dir: string;
  view: RepoView;
  /** Runs git in the fixture (argument array). */
  git(...args: string[]): string;
  cleanup(): Promise<void>;
}

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Fixture',
  GIT_AUTHOR_EMAIL: 'fixture@example.test',
  GIT_COMMITTER_NAME: 'Fixture',
  GIT_COMMITTER_EMAIL: 'fixture@example.test',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export async function writeFiles(dir: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const target = join(dir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

/**
 * A folder named `name` holding `files`; with `git: true` it is a git repository with one commit of them.
 */
export async function makeRepo(files: Record<string, string | Buffer>, options: { git?: boolean; name?: string } = {}): Promise<FixtureRepo> {
  const parent = await mkdtemp(join(tmpdir(), 'oc-fixture-'));
  const name = options.name ?? 'demo';
  const dir = join(parent, name);
  await mkdir(dir, { recursive: true });
  await writeFiles(dir, files);
  const git = (...args: string[]): string => execFileSync('git', ['-C', dir, ...args], { env: GIT_ENV, encoding: 'utf8' });
  if (options.git) {
    git('init', '--quiet', '--initial-branch=main');
    git('add', '--all');
    git('commit', '--quiet', '--allow-empty', '-m', 'initial');
  }
  return {
    dir,
    view: new FsRepoView(dir, name),
    git,
    cleanup: () => rm(parent, { recursive: true, force: true }),
  };
}

/**
 * Configuration for a test: the defaults, except that every outside service's base URL points at a closed
 * local port, so a test that forgets its fake server fails at once instead of quietly reaching a real
 * service (the npm registry is reachable from these machines), and that outbound connections may reach
 * loopback, where the tests' fake servers listen ([Network] allow_loopback; the hosted default refuses it).
 * `env` overrides, as OPENCHECKER_* variables.
 */
export function testConfig(env: NodeJS.ProcessEnv = {}): Config {
  // The suite's git cache (scripts/run-tests.mjs), never the machine's default folder.
  const gitCache = { OPENCHECKER_CACHE_GIT_DIR: process.env.OPENCHECKER_CACHE_GIT_DIR ?? join(tmpdir(), 'openchecker-test-git-cache') };
  return loadConfig({ env: { ...offlineServiceEnv(), OPENCHECKER_NETWORK_ALLOW_LOOPBACK: 'true', ...gitCache, ...env }, cwd: tmpdir() }).config;
}

/** A closed port on loopback: connections are refused immediately. */
export const UNREACHABLE_URL = 'http://127.0.0.1:9';

function offlineServiceEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [section, keys] of Object.entries(configSchema)) {
    for (const key of Object.keys(keys)) {
      if (key.endsWith('_url') && section !== 'Database' && section !== 'RabbitMQ') env[envName(section, key)] = UNREACHABLE_URL;
    }
  }
  return env;
}

export function makeTask(overrides: Partial<TaskInfo> = {}): TaskInfo {
  return {
    taskId: '00000000-0000-4000-8000-000000000000',
    projectUrl: 'https://github.com/acme/demo',
    repoName: 'demo',
    commitHash: null,
    accessToken: null,
    versionNumber: null,
    metadata: {},
    ...overrides,
  };
}

export function makeContext(view: RepoView, overrides: Partial<Omit<CheckContext, 'task'>> & { task?: Partial<TaskInfo> } = {}): CheckContext {
  const { task, ...rest } = overrides;
  return {
    task: makeTask({ repoName: view.name, ...task }),
    repo: view,
    config: testConfig(),
    configDir: tmpdir(),
    signal: new AbortController().signal,
    log: silentLogger(),
    cache: new MemoryCache(),
    ...rest,
  };
}

/** The caches the test runner set up for the suite (scripts/run-tests.mjs), for child processes given a clean environment. */
export function cacheEnv(): Record<string, string> {
  return Object.fromEntries(['XDG_CACHE_HOME', 'OPENCHECKER_CACHE_GIT_DIR'].flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])));
}
