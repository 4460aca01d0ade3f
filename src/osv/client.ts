/**
 * The OSV API client: `POST /v1/querybatch` for which vulnerabilities affect each package version (ids
 * only), then `GET /v1/vulns/{id}` for the full records. Batches hold at most 1,000 queries (the API's limit),
 * run a few at a time, and follow `next_page_token` as the API asks: the unfinished queries are sent again with
 * their `page_token` until no result carries one. Both answers are kept in the shared cache: the ids per
 * package@version for a TTL (new advisories appear), the records per id@modified (a record with a given
 * `modified` never changes), so repositories sharing dependencies cost few requests.
 */
import pLimit from 'p-limit';
import type { Logger } from '../lib/log.js';
import type { SharedCache } from '../lib/shared-cache.js';
import { requestJson, type RetryPolicy } from '../package-metadata/http-json.js';
import { isOsvVulnerability, type OsvVulnerability, type PackageQuery, type VulnerabilitySource } from './types.js';

export const MAX_BATCH_QUERIES = 1000;
/** Pages followed per query before giving up: a guard against a service that never stops paginating. */
const MAX_PAGES = 100;
const QUERY_NAMESPACE = 'osv:query';
const RECORD_NAMESPACE = 'osv:vuln';
const RECORD_TTL_MS = 30 * 24 * 3600 * 1000;

export interface OsvClientOptions {
  /** Base URL, e.g. https://api.osv.dev (no trailing path). */
  readonly apiUrl: string;
  readonly timeoutMs: number;
  /** Requests in flight at once. */
  readonly concurrency: number;
  readonly cache: SharedCache;
  /** How long a package@version answer is reused. */
  readonly cacheTtlMs: number;
  readonly retry?: RetryPolicy;
  readonly log?: Logger;
}

interface VulnRef {
  readonly id: string;
  readonly modified: string;
}

interface BatchResult {
  vulns?: { id?: unknown; modified?: unknown }[];
  next_page_token?: unknown;
}

export function queryKey(query: PackageQuery): string {
  return `${query.ecosystem}\u0000${query.name}\u0000${query.version}`;
}

export class OsvApiClient implements VulnerabilitySource {
  private readonly base: string;
  private readonly limit: ReturnType<typeof pLimit>;
  /** Requests sent, by kind (for tests and logs). */
  readonly requests = { querybatch: 0, vulns: 0 };

  constructor(private readonly options: OsvClientOptions) {
    this.base = options.apiUrl.replace(/\/+$/, '');
    this.limit = pLimit(Math.max(1, options.concurrency));
  }

  async findVulnerabilities(queries: readonly PackageQuery[], signal: AbortSignal): Promise<OsvVulnerability[][]> {
    const unique = new Map<string, PackageQuery>();
    for (const query of queries) unique.set(queryKey(query), query);
    const refs = await this.vulnerabilityIds([...unique.values()], signal);
    const allRefs = new Map<string, VulnRef>();
    for (const list of refs.values()) for (const ref of list) allRefs.set(`${ref.id}@${ref.modified}`, ref);
    const records = await this.records([...allRefs.values()], signal);
    return queries.map((query) =>
      (refs.get(queryKey(query)) ?? []).map((ref) => records.get(`${ref.id}@${ref.modified}`) ?? { id: ref.id, modified: ref.modified }),
    );
  }

  /** The ids (with `modified`) affecting each query, from the cache or the API. */
  private async vulnerabilityIds(queries: readonly PackageQuery[], signal: AbortSignal): Promise<Map<string, VulnRef[]>> {
    const answers = new Map<string, VulnRef[]>();
    const misses: PackageQuery[] = [];
    await Promise.all(
      queries.map(async (query) => {
        const cached = await this.options.cache.get(QUERY_NAMESPACE, queryKey(query));
        if (cached === null) misses.push(query);
        else answers.set(queryKey(query), JSON.parse(cached) as VulnRef[]);
      }),
    );
    if (misses.length === 0) return answers;
    const found = new Map<string, VulnRef[]>(misses.map((query) => [queryKey(query), []]));
    let pending: { query: PackageQuery; token?: string; pages: number }[] = misses.map((query) => ({ query, pages: 0 }));
    while (pending.length > 0) {
      const next: typeof pending = [];
      const chunks: (typeof pending)[] = [];
      for (let i = 0; i < pending.length; i += MAX_BATCH_QUERIES) chunks.push(pending.slice(i, i + MAX_BATCH_QUERIES));
      await Promise.all(
        chunks.map((chunk) =>
          this.limit(async () => {
            const results = await this.queryBatch(chunk, signal);
            results.forEach((result, index) => {
              const item = chunk[index] as (typeof chunk)[number];
              const list = found.get(queryKey(item.query)) as VulnRef[];
              for (const vuln of result.vulns ?? []) {
                if (typeof vuln.id === 'string') list.push({ id: vuln.id, modified: typeof vuln.modified === 'string' ? vuln.modified : '' });
              }
              if (typeof result.next_page_token === 'string' && result.next_page_token !== '') {
                if (item.pages + 1 >= MAX_PAGES) throw new Error(`OSV kept paginating for ${item.query.name}@${item.query.version}`);
                next.push({ query: item.query, token: result.next_page_token, pages: item.pages + 1 });
              }
            });
          }),
        ),
      );
      pending = next;
    }
    await Promise.all(
      [...found].map(async ([key, list]) => {
        answers.set(key, list);
        if (this.options.cacheTtlMs > 0) await this.options.cache.set(QUERY_NAMESPACE, key, JSON.stringify(list), this.options.cacheTtlMs);
      }),
    );
    return answers;
  }

  private async queryBatch(items: readonly { query: PackageQuery; token?: string }[], signal: AbortSignal): Promise<BatchResult[]> {
    this.requests.querybatch++;
    const body = {
      queries: items.map(({ query, token }) => ({
        package: { ecosystem: query.ecosystem, name: query.name },
        version: query.version,
        ...(token ? { page_token: token } : {}),
      })),
    };
    const response = await requestJson(`${this.base}/v1/querybatch`, {
      method: 'POST',
      body,
      timeoutMs: this.options.timeoutMs,
      signal,
      retry: this.options.retry,
      onRetry: (attempt, reason, delayMs) => this.options.log?.warn({ attempt, reason, delayMs }, 'OSV querybatch retry'),
    });
    const results = (response.json as { results?: unknown } | undefined)?.results;
    if (response.status !== 200 || !Array.isArray(results) || results.length !== items.length) {
      throw new Error(`OSV querybatch answered ${response.status} without one result per query`);
    }
    return results.map((result) => (typeof result === 'object' && result !== null ? (result as BatchResult) : {}));
  }

  private async records(refs: readonly VulnRef[], signal: AbortSignal): Promise<Map<string, OsvVulnerability>> {
    const records = new Map<string, OsvVulnerability>();
    await Promise.all(
      refs.map(async (ref) => {
        const key = `${ref.id}@${ref.modified}`;
        const cached = await this.options.cache.get(RECORD_NAMESPACE, key);
        if (cached !== null) {
          records.set(key, JSON.parse(cached) as OsvVulnerability);
          return;
        }
        const record = await this.limit(() => this.fetchRecord(ref.id, signal));
        if (!record) return;
        records.set(key, record);
        await this.options.cache.set(RECORD_NAMESPACE, key, JSON.stringify(record), RECORD_TTL_MS);
      }),
    );
    return records;
  }

  private async fetchRecord(id: string, signal: AbortSignal): Promise<OsvVulnerability | null> {
    this.requests.vulns++;
    const response = await requestJson(`${this.base}/v1/vulns/${encodeURIComponent(id)}`, {
      timeoutMs: this.options.timeoutMs,
      signal,
      retry: this.options.retry,
      onRetry: (attempt, reason, delayMs) => this.options.log?.warn({ id, attempt, reason, delayMs }, 'OSV vulns retry'),
    });
    if (response.status === 404 || !isOsvVulnerability(response.json)) {
      // Listed by querybatch but gone since (withdrawn and deleted): reported with its id alone.
      this.options.log?.warn({ id, status: response.status }, 'OSV record not available');
      return null;
    }
    return response.json;
  }
}
