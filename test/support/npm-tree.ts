/**
 * Real-world file trees for cross-checks and benchmarks: well-known npm packages installed once into a cache
 * folder (keyed by the package list) and reused by every test and benchmark that asks for the same set.
 * Installation uses the user's own npm configuration (registry included); nothing here names a registry.
 */
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** More than 100 package folders from a handful of popular packages: for per-package cross-checks. */
export const MEDIUM_TREE = ['express@4.21.2', 'eslint@8.57.1', 'yargs@17.7.2', 'chalk@4.1.2', 'semver@7.6.3'];

/** About ten thousand files from ten popular packages: for benchmarks and tree-wide cross-checks. */
export const LARGE_TREE = [
  'typescript@5.6.3',
  'lodash@4.17.21',
  'react@18.3.1',
  'react-dom@18.3.1',
  'express@4.21.2',
  'webpack@5.96.1',
  '@babel/core@7.26.0',
  'eslint@8.57.1',
  'moment@2.30.1',
  'rxjs@7.8.1',
];

export interface NpmTree {
  /** The folder holding package.json and node_modules/. */
  dir: string;
  /** `<dir>/node_modules`. */
  nodeModules: string;
}

export function npmTreeCacheDir(packages: readonly string[]): string {
  const key = createHash('sha256').update(packages.join('\n')).digest('hex').slice(0, 12);
  return join(process.env.OPENCHECKER_TREE_CACHE ?? join(tmpdir(), 'openchecker-npm-trees'), key);
}

/**
 * Installs `packages` (exact `name@version` specs) into a cached folder and returns it; later calls return the
 * cached folder at once. Installs into a temp folder and renames it into place, so concurrent callers never
 * see a half-installed tree. Install scripts are not run.
 */
export async function npmTree(packages: readonly string[], options: { timeoutMs?: number } = {}): Promise<NpmTree> {
  const target = npmTreeCacheDir(packages);
  const result = { dir: target, nodeModules: join(target, 'node_modules') };
  if (existsSync(join(target, '.complete'))) return result;
  await mkdir(join(target, '..'), { recursive: true });
  const staging = await mkdtemp(`${target}.staging-`);
  try {
    await writeFile(join(staging, 'package.json'), JSON.stringify({ name: 'openchecker-tree', private: true, version: '0.0.0' }));
    await execFileAsync(
      'npm',
      ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', '--loglevel=error', ...packages],
      { cwd: staging, timeout: options.timeoutMs ?? 600_000, maxBuffer: 16 * 1024 * 1024 },
    );
    await writeFile(join(staging, '.complete'), new Date().toISOString());
    try {
      await rename(staging, target);
    } catch (error) {
      // Another process finished first: its tree is as good as ours.
      if (!existsSync(join(target, '.complete'))) throw error;
      await rm(staging, { recursive: true, force: true });
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  return result;
}

/** Whether an external tool is on PATH, for cross-checks that skip (visibly) without it. */
export function hasTool(name: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, name)));
}
