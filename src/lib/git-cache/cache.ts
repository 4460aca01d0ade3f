/**
 * The per-repository git cache: one bare repository per URL under a root folder, so that a later task fetches
 * what changed instead of cloning again, and a commit already held (under this URL or, for public
 * repositories, any other: a commit id names the same content on every forge) is read without fetching.
 *
 * Every protection of a fresh clone (src/lib/git.ts) holds: the hardened git options and environment, the
 * network policy and its egress proxy, the time limit, the size cap (a fetch may not grow the repository by
 * more than the cap, and a repository grown past the cap by many fetches is cloned afresh and measured
 * again). Files are never written here; a task's view of a commit is attached by ./attach.ts, where `inspect`
 * runs before any file is written.
 *
 * A cache that fails locally (missing objects, a fetch into it that fails, a lock that is never freed) is
 * removed and filled again, or reported as GitCacheUnavailableError, on which the caller clones as before:
 * never a failed task because of the cache. What the remote refuses is a CloneError, as for a clone.
 */
import { readdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ExecError, run } from '../exec.js';
import { openGitEgress, type GitEgress } from '../git-egress.js';
import { CloneError, cloneFailure, gitEnv, hardeningOptions, sizeCapError, treeSize, watchSize } from '../git.js';
import { processNetworkPolicy, type NetworkPolicy } from '../net-policy.js';
import { cacheIdentity, type CacheIdentity } from './key.js';
import { CacheLayout, type RepoMeta } from './layout.js';
import { fileLock, KeyedMutex, LockTimeoutError, tryFileLock, type HeldLock } from './lock.js';
import { isPinned, pinRepository, removePins, type Pin } from './pins.js';
import { historyTips, isFullCommitId, parseLsRemote, resolveVersion, type RemoteRef, type ResolvedVersion } from './remote.js';

export type AcquireHow = 'clone' | 'fetch' | 'reused' | 'mirror';
export const ACQUIRE_HOWS: readonly AcquireHow[] = ['clone', 'fetch', 'reused', 'mirror'];

/** What a task asks of the cache: CloneOptions (src/lib/git.ts) without the destination and the worktree. */
export interface AcquireOptions {
  readonly url: string;
  /** Tag, branch or commit; null for the remote's default branch. */
  readonly version: string | null;
  /** The commit's whole history is needed (and, as a full clone has them, every branch and tag). */
  readonly fullHistory: boolean;
  readonly allowLocal: boolean;
  /** Time limit of the whole acquisition (waiting for the lock, asking the remote, fetching). */
  readonly timeoutMs: number;
  /** The clone size cap: how large a fresh clone of this version may be, and how much one fetch may add. */
  readonly maxBytes: number;
  readonly signal?: AbortSignal;
  readonly policy?: NetworkPolicy;
}

/** A commit held in the cache for one reader; `release()` when done (until then it is never evicted). */
export interface GitCacheLease {
  /** The bare repository holding the commit (another URL's for a mirror). */
  readonly gitDir: string;
  readonly commit: string;
  readonly tree: string;
  readonly how: AcquireHow;
  /** The repository lacks the history before some commits (fetched with `--depth 1`). */
  readonly shallow: boolean;
  release(): Promise<void>;
}

/** The cache could not serve the request for a reason of its own: clone without it. */
export class GitCacheUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GitCacheUnavailableError';
  }
}

export interface GitCacheOptions {
  readonly root: string;
  /** Disk quota; least recently used repositories beyond it are evicted after a fetch. */
  readonly maxBytes: number;
  /** A cross-process lock untouched this long is broken (holders touch theirs every quarter of it). */
  readonly lockStaleMs?: number;
  /** A reader lease of another host counts this long. */
  readonly pinMaxAgeMs?: number;
  /**
   * A repository holding more packs than this after a fetch is repacked into one (each fetch adds a pack, and
   * every object lookup searches them all). Default 32.
   */
  readonly maxPacks?: number;
}

export interface CachedRepository {
  readonly key: string;
  /** Without credentials. */
  readonly url: string;
  readonly bytes: number;
  readonly lastUsed: string | null;
  readonly pinned: boolean;
}

export interface GitCacheStats {
  readonly root: string;
  readonly repositories: number;
  readonly bytes: number;
  readonly maxBytes: number;
  readonly list: readonly CachedRepository[];
}

export interface PruneReport {
  readonly removed: readonly { readonly url: string; readonly bytes: number }[];
  readonly freedBytes: number;
  /** Left because a reader holds them or their lock is taken. */
  readonly skipped: number;
}

type AcquireListener = (how: AcquireHow, seconds: number) => void;

const DEFAULT_LOCK_STALE_MS = 120_000;
const DEFAULT_PIN_MAX_AGE_MS = 24 * 3600_000;
const DEFAULT_MAX_PACKS = 32;
/** Options of every git process run on a cached repository, on top of hardeningOptions. */
// fetch.unpackLimit=1: every fetch keeps its pack (never thousands of loose objects), and consolidatePacks
// merges them once there are many.
const CACHE_GIT_OPTIONS = ['-c', 'gc.auto=0', '-c', 'maintenance.auto=false', '-c', 'core.logAllRefUpdates=false', '-c', 'fetch.writeCommitGraph=false', '-c', 'fetch.unpackLimit=1'];
const LAST_REF = 'refs/oc/last';
const FULL_REFSPECS = ['+refs/heads/*:refs/remotes/origin/*', '+refs/tags/*:refs/tags/*'];

interface Attempt {
  readonly options: AcquireOptions;
  readonly identity: CacheIdentity;
  readonly deadline: number;
  readonly started: number;
}

export class GitRepoCache {
  readonly root: string;
  readonly maxBytes: number;
  private readonly layout: CacheLayout;
  private readonly mutex = new KeyedMutex();
  private readonly lockStaleMs: number;
  private readonly pinMaxAgeMs: number;
  private readonly maxPacks: number;
  private readonly listeners: AcquireListener[] = [];
  private knownBytes = 0;

  constructor(options: GitCacheOptions) {
    this.root = options.root;
    this.maxBytes = options.maxBytes;
    this.layout = new CacheLayout(options.root);
    this.lockStaleMs = options.lockStaleMs ?? DEFAULT_LOCK_STALE_MS;
    this.pinMaxAgeMs = options.pinMaxAgeMs ?? DEFAULT_PIN_MAX_AGE_MS;
    this.maxPacks = options.maxPacks ?? DEFAULT_MAX_PACKS;
  }

  /** Called after each successful acquisition (metrics). */
  onAcquire(listener: AcquireListener): void {
    this.listeners.push(listener);
  }

  /** The cache's size as of its last fetch, eviction or stats (a gauge reads it without walking the disk). */
  get bytes(): number {
    return this.knownBytes;
  }

  /**
   * The commit the options name, held for the caller. Throws CloneError for what the remote refuses (as a clone
   * would), GitCacheUnavailableError when the cache itself cannot serve it (then clone without the cache).
   */
  async acquire(options: AcquireOptions): Promise<GitCacheLease> {
    const started = performance.now();
    const attempt: Attempt = { options, identity: cacheIdentity(options.url), deadline: Date.now() + options.timeoutMs, started };
    let lease: GitCacheLease;
    try {
      await this.layout.ensure();
      lease = await this.acquireOnce(attempt);
    } catch (err) {
      if (err instanceof CloneError || err instanceof GitCacheUnavailableError) throw err;
      throw new GitCacheUnavailableError(`git cache: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    const seconds = (performance.now() - started) / 1000;
    for (const listener of this.listeners) listener(lease.how, seconds);
    return lease;
  }

  private async acquireOnce(attempt: Attempt): Promise<GitCacheLease> {
    const { options, identity } = attempt;
    // A full commit id already held needs no network at all. Private caches always ask the remote first:
    // the remote is what checks the caller's access.
    if (isFullCommitId(options.version) && !identity.private) {
      const tips = options.fullHistory ? [] : null;
      const held = (await this.tryHeld(attempt, identity.key, options.version, tips, 'reused')) ?? (await this.tryMirror(attempt, options.version, tips));
      if (held) return held;
    }
    let egress: GitEgress | null = null;
    try {
      let refs: RemoteRef[];
      try {
        egress = await openGitEgress(options.url, options.policy ?? processNetworkPolicy());
        refs = await this.lsRemote(attempt, egress);
      } catch (err) {
        throw cloneFailure(err, { sizeCapExceeded: false, maxBytes: options.maxBytes, timeoutMs: options.timeoutMs, egress });
      }
      const resolved = resolveVersion(refs, options.version);
      if (resolved) {
        const tips = options.fullHistory ? historyTips(refs) : null;
        const held =
          (await this.tryHeld(attempt, identity.key, resolved.commit, tips, 'reused')) ??
          (identity.private ? null : await this.tryMirror(attempt, resolved.commit, tips));
        if (held) return held;
      } else if (options.version === null) {
        throw new CloneError('git clone found no commits: the address is not a git repository, or the repository is empty');
      }
      return await this.fetchAndHold(attempt, egress, resolved, refs);
    } finally {
      await egress?.close();
    }
  }

  /** The remote's refs. Run outside the cache folder: a damaged cache never makes this fail. */
  private async lsRemote(attempt: Attempt, egress: GitEgress): Promise<RemoteRef[]> {
    const { options } = attempt;
    // Only HEAD, branches and tags: forges also advertise one ref per pull request (hundreds of thousands).
    const result = await run('git', [...hardeningOptions(options.allowLocal), ...egress.gitOptions, 'ls-remote', '--', options.url, 'HEAD', 'refs/heads/*', 'refs/tags/*'], {
      cwd: this.root,
      env: gitEnv(),
      timeoutMs: remaining(attempt),
      signal: options.signal,
      maxOutputBytes: 64 * 1024 * 1024,
    });
    return parseLsRemote(result.stdout);
  }

  /**
   * The commit from the repository `key` if it holds it (with its whole history and every tip in `tips` when
   * `tips` is given), pinned; null otherwise.
   */
  private async tryHeld(attempt: Attempt, key: string, commit: string, tips: readonly string[] | null, how: AcquireHow): Promise<GitCacheLease | null> {
    return this.withLock(attempt, key, async () => {
      const gitDir = this.layout.gitDir(key);
      const meta = await this.layout.readMeta(key);
      if (!meta) return null;
      const shallow = await isShallow(gitDir, attempt).catch(() => null);
      if (shallow === null) return null;
      if (tips && (shallow || !(await holdsAll(gitDir, [commit, ...tips], attempt)))) return null;
      if (!(await commitComplete(gitDir, commit, attempt))) return null;
      return this.hold(key, meta, gitDir, commit, how, shallow, attempt);
    });
  }

  /** The commit from another public URL's cache, per the mirror index (verified before use). */
  private async tryMirror(attempt: Attempt, commit: string, tips: readonly string[] | null): Promise<GitCacheLease | null> {
    const other = await this.layout.mirrorOf(commit);
    if (!other || other === attempt.identity.key) return null;
    // Only the commit's history is needed from a mirror; its branches and tags are another repository's.
    const meta = await this.layout.readMeta(other);
    // Public network URLs share with each other, local repositories with each other, private ones with none.
    if (!meta || meta.private || meta.local !== attempt.identity.local) return null;
    return this.tryHeld(attempt, other, commit, tips ? [] : null, 'mirror');
  }

  private async fetchAndHold(attempt: Attempt, egress: GitEgress, resolved: ResolvedVersion | null, refs: readonly RemoteRef[]): Promise<GitCacheLease> {
    const { identity, options } = attempt;
    const key = identity.key;
    const lease = await this.withLock(attempt, key, async () => {
      const gitDir = this.layout.gitDir(key);
      const meta = await this.layout.readMeta(key);
      // Another task may have fetched it while this one waited for the lock.
      if (meta && resolved) {
        const shallow = await isShallow(gitDir, attempt).catch(() => null);
        const tips = options.fullHistory ? historyTips(refs) : null;
        if (shallow !== null && !(tips && shallow) && (!tips || (await holdsAll(gitDir, [resolved.commit, ...tips], attempt))) && (await commitComplete(gitDir, resolved.commit, attempt))) {
          return this.hold(key, meta, gitDir, resolved.commit, 'reused', shallow, attempt);
        }
      }
      if (meta) {
        try {
          return await this.fetchInto(attempt, egress, resolved, meta, false);
        } catch (err) {
          // A fetch the remote refused, stopped or that hit the cap is final; anything else may be the
          // repository's fault (git failing in it, missing objects): it is cloned afresh below.
          if (options.signal?.aborted || (err instanceof CloneError && !isLocalGitFailure(err, egress))) throw err;
        }
        if (await isPinned(this.layout.pinsDir, key, this.pinMaxAgeMs)) {
          throw new GitCacheUnavailableError('git cache: the cached repository needs refilling but is being read');
        }
        await this.removeRepository(key, meta);
      } else {
        // Leftovers of a repository whose metadata was never written (a process killed mid-clone).
        await this.removeRepository(key, null);
      }
      try {
        return await this.fetchInto(attempt, egress, resolved, null, true);
      } catch (err) {
        // Nothing half-fetched is kept (a clone over the cap, a stopped one).
        await this.removeRepository(key, null).catch(() => undefined);
        throw err;
      }
    });
    await this.evict().catch(() => undefined);
    return lease;
  }

  /** Fetches the version into the repository (made first when `fresh`), checks it and pins it. */
  private async fetchInto(attempt: Attempt, egress: GitEgress, resolved: ResolvedVersion | null, meta: RepoMeta | null, fresh: boolean): Promise<GitCacheLease> {
    const { options, identity } = attempt;
    const key = identity.key;
    const gitDir = this.layout.gitDir(key);
    if (fresh) {
      await run('git', [...hardeningOptions(false), 'init', '--quiet', '--bare', '--template=', gitDir], { env: gitEnv(), timeoutMs: remaining(attempt) });
    }
    const before = fresh ? 0 : await treeSize(gitDir);
    const shallowNow = fresh ? false : await isShallow(gitDir, attempt);
    const watcher = watchSize(gitDir, before + options.maxBytes);
    const controller = new AbortController();
    const stop = (): void => controller.abort();
    options.signal?.addEventListener('abort', stop, { once: true });
    watcher.onExceeded(stop);
    const fetch = (depthArgs: string[], refspecs: string[]): Promise<unknown> =>
      run(
        'git',
        [
          '-C', gitDir, ...hardeningOptions(options.allowLocal), ...CACHE_GIT_OPTIONS, ...egress.gitOptions,
          'fetch', '--quiet', '--no-tags', '--no-recurse-submodules', '--no-write-fetch-head', ...depthArgs, '--', options.url, ...refspecs,
        ],
        { env: gitEnv(), timeoutMs: remaining(attempt), signal: controller.signal },
      );
    let commit: string;
    try {
      const wanted = resolved?.ref ?? (isFullCommitId(options.version) ? options.version : null);
      let fetched = false;
      // A shallow plan on a repository without history (new, or shallow already) fetches the one commit; a
      // complete repository fetches without --depth (only what it lacks), so its history stays whole.
      if (!options.fullHistory && wanted && (fresh || shallowNow)) {
        try {
          await fetch(['--depth', '1'], [`+${wanted}:${LAST_REF}`]);
          fetched = true;
        } catch (err) {
          // A commit id the server will not serve directly, or a "dumb" HTTP server that cannot serve shallow
          // fetches: fetch everything below. Time-outs, stops and the size cap are final.
          if (watcher.exceeded || controller.signal.aborted || !(err instanceof ExecError) || err.reason !== 'exit') throw err;
        }
      }
      if (!fetched) {
        const depthArgs = shallowNow ? ['--unshallow'] : [];
        await fetch(depthArgs, [...FULL_REFSPECS, ...(resolved ? [`+${resolved.ref}:${LAST_REF}`] : [])]);
      }
      commit = await resolveCommit(gitDir, resolved ? LAST_REF : (options.version ?? 'HEAD'), attempt).catch((err: unknown) => {
        if (!(err instanceof ExecError && err.reason === 'exit')) throw err;
        throw new CloneError(`version "${options.version ?? 'HEAD'}" was not found in the repository (not a tag, branch or commit)`);
      });
    } catch (err) {
      throw cloneFailure(err, { sizeCapExceeded: watcher.exceeded, maxBytes: options.maxBytes, timeoutMs: options.timeoutMs, egress });
    } finally {
      watcher.stop();
      options.signal?.removeEventListener('abort', stop);
    }
    if (!(await commitComplete(gitDir, commit, attempt))) {
      if (!fresh) throw new RefetchNeeded();
      throw new GitCacheUnavailableError('git cache: a fresh fetch left objects missing');
    }
    if (!fresh) await this.consolidatePacks(gitDir, attempt);
    const bytes = await treeSize(gitDir);
    if (bytes > options.maxBytes) {
      // Grown past the cap by many fetches: measured again as a fresh clone of this version would be.
      if (!fresh) throw new RefetchNeeded();
      await this.layout.remove(key, meta);
      throw sizeCapError(options.maxBytes);
    }
    const shallow = await isShallow(gitDir, attempt);
    const updated: RepoMeta = { url: identity.displayUrl, private: identity.private, local: identity.local, lastUsed: Date.now(), bytes, commits: [...(meta?.commits ?? []), commit] };
    return this.hold(key, updated, gitDir, commit, fresh ? 'clone' : 'fetch', shallow, attempt);
  }

  /**
   * Repacks a repository that many fetches left with more than `maxPacks` packs into one, with the lock held.
   * Nothing is dropped (`--keep-unreachable`): commits of earlier fetches are reachable from no ref, yet tasks
   * may be reading them (pinned) and the mirror index names them. Readers (tasks' git folders whose alternates
   * point here) are safe: the new pack is written before the old ones go, and git looks an object up again in
   * the pack folder when a pack it had is gone. A failed repack leaves the packs as they were.
   */
  private async consolidatePacks(gitDir: string, attempt: Attempt): Promise<void> {
    const packs = (await readdir(join(gitDir, 'objects', 'pack')).catch(() => [] as string[])).filter((name) => name.endsWith('.pack'));
    if (packs.length <= this.maxPacks) return;
    await run('git', ['-C', gitDir, ...hardeningOptions(false), ...CACHE_GIT_OPTIONS, 'repack', '-a', '-d', '-q', '--keep-unreachable', '--no-write-bitmap-index'], {
      env: gitEnv(),
      timeoutMs: remaining(attempt),
      signal: attempt.options.signal,
    }).catch(() => undefined);
  }

  /** Pins the repository for the caller and records the use. Called with the repository's lock held. */
  private async hold(key: string, meta: RepoMeta, gitDir: string, commit: string, how: AcquireHow, shallow: boolean, attempt: Attempt): Promise<GitCacheLease> {
    const tree = await resolveCommit(gitDir, `${commit}^{tree}`, attempt);
    const commits = how === 'mirror' ? meta.commits : [...meta.commits.filter((c) => c !== commit), commit];
    await this.layout.writeMeta(key, { ...meta, lastUsed: Date.now(), commits });
    const pin: Pin = await pinRepository(this.layout.pinsDir, key);
    return { gitDir, commit, tree, how, shallow, release: () => pin.release() };
  }

  /** Runs `body` holding the repository's lock (in-process mutex, then the lock file). */
  private async withLock<T>(attempt: Attempt, key: string, body: () => Promise<T>): Promise<T> {
    const unlock = await this.mutex.lock(key);
    let held: HeldLock | null = null;
    try {
      held = await fileLock(this.layout.lockFile(key), `${key} (${hostname()})`, attempt.deadline, { staleMs: this.lockStaleMs }, attempt.options.signal).catch((err: unknown) => {
        if (err instanceof LockTimeoutError) throw new GitCacheUnavailableError(err.message);
        throw err;
      });
      return await body();
    } finally {
      await held?.release();
      unlock();
    }
  }

  private async removeRepository(key: string, meta: RepoMeta | null): Promise<void> {
    await this.layout.remove(key, meta);
  }

  /** Evicts least recently used repositories beyond the quota (skipping read or locked ones). */
  async evict(): Promise<PruneReport> {
    return this.prune({ maxBytes: this.maxBytes });
  }

  /**
   * Removes least recently used repositories until the cache is within `maxBytes` (default: the quota), or
   * every repository with `all`. Repositories being read or locked are skipped.
   */
  async prune(options: { maxBytes?: number; all?: boolean } = {}): Promise<PruneReport> {
    await this.layout.ensure();
    const limit = options.all ? 0 : (options.maxBytes ?? this.maxBytes);
    const entries = await this.entries();
    let total = entries.reduce((sum, entry) => sum + entry.bytes, 0);
    const removed: { url: string; bytes: number }[] = [];
    let skipped = 0;
    for (const entry of [...entries].sort((a, b) => a.lastUsed - b.lastUsed)) {
      if (total <= limit && !options.all) break;
      // Never waits: a repository another task of this process is fetching is in use.
      const unlock = this.mutex.tryLock(entry.key);
      if (!unlock) {
        skipped++;
        continue;
      }
      try {
        const held = await tryFileLock(this.layout.lockFile(entry.key), { staleMs: this.lockStaleMs });
        if (!held) {
          skipped++;
          continue;
        }
        try {
          if (await isPinned(this.layout.pinsDir, entry.key, this.pinMaxAgeMs)) {
            skipped++;
            continue;
          }
          await this.layout.remove(entry.key, entry.meta);
          await removePins(this.layout.pinsDir, entry.key);
          total -= entry.bytes;
          removed.push({ url: entry.meta?.url ?? entry.key, bytes: entry.bytes });
        } finally {
          await held.release();
        }
      } finally {
        unlock();
      }
    }
    this.knownBytes = total;
    return { removed, freedBytes: removed.reduce((sum, r) => sum + r.bytes, 0), skipped };
  }

  async stats(): Promise<GitCacheStats> {
    await this.layout.ensure();
    const entries = await this.entries();
    const list: CachedRepository[] = [];
    for (const entry of entries) {
      list.push({
        key: entry.key,
        url: entry.meta?.url ?? '(unknown)',
        bytes: entry.bytes,
        lastUsed: entry.meta ? new Date(entry.meta.lastUsed).toISOString() : null,
        pinned: await isPinned(this.layout.pinsDir, entry.key, this.pinMaxAgeMs),
      });
    }
    const bytes = list.reduce((sum, entry) => sum + entry.bytes, 0);
    this.knownBytes = bytes;
    return { root: this.root, repositories: list.length, bytes, maxBytes: this.maxBytes, list: list.sort((a, b) => b.bytes - a.bytes) };
  }

  /** Every repository with its size (from its metadata; measured when there is none) and last use. */
  private async entries(): Promise<{ key: string; meta: RepoMeta | null; bytes: number; lastUsed: number }[]> {
    const result = [];
    for (const key of await this.layout.keys()) {
      const meta = await this.layout.readMeta(key);
      const bytes = meta?.bytes ?? (await treeSize(this.layout.gitDir(key)).catch(() => 0));
      result.push({ key, meta, bytes, lastUsed: meta?.lastUsed ?? 0 });
    }
    return result;
  }
}

/** The repository must be cloned afresh (its fetch left it incomplete, or it grew past the cap). */
class RefetchNeeded extends Error {
  constructor() {
    super('the cached repository must be cloned afresh');
    this.name = 'RefetchNeeded';
  }
}

/** git failed with an exit status (not a time-out, stop, size cap or policy refusal). */
function isLocalGitFailure(err: unknown, egress: GitEgress): boolean {
  return err instanceof CloneError && /^git clone failed: /.test(err.message) && egress.refusal === null;
}

function remaining(attempt: Attempt): number {
  return Math.max(1, attempt.deadline - Date.now());
}

function git(gitDir: string, args: string[], attempt: Attempt): Promise<{ stdout: string }> {
  return run('git', ['-C', gitDir, ...hardeningOptions(false), ...CACHE_GIT_OPTIONS, ...args], {
    env: gitEnv(),
    timeoutMs: remaining(attempt),
    signal: attempt.options.signal,
  });
}

async function resolveCommit(gitDir: string, rev: string, attempt: Attempt): Promise<string> {
  const commitRev = rev.endsWith('^{tree}') ? rev : `${rev}^{commit}`;
  return (await git(gitDir, ['rev-parse', '--verify', '--end-of-options', commitRev], attempt)).stdout.trim();
}

async function isShallow(gitDir: string, attempt: Attempt): Promise<boolean> {
  return (await git(gitDir, ['rev-parse', '--is-shallow-repository'], attempt)).stdout.trim() === 'true';
}

/** The commit and every object of its tree are present (the repository is not missing objects). */
async function commitComplete(gitDir: string, commit: string, attempt: Attempt): Promise<boolean> {
  try {
    await git(gitDir, ['rev-list', '--objects', '--no-walk', '--missing=error', commit, '--'], attempt);
    return true;
  } catch (err) {
    if (err instanceof ExecError && err.reason === 'exit') return false;
    throw err;
  }
}

/** Every object id is in the repository's refs (what a full fetch of the remote's branches and tags leaves). */
async function holdsAll(gitDir: string, ids: readonly string[], attempt: Attempt): Promise<boolean> {
  const { stdout } = await git(gitDir, ['for-each-ref', '--format=%(objectname)'], attempt);
  const held = new Set(stdout.split('\n').map((line) => line.trim()));
  // The requested commit itself may be named by no ref here (a mirror, an old commit): checked by object.
  const [first, ...rest] = ids;
  if (first !== undefined && !held.has(first)) {
    const exists = await git(gitDir, ['cat-file', '-e', `${first}^{commit}`], attempt).then(() => true, () => false);
    if (!exists) return false;
  }
  return rest.every((id) => held.has(id));
}
