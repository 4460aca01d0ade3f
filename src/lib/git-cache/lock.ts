/**
 * Per-repository locks of the git cache. Inside a process, a promise chain per key (a mutex); across
 * processes that share the cache folder (several agents on one host), a lock file created with O_EXCL that
 * holds the owner's host, pid and a nonce. The holder touches the file while it holds it, so a lock whose file
 * has not been touched for `staleMs`, or whose owner is a dead process on this host, is broken by the next
 * waiter.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink, utimes, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

export class LockTimeoutError extends Error {
  constructor(what: string) {
    super(`timed out waiting for the git cache lock of ${what}`);
    this.name = 'LockTimeoutError';
  }
}

interface LockOwner {
  host: string;
  pid: number;
  nonce: string;
}

export interface FileLockOptions {
  /** A lock file untouched for this long is stale (its holder touches it every `staleMs / 4`). */
  readonly staleMs: number;
  /** Time between two attempts while another holder has it. */
  readonly pollMs?: number;
}

export interface HeldLock {
  release(): Promise<void>;
}

/** True when `pid` is a live process on this host (EPERM: alive, owned by someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Tries once to take the lock file; null when it is held (and not stale). */
export async function tryFileLock(path: string, options: FileLockOptions): Promise<HeldLock | null> {
  const owner: LockOwner = { host: hostname(), pid: process.pid, nonce: randomBytes(8).toString('hex') };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify(owner));
      } finally {
        await handle.close();
      }
      return heldLock(path, owner, options.staleMs);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (!(await breakIfStale(path, options.staleMs))) return null;
  }
  return null;
}

/** Takes the lock file, waiting for its holder until `deadline` (epoch ms) or `signal`. */
export async function fileLock(path: string, what: string, deadline: number, options: FileLockOptions, signal?: AbortSignal): Promise<HeldLock> {
  for (;;) {
    const held = await tryFileLock(path, options);
    if (held) return held;
    if (Date.now() >= deadline || signal?.aborted) throw new LockTimeoutError(what);
    await sleep(options.pollMs ?? 100);
  }
}

function heldLock(path: string, owner: LockOwner, staleMs: number): HeldLock {
  const touch = setInterval(() => {
    const now = new Date();
    utimes(path, now, now).catch(() => undefined);
  }, Math.max(50, Math.floor(staleMs / 4)));
  touch.unref();
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      clearInterval(touch);
      // Only our own file: a lock broken as stale and taken by someone else is theirs now.
      const current = await readOwner(path);
      if (current?.nonce === owner.nonce) await unlink(path).catch(() => undefined);
    },
  };
}

async function readOwner(path: string): Promise<LockOwner | null> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.host === 'string' && typeof parsed.pid === 'number' && typeof parsed.nonce === 'string') {
      return { host: parsed.host, pid: parsed.pid, nonce: parsed.nonce };
    }
    return null;
  } catch {
    return null;
  }
}

/** Removes a stale lock file; true when there is (now) no lock file. */
async function breakIfStale(path: string, staleMs: number): Promise<boolean> {
  let modified: number;
  try {
    modified = (await stat(path)).mtimeMs;
  } catch {
    return true;
  }
  const owner = await readOwner(path);
  const deadOwner = owner !== null && owner.host === hostname() && owner.pid !== process.pid && !processAlive(owner.pid);
  // An unreadable file is one being written right now, unless it is old.
  const stale = deadOwner || Date.now() - modified > staleMs;
  if (!stale) return false;
  // Moved aside under a unique name first, then checked: if a new holder took the lock in between, its file
  // is put back instead of deleted.
  const aside = `${path}.stale-${randomBytes(6).toString('hex')}`;
  try {
    await rename(path, aside);
  } catch {
    return true;
  }
  const moved = await readOwner(aside);
  if (owner && moved && moved.nonce !== owner.nonce) {
    await rename(aside, path).catch(() => undefined);
    return false;
  }
  await unlink(aside).catch(() => undefined);
  return true;
}

/** A mutex per key, for the tasks of one process (the file lock is per process, not per task). */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  async lock(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let unlock!: () => void;
    const mine = new Promise<void>((resolve) => (unlock = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    return () => {
      unlock();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }

  /** The lock when nobody holds or waits for it, at once; null otherwise. */
  tryLock(key: string): (() => void) | null {
    if (this.tails.has(key)) return null;
    let unlock!: () => void;
    const tail = new Promise<void>((resolve) => (unlock = resolve));
    this.tails.set(key, tail);
    return () => {
      unlock();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }
}
