/**
 * The OSV API client: `POST /v1/querybatch` for which vulnerabilities affect each package version (ids
 * only), then `GET /v1/vulns/{id}` for the full records. Batches hold at most 1,000 queries (the API's limit),
 * run a few at a time, and follow `next_page_token` as the API asks: the unfinished queries are sent again with
 * their `page_token` until no result carries one. A batch the API refuses with 400 (one malformed query
 * fails the whole batch) is split to isolate the refused queries — at once when the error names the query's
 * index, by bisection otherwise — so every other query still gets its answer and the refused ones are
 * reported (`rejected`) instead of failing the scan. Both answers are kept in the shared cache: the ids per
 * package@version for a TTL (new advisories appear), the records per id@modified (a record with a given
 * `modified` never changes), so repositories sharing dependencies cost few requests.
 */
import pLimit from 'p-limit';
import type { Logger } from '../../lib/log.js';
import type { SharedCache } from '../../lib/shared-cache.js';
import { PlatformError } from '../../platforms/errors.js';
import { requestJson, type RetryPolicy } from '../package-metadata/http-json.js';
import { isOsvVulnerability, type OsvVulnerability, type PackageQuery, type VulnerabilitySource } from './types.js';

export const MAX_BATCH_QUERIES = 1000;
/** Pages followed per query before giving up: a guard against a service that never stops paginating. */
const MAX_PAGES = 100;
export const QUERY_NAMESPACE = 'osv:query';
const RECORD_NAMESPACE = 'osv:vuln';
const RECORD_TTL_MS = 30 * 24 * 3600 * 1000;
/**
 * Extra requests spent isolating refused queries, per batch of up to 1,000: bisection costs about
 * 2·log2(n) requests per bad query, so this finds a few; when every query is refused (a proxy or an API
 * change, not bad queries) the scan fails with the API's error instead of sending ~2,000 requests.
 */
export const MAX_ISOLATION_REQUESTS = 64;

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

/** A query OSV refused, with its reason. */
interface Rejected {
  readonly rejected: string;
}

type BatchItem = { readonly query: PackageQuery; readonly token?: string; readonly pages: number };

/** The refused query's index in a querybatch 400 (`error in query at index 3: ...`), when the API says it. */
function rejectedIndex(message: string, size: number): number | null {
  const match = /error in query at index (\d+)/i.exec(message);
  const index = match ? Number(match[1]) : NaN;
  return Number.isInteger(index) && index >= 0 && index < size ? index : null;
}

/** The API's reason without the batch wrapping (`... desc = invalid query` -> `invalid query`). */
function rejectionReason(message: string): string {
  const detail = /answered HTTP 400: (.*)$/s.exec(message)?.[1] ?? message;
  return detail.replace(/^error in query at index \d+:\s*/i, '').replace(/^rpc error: code = \w+ desc = /, '').trim() || 'invalid query';
}

export function queryKey(query: PackageQuery): string {
  return `${query.ecosystem}\u0000${query.name}\u0000${query.version}`;
}

export class OsvApiClient implements VulnerabilitySource {
  private readonly base: string;
  private readonly limit: ReturnType<typeof pLimit>;
  /** Requests sent, by kind (for tests and logs). */
  readonly requests = { querybatch: 0, vulns: 0 };
  /** Queries the API refused (HTTP 400), by `queryKey`, with the API's reason; they count as not vulnerable. */
  readonly rejected = new Map<string, string>();

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
        if (cached === null) {
          misses.push(query);
          return;
        }
        const parsed = JSON.parse(cached) as VulnRef[] | Rejected;
        if (Array.isArray(parsed)) answers.set(queryKey(query), parsed);
        else this.rejected.set(queryKey(query), parsed.rejected);
      }),
    );
    if (misses.length === 0) return answers;
    const found = new Map<string, VulnRef[]>(misses.map((query) => [queryKey(query), []]));
    const refused = new Map<string, string>();
    let pending: BatchItem[] = misses.map((query) => ({ query, pages: 0 }));
    while (pending.length > 0) {
      const next: BatchItem[] = [];
      const chunks: BatchItem[][] = [];
      for (let i = 0; i < pending.length; i += MAX_BATCH_QUERIES) chunks.push(pending.slice(i, i + MAX_BATCH_QUERIES));
      await Promise.all(
        chunks.map(async (chunk) => {
          const results = await this.queryIsolating(chunk, signal, { left: MAX_ISOLATION_REQUESTS });
          results.forEach((result, index) => {
            const item = chunk[index] as BatchItem;
            const key = queryKey(item.query);
            if ('rejected' in result) {
              refused.set(key, result.rejected);
              found.delete(key);
              return;
            }
            const list = found.get(key);
            if (!list) return;
            for (const vuln of result.vulns ?? []) {
              if (typeof vuln.id === 'string') list.push({ id: vuln.id, modified: typeof vuln.modified === 'string' ? vuln.modified : '' });
            }
            if (typeof result.next_page_token === 'string' && result.next_page_token !== '') {
              if (item.pages + 1 >= MAX_PAGES) throw new Error(`OSV kept paginating for ${item.query.name}@${item.query.version}`);
              next.push({ query: item.query, token: result.next_page_token, pages: item.pages + 1 });
            }
          });
        }),
      );
      pending = next;
    }
    const ttl = this.options.cacheTtlMs;
    await Promise.all([
      ...[...found].map(async ([key, list]) => {
        answers.set(key, list);
        if (ttl > 0) await this.options.cache.set(QUERY_NAMESPACE, key, JSON.stringify(list), ttl);
      }),
      ...[...refused].map(async ([key, reason]) => {
        this.rejected.set(key, reason);
        // Kept like an answer: the same query would be refused again, at the cost of another isolation.
        if (ttl > 0) await this.options.cache.set(QUERY_NAMESPACE, key, JSON.stringify({ rejected: reason } satisfies Rejected), ttl);
      }),
    ]);
    if (refused.size > 0) this.options.log?.warn({ rejected: Object.fromEntries(refused) }, 'OSV refused some queries');
    return answers;
  }

  /**
   * One batch, with refused queries isolated: on a 400 the query the API names is set aside and the rest
   * sent again, or, when it names none, the batch is halved and each half sent on its own, down to single
   * queries. Answers are in the batch's order, a refused query answered by its reason.
   */
  private async queryIsolating(items: readonly BatchItem[], signal: AbortSignal, budget: { left: number }): Promise<(BatchResult | Rejected)[]> {
    try {
      return await this.queryBatch(items, signal);
    } catch (err) {
      if (!(err instanceof PlatformError && err.status === 400)) throw err;
      if (items.length === 1) return [{ rejected: rejectionReason(err.message) }];
      if (budget.left <= 0) {
        throw new PlatformError(err.kind, `${err.message} (more queries refused than ${MAX_ISOLATION_REQUESTS} isolating requests could set aside)`, 400);
      }
      const index = rejectedIndex(err.message, items.length);
      if (index !== null) {
        budget.left--;
        const rest = await this.queryIsolating([...items.slice(0, index), ...items.slice(index + 1)], signal, budget);
        rest.splice(index, 0, { rejected: rejectionReason(err.message) });
        return rest;
      }
      budget.left -= 2;
      const middle = Math.ceil(items.length / 2);
      const left = await this.queryIsolating(items.slice(0, middle), signal, budget);
      const right = await this.queryIsolating(items.slice(middle), signal, budget);
      return [...left, ...right];
    }
  }

  private async queryBatch(items: readonly BatchItem[], signal: AbortSignal): Promise<BatchResult[]> {
    return this.limit(() => this.sendBatch(items, signal));
  }

  private async sendBatch(items: readonly BatchItem[], signal: AbortSignal): Promise<BatchResult[]> {
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

  /**
   * Every record naming the package, whatever the version: `POST /v1/query` with the package alone (the API
   * answers full records), following `next_page_token`. Kept in the shared cache for the query TTL.
   */
  async packageRecords(ecosystem: string, name: string, signal: AbortSignal): Promise<OsvVulnerability[]> {
    const key = `package\u0000${ecosystem}\u0000${name}`;
    const cached = await this.options.cache.get(QUERY_NAMESPACE, key);
    if (cached !== null) return JSON.parse(cached) as OsvVulnerability[];
    const records: OsvVulnerability[] = [];
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const response = await this.limit(() =>
        requestJson(`${this.base}/v1/query`, {
          method: 'POST',
          body: { package: { ecosystem, name }, ...(token ? { page_token: token } : {}) },
          timeoutMs: this.options.timeoutMs,
          signal,
          retry: this.options.retry,
        }),
      );
      const body = (response.json ?? {}) as { vulns?: unknown; next_page_token?: unknown };
      if (response.status !== 200) throw new PlatformError('http', `OSV query for ${name} answered ${response.status}`, response.status);
      if (Array.isArray(body.vulns)) records.push(...body.vulns.filter(isOsvVulnerability));
      token = typeof body.next_page_token === 'string' && body.next_page_token !== '' ? body.next_page_token : undefined;
      if (!token) break;
    }
    if (this.options.cacheTtlMs > 0) await this.options.cache.set(QUERY_NAMESPACE, key, JSON.stringify(records), this.options.cacheTtlMs);
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
