/**
 * The result cache in the store (src/lib/result-cache/types.ts): per-file facts and per-command results, shared
 * by every agent of a deployment, on SQLite and PostgreSQL alike. Entries carry their size and last use, so
 * `prune` evicts the least recently used ones beyond the size limit; last use is refreshed at most hourly per
 * entry, which keeps a hit a read and still orders eviction well enough.
 */
import { sql, type Kysely } from 'kysely';
import type { CacheCounts, CacheStats, CacheTableStats, NewCommandResult, PruneOutcome, ResultCacheStore, StoredCommandResult } from '../lib/result-cache/types.js';
import type { Database } from './schema.js';

/** Last use is written again only when older than this. */
const TOUCH_AFTER_MS = 3600_000;
/** Rows read per step while looking for the eviction cut-off. */
const PRUNE_PAGE = 5000;

export class SqlResultCache implements ResultCacheStore {
  constructor(private readonly db: Kysely<Database>) {}

  async getFacts(kind: string, keys: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    if (keys.length === 0) return found;
    const rows = await this.db.selectFrom('file_facts').select(['key', 'value', 'used_at']).where('kind', '=', kind).where('key', 'in', [...keys]).execute();
    const now = Date.now();
    const stale: string[] = [];
    for (const row of rows) {
      found.set(row.key, row.value);
      if (Number(row.used_at) < now - TOUCH_AFTER_MS) stale.push(row.key);
    }
    if (stale.length > 0) await this.db.updateTable('file_facts').set({ used_at: now }).where('kind', '=', kind).where('key', 'in', stale).execute();
    return found;
  }

  async putFacts(kind: string, entries: readonly (readonly [string, string])[]): Promise<void> {
    if (entries.length === 0) return;
    const now = Date.now();
    // One row per key: a batch holding a key twice would make PostgreSQL's upsert fail.
    const unique = new Map(entries.map(([key, value]) => [key, value]));
    await this.db
      .insertInto('file_facts')
      .values([...unique].map(([key, value]) => ({ kind, key, value, bytes: kind.length + key.length + value.length, used_at: now })))
      .onConflict((oc) =>
        oc.columns(['kind', 'key']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), bytes: eb.ref('excluded.bytes'), used_at: eb.ref('excluded.used_at') })),
      )
      .execute();
  }

  async getResult(key: string): Promise<StoredCommandResult | null> {
    const row = await this.db.selectFrom('command_results').select(['task_id', 'value', 'created_at', 'used_at']).where('key', '=', key).executeTakeFirst();
    if (!row) return null;
    const now = Date.now();
    if (Number(row.used_at) < now - TOUCH_AFTER_MS) await this.db.updateTable('command_results').set({ used_at: now }).where('key', '=', key).execute();
    return { taskId: row.task_id, value: row.value, createdAtMs: Number(row.created_at) };
  }

  async putResult(entry: NewCommandResult): Promise<void> {
    const now = Date.now();
    const row = {
      key: entry.key,
      command: entry.command,
      version: entry.version,
      task_id: entry.taskId,
      value: entry.value,
      bytes: entry.key.length + entry.value.length,
      created_at: now,
      used_at: now,
    };
    await this.db
      .insertInto('command_results')
      .values(row)
      .onConflict((oc) => oc.column('key').doUpdateSet({ task_id: row.task_id, value: row.value, bytes: row.bytes, created_at: now, used_at: now }))
      .execute();
  }

  async addCounts(counts: readonly CacheCounts[]): Promise<void> {
    for (const c of counts) {
      await this.db
        .insertInto('cache_counters')
        .values({ kind: c.kind, hits: c.hits, misses: c.misses, writes: c.writes })
        .onConflict((oc) =>
          oc.column('kind').doUpdateSet({
            hits: sql`cache_counters.hits + ${c.hits}`,
            misses: sql`cache_counters.misses + ${c.misses}`,
            writes: sql`cache_counters.writes + ${c.writes}`,
          }),
        )
        .execute();
    }
  }

  async stats(): Promise<CacheStats> {
    const facts = await this.db
      .selectFrom('file_facts')
      .select(['kind', sql<number>`count(*)`.as('entries'), sql<number>`coalesce(sum(bytes), 0)`.as('bytes')])
      .groupBy('kind')
      .execute();
    const results = await this.db
      .selectFrom('command_results')
      .select(['command', sql<number>`count(*)`.as('entries'), sql<number>`coalesce(sum(bytes), 0)`.as('bytes')])
      .groupBy('command')
      .execute();
    const counters = await this.db.selectFrom('cache_counters').selectAll().orderBy('kind').execute();
    const table = (rows: { group: string; entries: number; bytes: number }[]): Record<string, CacheTableStats> =>
      Object.fromEntries(rows.map((row) => [row.group, { entries: Number(row.entries), bytes: Number(row.bytes) }]));
    return {
      facts: table(facts.map((row) => ({ group: row.kind, entries: row.entries, bytes: row.bytes }))),
      results: table(results.map((row) => ({ group: row.command, entries: row.entries, bytes: row.bytes }))),
      counters: counters.map((row) => ({ kind: row.kind, hits: Number(row.hits), misses: Number(row.misses), writes: Number(row.writes) })),
    };
  }

  async prune(options: { maxBytes: number } | { all: true }): Promise<PruneOutcome> {
    const total = await this.totalBytes();
    if ('all' in options) {
      const facts = await this.db.deleteFrom('file_facts').executeTakeFirst();
      const results = await this.db.deleteFrom('command_results').executeTakeFirst();
      return { removedEntries: Number(facts.numDeletedRows) + Number(results.numDeletedRows), removedBytes: total.bytes, remainingBytes: 0 };
    }
    if (total.bytes <= options.maxBytes) return { removedEntries: 0, removedBytes: 0, remainingBytes: total.bytes };
    // The last use up to which entries must go: walk both tables oldest first until the excess is covered.
    const excess = total.bytes - options.maxBytes;
    let covered = 0;
    let cutoff: number | null = null;
    for (let offset = 0; cutoff === null; offset += PRUNE_PAGE) {
      const page = await sql<{ used_at: number; bytes: number }>`
        select used_at, bytes from file_facts union all select used_at, bytes from command_results
        order by used_at limit ${PRUNE_PAGE} offset ${offset}`.execute(this.db);
      if (page.rows.length === 0) break;
      for (const row of page.rows) {
        covered += Number(row.bytes);
        if (covered >= excess) {
          cutoff = Number(row.used_at);
          break;
        }
      }
    }
    if (cutoff === null) return this.prune({ all: true });
    const facts = await this.db.deleteFrom('file_facts').where('used_at', '<=', cutoff).executeTakeFirst();
    const results = await this.db.deleteFrom('command_results').where('used_at', '<=', cutoff).executeTakeFirst();
    const after = await this.totalBytes();
    return { removedEntries: Number(facts.numDeletedRows) + Number(results.numDeletedRows), removedBytes: total.bytes - after.bytes, remainingBytes: after.bytes };
  }

  private async totalBytes(): Promise<{ bytes: number }> {
    const facts = await this.db.selectFrom('file_facts').select(sql<number>`coalesce(sum(bytes), 0)`.as('bytes')).executeTakeFirstOrThrow();
    const results = await this.db.selectFrom('command_results').select(sql<number>`coalesce(sum(bytes), 0)`.as('bytes')).executeTakeFirstOrThrow();
    return { bytes: Number(facts.bytes) + Number(results.bytes) };
  }
}
