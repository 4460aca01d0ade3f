/**
 * Where the git cache keeps things under its root, and its small metadata files (each written to a temporary
 * name and renamed, so a reader never sees half of one):
 *
 * - `repos/<key>.git/`   one bare repository per URL (./key.ts);
 * - `repos/<key>.json`   its metadata: the URL without credentials, last use, size, the commits it was asked for;
 * - `locks/<key>.lock`   the repository's cross-process lock (./lock.ts);
 * - `pins/<key>/`        reader leases (./pins.ts);
 * - `commits/<id>`       the mirror index: which public cache holds commit `<id>` (a hint, always verified);
 * - `trash/`             repositories being removed.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface RepoMeta {
  /** The URL without credentials. */
  readonly url: string;
  readonly private: boolean;
  /** A path on this machine (mirrors only other local repositories, never a network URL). */
  readonly local: boolean;
  /** Epoch ms of the last acquire. */
  readonly lastUsed: number;
  /** Size on disk after the last fetch. */
  readonly bytes: number;
  /** The commits tasks asked for, newest last (their index entries are removed with the repository). */
  readonly commits: readonly string[];
}

/** How many requested commits a repository's metadata remembers (and indexes for mirrors). */
const MAX_COMMITS = 64;
const COMMIT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

export class CacheLayout {
  constructor(readonly root: string) {}

  get reposDir(): string {
    return join(this.root, 'repos');
  }
  get locksDir(): string {
    return join(this.root, 'locks');
  }
  get pinsDir(): string {
    return join(this.root, 'pins');
  }
  get commitsDir(): string {
    return join(this.root, 'commits');
  }
  get trashDir(): string {
    return join(this.root, 'trash');
  }
  gitDir(key: string): string {
    return join(this.reposDir, `${key}.git`);
  }
  lockFile(key: string): string {
    return join(this.locksDir, `${key}.lock`);
  }

  async ensure(): Promise<void> {
    for (const dir of [this.reposDir, this.locksDir, this.pinsDir, this.commitsDir, this.trashDir]) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
    }
  }

  async keys(): Promise<string[]> {
    const names = await readdir(this.reposDir).catch(() => [] as string[]);
    return names.filter((name) => name.endsWith('.git')).map((name) => name.slice(0, -'.git'.length));
  }

  async readMeta(key: string): Promise<RepoMeta | null> {
    try {
      const parsed = JSON.parse(await readFile(join(this.reposDir, `${key}.json`), 'utf8')) as Partial<RepoMeta>;
      if (typeof parsed.url !== 'string' || typeof parsed.lastUsed !== 'number' || typeof parsed.bytes !== 'number') return null;
      return {
        url: parsed.url,
        private: parsed.private === true,
        local: parsed.local === true,
        lastUsed: parsed.lastUsed,
        bytes: parsed.bytes,
        commits: Array.isArray(parsed.commits) ? parsed.commits.filter((c): c is string => typeof c === 'string' && COMMIT_ID.test(c)) : [],
      };
    } catch {
      return null;
    }
  }

  async writeMeta(key: string, meta: RepoMeta): Promise<void> {
    const commits = [...new Set(meta.commits)].slice(-MAX_COMMITS);
    await writeAtomic(join(this.reposDir, `${key}.json`), JSON.stringify({ ...meta, commits }));
    if (meta.private) return;
    // Index entries of commits that fell off the list are left: a hint that no longer holds is verified away.
    for (const commit of commits.slice(-1)) await writeAtomic(join(this.commitsDir, commit), key);
  }

  /** The key of the public cache that last held `commit`, or null. */
  async mirrorOf(commit: string): Promise<string | null> {
    if (!COMMIT_ID.test(commit)) return null;
    const key = await readFile(join(this.commitsDir, commit), 'utf8').catch(() => null);
    return key && /^[0-9a-f]{32}$/.test(key) ? key : null;
  }

  /** Removes a repository: moved to trash first (one rename), so a half-removed one is never used. */
  async remove(key: string, meta: RepoMeta | null): Promise<void> {
    const aside = join(this.trashDir, `${key}-${randomBytes(6).toString('hex')}`);
    await rename(this.gitDir(key), aside).catch(() => undefined);
    await unlink(join(this.reposDir, `${key}.json`)).catch(() => undefined);
    for (const commit of meta?.commits ?? []) {
      const path = join(this.commitsDir, commit);
      if ((await readFile(path, 'utf8').catch(() => null)) === key) await unlink(path).catch(() => undefined);
    }
    await rm(aside, { recursive: true, force: true });
  }
}

async function writeAtomic(path: string, text: string): Promise<void> {
  const temporary = `${path}.tmp-${randomBytes(6).toString('hex')}`;
  await writeFile(temporary, text, { mode: 0o600 });
  await rename(temporary, path);
}
