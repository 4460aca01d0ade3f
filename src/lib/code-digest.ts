/**
 * A digest of the code that computes something, for cache keys: every module file (compiled `.js`, or `.ts`
 * when run from source) under a folder, tests excluded, plus any extra strings (data versions). Facts cached by
 * an older build of an analysis are then never read by a newer one, even when nobody remembered to bump a
 * version. Computed once per folder and process.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
