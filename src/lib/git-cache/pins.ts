/**
 * Reader leases: while a task reads a cached repository, a lease file under `pins/<key>/` says so, and
 * eviction (of this process or another sharing the folder) leaves the repository alone. Leases are taken and
 * checked under the repository's lock, so an eviction never races a new reader. A lease of a dead process on
 * this host is removed; one of another host counts until it is `maxAgeMs` old.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { processAlive } from './lock.js';

export interface Pin {
  release(): Promise<void>;
}

export async function pinRepository(pinsDir: string, key: string): Promise<Pin> {
  const dir = join(pinsDir, key);
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${encodeURIComponent(hostname())}~${process.pid}~${randomBytes(6).toString('hex')}`);
  await writeFile(file, '', { mode: 0o600 });
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      await unlink(file).catch(() => undefined);
    },
  };
}

/** True when some live reader holds a lease on the repository; dead leases found on the way are removed. */
export async function isPinned(pinsDir: string, key: string, maxAgeMs: number): Promise<boolean> {
  const dir = join(pinsDir, key);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return false;
  }
  const here = hostname();
  let pinned = false;
  for (const name of names) {
    const [host, pidText] = name.split('~');
    const pid = Number(pidText);
    if (host !== undefined && decodeURIComponent(host) === here && Number.isInteger(pid)) {
      if (pid === process.pid || processAlive(pid)) pinned = true;
      else await unlink(join(dir, name)).catch(() => undefined);
      continue;
    }
    const age = await stat(join(dir, name)).then((s) => Date.now() - s.mtimeMs, () => Infinity);
    if (age < maxAgeMs) pinned = true;
    else await unlink(join(dir, name)).catch(() => undefined);
  }
  return pinned;
}

export async function removePins(pinsDir: string, key: string): Promise<void> {
  await rm(join(pinsDir, key), { recursive: true, force: true });
}
