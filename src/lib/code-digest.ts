/**
 * A digest of the code that computes something, for cache keys: every module file (compiled `.js`, or `.ts`
 * when run from source) under a folder, tests excluded, plus any extra strings (data versions). Facts cached by
 * an older build of an analysis are then never read by a newer one, even when nobody remembered to bump a
 * version. Computed once per folder and process.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from './paths.js';

const digests = new Map<string, string>();

export function codeDigest(folder: URL, ...extra: string[]): string {
  const dir = fileURLToPath(folder);
  const id = `${dir}\u0000${extra.join('\u0000')}`;
  let digest = digests.get(id);
  if (digest === undefined) {
    const hash = createHash('sha256');
    const files = (readdirSync(dir, { recursive: true }) as string[])
      .filter((file) => /\.(js|ts)$/.test(file) && !/\.test\.(js|ts)$|\.d\.ts$/.test(file))
      .sort();
    for (const file of files) hash.update(file).update('\0').update(readFileSync(join(dir, file))).update('\0');
    for (const value of extra) hash.update(value).update('\0');
    digest = hash.digest('hex').slice(0, 16);
    digests.set(id, digest);
  }
  return digest;
}

/** The installed version of a dependency (`name@version`), for the kinds of facts its code decides. */
export function installedVersion(name: string): string {
  const path = join(packageRoot(), 'node_modules', name, 'package.json');
  const version = existsSync(path) ? ((JSON.parse(readFileSync(path, 'utf8')) as { version?: string }).version ?? '') : 'not found';
  return `${name}@${version}`;
}

let build: string | null = null;

/**
 * A digest of the running build: every file of the compiled sources (modules and the data beside them, such as
 * the LicenseDB index; tests and source maps left out) and the installed version of every production
 * dependency (Linguist's data, SPDX lists, parsers). Stored command results are keyed by it, so an upgrade never
 * serves a result an older build computed, even where a checker's version was not bumped; the per-file facts of
 * unchanged analyses (keyed by their own folder's digest) make recomputing them cheap. About 25 MB read once per
 * process.
 */
export function buildDigest(): string {
  if (build !== null) return build;
  const hash = createHash('sha256');
  // This module's folder is src/lib (or dist/src/lib): the sources are its parent.
  const sources = dirname(dirname(fileURLToPath(import.meta.url)));
  const files = (readdirSync(sources, { recursive: true }) as string[]).filter((file) => !/\.test\.(js|ts)$|\.map$|\.d\.ts$/.test(file)).sort();
  for (const file of files) {
    const path = join(sources, file);
    if (!statSync(path).isFile()) continue;
    hash.update(file).update('\0').update(readFileSync(path)).update('\0');
  }
  const root = packageRoot();
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string; dependencies?: Record<string, string> };
  hash.update(`openchecker@${manifest.version ?? ''}\n`);
  for (const name of Object.keys(manifest.dependencies ?? {}).sort()) hash.update(`${installedVersion(name)}\n`);
  build = hash.digest('hex').slice(0, 16);
  return build;
}
