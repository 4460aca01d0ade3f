/**
 * Per-file facts kept in the shared result cache, keyed by git blob id: an analysis that reads every file
 * (license scan, language detection, line counts) asks for the facts of all its files in one batch, computes
 * only the misses, and stores what it computed. The same bytes are never analysed twice, whichever repository,
 * forge, fork or agent they come from.
 *
 * A fact must depend only on what its key names: the blob (its bytes), the kind (analysis and version) and the
 * key's extra part (e.g. the file name, for analyses that look at it). Values are JSON; an entry that does not
 * decode is a miss and is computed again (and overwritten).
 */
import type { ResultCache } from '../result-cache/cache.js';
import type { RepoFile, RepoView } from './repo-view.js';

/**
 * Facts are looked up this many at a time (one statement each: a key is one parameter, well within SQLite's
 * 32,766 and PostgreSQL's 65,535), and written this many (five parameters a row).
 */
const LOOKUP_BATCH = 2000;
const WRITE_BATCH = 500;

export interface FileFactsSpec<T> {
  /** The analysis and its version, e.g. `licenses/3:<engine digest>`. A new version never meets old entries. */
  readonly kind: string;
  /** What besides the bytes decides the fact (e.g. the lower-cased file name); '' when nothing does. */
  readonly extraKey?: (file: RepoFile) => string;
  /** Turns a stored value back into a fact; undefined for a value that is not one (a corrupt entry). */
  readonly decode: (value: unknown) => T | undefined;
}

export class FileFacts<T> {
  /** Stored JSON by key: decoded on every `get`, so each file gets its own object to change. */
  private readonly known = new Map<string, string>();
  private readonly fresh: [string, string][] = [];
  private readonly keys = new Map<string, string>();
  /** Lookups counted here and reported once by `save` (a count per file cost more than the lookup). */
  private readonly tally = { hit: 0, miss: 0, corrupt: 0 };

  private constructor(
    private readonly cache: ResultCache | null,
    private readonly spec: FileFactsSpec<T>,
  ) {}

  /** Looks up the facts of `files` (nothing at all when the view has no cache). */
  static async open<T>(repo: RepoView, files: readonly RepoFile[], spec: FileFactsSpec<T>): Promise<FileFacts<T>> {
    const facts = new FileFacts<T>(repo.resultCache, spec);
    if (!facts.cache) return facts;
    let ids: ReadonlyMap<string, string>;
    try {
      ids = await repo.blobIds();
    } catch {
      // Without blob ids nothing can be keyed: compute everything, as without a cache.
      return new FileFacts<T>(null, spec);
    }
    for (const file of files) {
      const blob = ids.get(file.path);
      if (blob) facts.keys.set(file.path, spec.extraKey ? `${blob}:${spec.extraKey(file)}` : blob);
    }
    await facts.load();
    return facts;
  }

  private async load(): Promise<void> {
    const cache = this.cache as ResultCache;
    const unique = [...new Set(this.keys.values())];
    for (let i = 0; i < unique.length; i += LOOKUP_BATCH) {
      let found: Map<string, string>;
      try {
        found = await cache.store.getFacts(this.spec.kind, unique.slice(i, i + LOOKUP_BATCH));
      } catch {
        continue; // the store failed: these are misses
      }
      for (const [key, text] of found) this.known.set(key, text);
    }
  }

  /** The stored fact of this file, or undefined (compute it, then `put` it). Counts a hit or a miss. */
  get(file: RepoFile): T | undefined {
    if (!this.cache) return undefined;
    const key = this.keys.get(file.path);
    const text = key === undefined ? undefined : this.known.get(key);
    if (text === undefined) {
      this.tally.miss++;
      return undefined;
    }
    let value: T | undefined;
    try {
      value = this.spec.decode(JSON.parse(text));
    } catch {
      value = undefined;
    }
    if (value === undefined) {
      // A corrupt entry: computed again, and `put` overwrites it.
      this.known.delete(key as string);
      this.tally.corrupt++;
      return undefined;
    }
    this.tally.hit++;
    return value;
  }

  /** Remembers a computed fact, stored by `save`. Copies of one blob in the tree are stored once. */
  put(file: RepoFile, value: T): void {
    if (!this.cache) return;
    const key = this.keys.get(file.path);
    if (key === undefined || this.known.has(key)) return;
    const text = JSON.stringify(value);
    this.known.set(key, text);
    this.fresh.push([key, text]);
  }

  /**
   * Writes the facts computed since `open` and reports the lookups' counts; a store failure loses the facts
   * (they are computed again next time).
   */
  async save(): Promise<void> {
    if (!this.cache) return;
    const kind = `fact:${this.spec.kind}`;
    this.cache.count(kind, 'hit', this.tally.hit);
    this.cache.count(kind, 'miss', this.tally.miss);
    this.cache.count(kind, 'corrupt', this.tally.corrupt);
    this.tally.hit = this.tally.miss = this.tally.corrupt = 0;
    if (this.fresh.length === 0) return;
    const entries = this.fresh.splice(0);
    let written = 0;
    for (let i = 0; i < entries.length; i += WRITE_BATCH) {
      const batch = entries.slice(i, i + WRITE_BATCH);
      try {
        await this.cache.store.putFacts(this.spec.kind, batch);
        written += batch.length;
      } catch {
        // an optimisation only
      }
    }
    this.cache.count(`fact:${this.spec.kind}`, 'write', written);
  }
}
