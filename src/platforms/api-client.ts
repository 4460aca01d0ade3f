/**
 * One JSON-over-HTTP client for the platform APIs: a time limit on every call, the task's abort signal,
 * pagination as each platform does it (GitHub `Link`, Gitee `total_page`, otherwise a short page ends the
 * list), rate limits (wait for `Retry-After` / `X-RateLimit-Reset` when the wait is short, fail clearly when it
 * is long), a retry for transient 5xx answers, and conditional requests: a response's `ETag` is kept in the
 * shared cache so the next task asks `If-None-Match` and a `304` (free on GitHub's rate limit) reuses the body.
 *
 * Requests go through the shared HTTP helper (./http.ts) over safeRequest (src/lib/http.ts): per-hop redirect
 * checks and no link-local addresses.
 */
import { createHash } from 'node:crypto';
import parseLinkHeader from 'parse-link-header';
import type { SafeResponse } from '../lib/http.js';
import type { SharedCache } from '../lib/shared-cache.js';
import { PlatformError, errorBodyMessage, statusKind } from './errors.js';
import { NO_JITTER, headerValue, parseJsonBody, parseRetryAfter, send, withRetries, type AttemptResult, type RetryPolicy } from './http.js';

export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;
/** Waits for a rate limit up to this long; a later reset fails the command instead of holding an agent. */
export const DEFAULT_MAX_RATE_LIMIT_WAIT_MS = 60_000;
/** Largest JSON body read (a page of 100 releases with long notes stays well below). */
const MAX_BODY_BYTES = 32 * 1024 * 1024;
const ETAG_NAMESPACE = 'platform-etag';
const ETAG_TTL_MS = 7 * 24 * 3600 * 1000;
/**
 * Four attempts in all for rate limits (waits as the platform asks); transient 5xx answers are retried twice,
 * after 0.5 s and 1 s. Network failures are not retried: a platform that is unreachable stays so for a task.
 */
const RETRY: RetryPolicy = { attempts: 4, initialDelayMs: 500, maxDelayMs: Number.POSITIVE_INFINITY, jitter: NO_JITTER };
const SERVER_ERROR_ATTEMPTS = 3;

export interface ApiAuth {
  /** e.g. `['authorization', 'Bearer …']`. */
  readonly header?: readonly [string, string];
  /** e.g. `['access_token', '…']` (Gitee). */
  readonly query?: readonly [string, string];
}

export interface ApiClientOptions {
  /** Platform name for messages: `GitHub`. */
  readonly label: string;
  readonly baseUrl: string;
  readonly auth: ApiAuth | null;
  readonly headers?: Readonly<Record<string, string>>;
  readonly cache: SharedCache;
  readonly signal: AbortSignal;
  readonly timeoutMs?: number;
  readonly maxRateLimitWaitMs?: number;
}

export type Query = Readonly<Record<string, string | number | boolean | undefined>>;

export interface ApiResponse {
  readonly status: number;
  readonly data: unknown;
  /** Lower-cased response headers that matter to callers (pagination). */
  readonly link: string | null;
  readonly totalPage: number | null;
  readonly totalCount: number | null;
}

export interface RequestOptions {
  readonly query?: Query;
  /** Use and fill the ETag cache (GET only). Off for answers that carry secrets (webhooks). */
  readonly cache?: boolean;
  /** Statuses returned to the caller instead of thrown (e.g. 404 meaning "not protected"). */
  readonly accept?: readonly number[];
  readonly method?: 'GET' | 'POST';
  readonly body?: unknown;
}

export interface ListOptions {
  readonly query?: Query;
  readonly perPage?: number;
  /** Stop after this many pages (a bound on calls for huge lists). */
  readonly maxPages?: number;
  /** Stop once this many items are collected. */
  readonly maxItems?: number;
  readonly cache?: boolean;
}

export interface ListResult {
  readonly items: unknown[];
  /** More items exist than were read (maxPages/maxItems reached). */
  readonly truncated: boolean;
}

interface CachedEntry {
  etag: string;
  body: string;
  status: number;
  link: string | null;
  totalPage: number | null;
  totalCount: number | null;
}

export class ApiClient {
  private readonly base: URL;
  private readonly authKey: string;

  constructor(private readonly options: ApiClientOptions) {
    this.base = new URL(options.baseUrl.replace(/\/+$/, '') + '/');
    const secret = options.auth?.header?.[1] ?? options.auth?.query?.[1] ?? '';
    // Cached answers depend on who asked (private repositories, permissions): key them by a token digest.
    this.authKey = secret ? createHash('sha256').update(secret).digest('hex').slice(0, 16) : 'anonymous';
  }

  get label(): string {
    return this.options.label;
  }

  /** The credential header, for downloads from the API's own host. */
  authHeader(): readonly [string, string] | null {
    return this.options.auth?.header ?? null;
  }

  /** The credential query parameter (Gitee), for downloads from the API's own host. */
  authQuery(): readonly [string, string] | null {
    return this.options.auth?.query ?? null;
  }

  /** `path` relative to the base URL (`repos/o/r`), or an absolute URL on the same origin (a `Link` target). */
  url(path: string, query: Query = {}): URL {
    const url = /^https?:\/\//.test(path) ? new URL(path) : new URL(path.replace(/^\/+/, ''), this.base);
    if (url.origin !== this.base.origin) {
      throw new PlatformError('malformed', `${this.label} API pointed to another host (${url.host}); not followed`);
    }
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
    return url;
  }

  async request(path: string, options: RequestOptions = {}): Promise<ApiResponse> {
    const method = options.method ?? 'GET';
    const url = this.url(path, options.query);
    const where = `${method} ${url.pathname}`;
    const useCache = method === 'GET' && options.cache !== false;
    const cacheKey = `${this.options.label} ${this.authKey} ${url.toString()}`;
    const auth = this.options.auth;
    const target = new URL(url);
    if (auth?.query) target.searchParams.set(auth.query[0], auth.query[1]);
    const attempt = async (n: number): Promise<AttemptResult<ApiResponse>> => {
      const cached = useCache ? parseCached(await this.options.cache.get(ETAG_NAMESPACE, cacheKey)) : null;
      const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'OpenChecker', ...this.options.headers };
      if (auth?.header) headers[auth.header[0]] = auth.header[1];
      if (cached) headers['if-none-match'] = cached.etag;
      let body: string | undefined;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] = 'application/json';
      }
      const response = await this.send(target, where, { method, headers, body });
      if (response.status === 304 && cached) {
        return { done: { status: cached.status, data: this.parse(cached.body, where), link: cached.link, totalPage: cached.totalPage, totalCount: cached.totalCount } };
      }
      if (response.status >= 200 && response.status < 300) {
        const result = {
          status: response.status,
          data: response.status === 204 || response.body.trim() === '' ? null : this.parse(response.body, where),
          link: header(response, 'link'),
          totalPage: intHeader(response, 'total_page'),
          totalCount: intHeader(response, 'total_count'),
        };
        const etag = header(response, 'etag');
        if (useCache && etag) {
          const entry: CachedEntry = { etag, body: response.body, status: result.status, link: result.link, totalPage: result.totalPage, totalCount: result.totalCount };
          await this.options.cache.set(ETAG_NAMESPACE, cacheKey, JSON.stringify(entry), ETAG_TTL_MS);
        }
        return { done: result };
      }
      if (options.accept?.includes(response.status)) {
        return { done: { status: response.status, data: safeParse(response.body), link: null, totalPage: null, totalCount: null } };
      }
      const limited = rateLimitWaitMs(response, n);
      if (limited !== null) {
        const max = this.options.maxRateLimitWaitMs ?? DEFAULT_MAX_RATE_LIMIT_WAIT_MS;
        const failure = new PlatformError('rate_limited', rateLimitMessage(this.label, limited, max, auth !== null), response.status);
        if (limited.waitMs > max) throw failure;
        return { retry: failure, waitMs: limited.waitMs };
      }
      if (response.status >= 500 && n < SERVER_ERROR_ATTEMPTS) return { retry: statusError(this.label, where, response) };
      throw statusError(this.label, where, response);
    };
    return withRetries(RETRY, attempt, { signal: this.options.signal });
  }

  /** Every page of a list endpoint, concatenated. */
  async list(path: string, options: ListOptions = {}): Promise<ListResult> {
    const perPage = options.perPage ?? 100;
    const maxPages = options.maxPages ?? 50;
    const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
    const items: unknown[] = [];
    let next: string = this.url(path, { ...options.query, per_page: perPage, page: 1 }).toString();
    for (let page = 1; ; page++) {
      const response = await this.request(next, { cache: options.cache });
      const data = response.data ?? [];
      if (!Array.isArray(data)) throw new PlatformError('malformed', `${this.label} API answered GET ${new URL(next).pathname} with ${describeJson(data)}, expected a list`);
      items.push(...(data as unknown[]));
      if (items.length >= maxItems) return { items: items.slice(0, maxItems), truncated: items.length > maxItems || hasMore(response, page, data.length, perPage) };
      if (!hasMore(response, page, data.length, perPage)) return { items, truncated: false };
      if (page >= maxPages) return { items, truncated: true };
      const linkNext = parseLinkHeader(response.link)?.next?.url;
      next = linkNext ? this.url(linkNext).toString() : this.url(path, { ...options.query, per_page: perPage, page: page + 1 }).toString();
    }
  }

  /**
   * How many items a list endpoint holds, in one call where the platform says: one item per page, then the page
   * number of GitHub's `rel="last"` link, or Gitee's `total_count` header. Without either (GitCode), the list
   * is read page by page.
   */
  async count(path: string, query: Query = {}): Promise<number> {
    const response = await this.request(path, { query: { ...query, per_page: 1, page: 1 } });
    if (response.totalCount !== null) return response.totalCount;
    const last = parseLinkHeader(response.link)?.last?.page;
    if (last !== undefined && /^\d+$/.test(last)) return Number(last);
    const data = response.data ?? [];
    if (!Array.isArray(data)) throw new PlatformError('malformed', `${this.label} API answered GET ${path} with ${describeJson(data)}, expected a list`);
    if (data.length === 0 || response.link !== null) return data.length;
    return (await this.list(path, { query, maxPages: 100 })).items.length;
  }

  /**
   * One call. Redirects (GitHub answers 301/307 for renamed or moved repositories) are followed here, on the
   * API's own origin only: the request carries the token, which must not go to another host.
   */
  private async send(url: URL, where: string, init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string }): Promise<SafeResponse> {
    let current = url;
    for (let hop = 0; ; hop++) {
      const response = await this.sendOnce(current, where, init);
      const location = header(response, 'location');
      if (![301, 302, 303, 307, 308].includes(response.status) || location === null || hop >= 3) return response;
      const next = new URL(location, current);
      if (next.origin !== this.base.origin) {
        throw new PlatformError('malformed', `${this.label} API redirected ${where} to another host (${next.host}); not followed`);
      }
      current = next;
    }
  }

  private sendOnce(url: URL, where: string, init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string }): Promise<SafeResponse> {
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    return send(url, { ...init, timeoutMs, signal: this.options.signal, maxRedirects: 0, maxBodyBytes: MAX_BODY_BYTES }, {
      timeout: (ms) => `${this.label} API did not answer ${where} within ${ms / 1000} s`,
      network: (detail) => `could not reach the ${this.label} API (${where}): ${detail}`,
    });
  }

  private parse(body: string, where: string): unknown {
    const parsed = parseJsonBody(body);
    if (parsed.ok) return parsed.value;
    throw new PlatformError('malformed', `${this.label} API answered ${where} with a body that is not JSON: ${JSON.stringify(body.slice(0, 80))}`);
  }
}

function hasMore(response: ApiResponse, page: number, count: number, perPage: number): boolean {
  if (response.link !== null) return parseLinkHeader(response.link)?.next !== undefined;
  if (response.totalPage !== null) return page < response.totalPage;
  return count >= perPage && count > 0;
}

function header(response: SafeResponse, name: string): string | null {
  return headerValue(response.headers, name);
}

function intHeader(response: SafeResponse, name: string): number | null {
  const value = header(response, name);
  return value !== null && /^\d+$/.test(value.trim()) ? Number(value.trim()) : null;
}

function parseCached(text: string | null): CachedEntry | null {
  if (!text) return null;
  try {
    const entry = JSON.parse(text) as CachedEntry;
    return typeof entry.etag === 'string' && typeof entry.body === 'string' ? entry : null;
  } catch {
    return null;
  }
}

function safeParse(body: string): unknown {
  const parsed = parseJsonBody(body);
  return parsed.ok ? parsed.value : null;
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

interface RateLimit {
  waitMs: number;
  /** When the limit resets, if the platform said. */
  resetAt: Date | null;
}

/**
 * A rate-limit answer and how long to wait, or null when the response is not one. GitHub answers 403 or 429
 * with `X-RateLimit-Remaining: 0` (primary limit) or a "secondary rate limit" message, usually with
 * `Retry-After`; GitCode answers 429 without documented headers (then back off 1 s, 2 s, 4 s).
 */
export function rateLimitWaitMs(response: SafeResponse, attempt: number, now = Date.now()): RateLimit | null {
  const remaining = header(response, 'x-ratelimit-remaining');
  const retryAfter = header(response, 'retry-after');
  const limited =
    response.status === 429 ||
    (response.status === 403 && (remaining === '0' || retryAfter !== null || /rate limit/i.test(errorBodyMessage(response.body) ?? '')));
  if (!limited) return null;
  const asked = parseRetryAfter(retryAfter, now);
  if (asked !== null) return { waitMs: asked, resetAt: new Date(now + asked) };
  const reset = header(response, 'x-ratelimit-reset');
  if (remaining === '0' && reset !== null && /^\d+$/.test(reset.trim())) {
    const at = Number(reset.trim()) * 1000;
    return { waitMs: Math.max(0, at - now) + 1000, resetAt: new Date(at) };
  }
  // GitHub's secondary limit without Retry-After: "wait at least one minute".
  if (response.status === 403) return { waitMs: 60_000, resetAt: null };
  return { waitMs: 1000 * 2 ** (attempt - 1), resetAt: null };
}

function rateLimitMessage(label: string, limit: RateLimit, maxWaitMs: number, authenticated: boolean): string {
  const when = limit.resetAt ? `; it resets at ${limit.resetAt.toISOString()} (in ${Math.ceil(limit.waitMs / 60_000)} min)` : '';
  const hint = authenticated ? '' : `; configure [${label === 'GitHub' ? 'Github' : label}] access_key for a higher limit`;
  const waited = limit.waitMs > maxWaitMs ? `, longer than the ${Math.round(maxWaitMs / 1000)} s an agent waits` : ' after retrying';
  return `${label} API rate limit exceeded${when}${waited}${hint}`;
}

function statusError(label: string, where: string, response: SafeResponse): PlatformError {
  const detail = errorBodyMessage(response.body);
  const said = detail ? `: ${detail}` : '';
  switch (response.status) {
    case 401:
      return new PlatformError('unauthorized', `${label} API refused the token (401${said}) on ${where}`, 401);
    case 403:
      return new PlatformError('forbidden', `${label} API denied access (403${said}) on ${where}`, 403);
    case 404:
      return new PlatformError('not_found', `${label} API: not found (404) on ${where}`, 404);
    default:
      return new PlatformError(statusKind(response.status), `${label} API answered ${response.status}${said} on ${where}`, response.status);
  }
}
