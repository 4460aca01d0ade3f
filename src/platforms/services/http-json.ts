/**
 * The shared HTTP layer of the service clients (npm, OHPM, OSS Insight, Best Practices, SonarQube, chat
 * completions): one base URL per client, a time limit per attempt, retries with exponential backoff and jitter
 * for throttling, server errors and time-outs, `Retry-After` / `X-RateLimit-Reset` honoured when short, and
 * failures as a `ServiceError` whose kind tells "not found" from "bad credentials" from "throttled" from "down".
 *
 * Requests go through `safeRequest` (src/lib/http.ts): capped bodies, hop-checked redirects and no link-local
 * or cloud-metadata addresses, which also covers a mistyped or hostile base URL in the configuration.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { BlockedAddressError, safeRequest, type SafeResponse } from '../../lib/http.js';

export type ServiceFailure = 'not_found' | 'unauthorized' | 'forbidden' | 'rate_limited' | 'timeout' | 'server' | 'http' | 'malformed' | 'network';

export class ServiceError extends Error {
  constructor(
    /** Human name of the service, e.g. "npm registry". */
    readonly service: string,
    readonly kind: ServiceFailure,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export interface ServiceClientOptions {
  /** Human name used in messages: "npm registry", "SonarQube". */
  service: string;
  baseUrl: string;
  /** Time limit of one attempt. */
  timeoutMs: number;
  /** Further attempts after a retryable failure (default 2). */
  maxRetries?: number;
  /** First backoff delay; doubles per attempt, with jitter (default 500 ms). */
  retryBaseMs?: number;
  /** The longest `Retry-After` worth waiting for; a longer one fails at once (default 30 s). */
  maxRetryWaitMs?: number;
  /** Headers sent with every request (authentication, user agent). */
  headers?: Record<string, string>;
  /** Most bytes of a response body read (default 8 MiB). */
  maxBodyBytes?: number;
}

export interface CallOptions {
  method?: 'GET' | 'POST';
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Statuses handed back to the caller instead of thrown (e.g. 404 when "absent" is a normal answer). */
  accept?: readonly number[];
  /** Whether a failed response may be retried; default: 429, 500, 502, 503, 504. */
  retryable?: (response: SafeResponse) => boolean;
}

export interface ServiceResponse {
  status: number;
  headers: SafeResponse['headers'];
  text: string;
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const USER_AGENT = 'OpenChecker';

export class ServiceClient {
  readonly service: string;
  readonly baseUrl: string;
  private readonly options: Required<Omit<ServiceClientOptions, 'headers'>> & { headers: Record<string, string> };

  constructor(options: ServiceClientOptions) {
    if (!/^https?:\/\//i.test(options.baseUrl)) throw new ServiceError(options.service, 'http', `${options.service}: base URL must be http(s), got "${options.baseUrl}"`);
    this.service = options.service;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.options = {
      maxRetries: 2,
      retryBaseMs: 500,
      maxRetryWaitMs: 30_000,
      maxBodyBytes: 8 * 1024 * 1024,
      ...options,
      headers: { 'user-agent': USER_AGENT, ...options.headers },
    };
  }

  /** `<base>/<path>?<query>`; `path` is appended to the base URL's own path. */
  url(path: string, query?: Record<string, string>): string {
    const url = `${this.baseUrl}/${path.replace(/^\/+/, '')}`;
    const search = query ? new URLSearchParams(query).toString() : '';
    return search ? `${url}?${search}` : url;
  }

  /** One request with retries; a status outside 2xx and `accept` becomes a ServiceError. */
  async call(path: string, call: CallOptions = {}): Promise<ServiceResponse> {
    const url = this.url(path, call.query);
    const isRetryable = call.retryable ?? ((response: SafeResponse) => RETRYABLE_STATUS.has(response.status));
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= this.options.maxRetries;
      let response: SafeResponse;
      try {
        response = await this.attempt(url, call);
      } catch (err) {
        if (!(err instanceof ServiceError) || last || !(err.kind === 'timeout' || err.kind === 'network')) throw err;
        await this.pause(this.backoff(attempt), call.signal);
        continue;
      }
      if ((response.status >= 200 && response.status < 300) || call.accept?.includes(response.status)) {
        return { status: response.status, headers: response.headers, text: response.body };
      }
      if (last || !isRetryable(response)) throw this.failure(response, path);
      const asked = retryAfterMs(response.headers);
      if (asked !== null && asked > this.options.maxRetryWaitMs) throw this.failure(response, path, asked);
      await this.pause(asked ?? this.backoff(attempt), call.signal);
    }
  }

  /** `call` and parse the body as JSON; a body that is not JSON is a `malformed` failure. */
  async json(path: string, call: CallOptions = {}): Promise<{ status: number; headers: SafeResponse['headers']; data: unknown }> {
    const response = await this.call(path, { ...call, headers: { accept: 'application/json', ...call.headers } });
    return { status: response.status, headers: response.headers, data: this.parse(response.text, path, response.status) };
  }

  parse(text: string, path: string, status: number): unknown {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ServiceError(this.service, 'malformed', `${this.service} answered ${this.describePath(path)} with a body that is not JSON (HTTP ${status}): ${snippet(text)}`, status);
    }
  }

  private async attempt(url: string, call: CallOptions): Promise<SafeResponse> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
    try {
      return await safeRequest(url, {
        method: call.method ?? 'GET',
        headers: { ...this.options.headers, ...call.headers },
        body: call.body,
        signal,
        // Our own signal decides first, so a time-out is recognised as one (safeRequest's is only a backstop).
        timeoutMs: this.options.timeoutMs + 1000,
        maxBodyBytes: this.options.maxBodyBytes,
      });
    } catch (err) {
      if (call.signal?.aborted) throw call.signal.reason instanceof Error ? call.signal.reason : new Error('the request was stopped');
      const where = new URL(url).host;
      if (timeout.aborted) {
        throw new ServiceError(this.service, 'timeout', `${this.service} (${where}) did not answer within ${Math.round(this.options.timeoutMs / 100) / 10} s`);
      }
      if (err instanceof BlockedAddressError) throw new ServiceError(this.service, 'network', `${this.service}: ${err.message}`);
      const code = err instanceof Error ? (err as Error & { code?: unknown }).code : undefined;
      const detail = typeof code === 'string' ? code : err instanceof Error ? err.message : String(err);
      throw new ServiceError(this.service, 'network', `could not reach ${this.service} at ${where}: ${detail}`);
    }
  }

  private failure(response: SafeResponse, path: string, retryAfter: number | null = null): ServiceError {
    const detail = errorDetail(response.body);
    const suffix = detail ? `: ${detail}` : '';
    const where = this.describePath(path);
    const status = response.status;
    if (status === 401) return new ServiceError(this.service, 'unauthorized', `${this.service} rejected the credentials (HTTP 401 on ${where})${suffix}`, status);
    if (status === 403) return new ServiceError(this.service, 'forbidden', `${this.service} refused access (HTTP 403 on ${where})${suffix}`, status);
    if (status === 404) return new ServiceError(this.service, 'not_found', `${this.service} has no ${where} (HTTP 404)${suffix}`, status);
    if (status === 429) {
      const wait = retryAfter ?? retryAfterMs(response.headers);
      const when = wait !== null ? `; it asks to retry in ${Math.ceil(wait / 1000)} s` : '';
      return new ServiceError(this.service, 'rate_limited', `${this.service} is rate-limiting requests (HTTP 429 on ${where})${when}${suffix}`, status);
    }
    if (status >= 500) return new ServiceError(this.service, 'server', `${this.service} failed (HTTP ${status} on ${where})${suffix}`, status);
    return new ServiceError(this.service, 'http', `${this.service} answered HTTP ${status} on ${where}${suffix}`, status);
  }

  private describePath(path: string): string {
    return `/${path.replace(/^\/+/, '').split('?')[0] ?? ''}`;
  }

  /** Exponential backoff with "equal jitter": half fixed, half random, so retries of many agents spread out. */
  private backoff(attempt: number): number {
    const base = this.options.retryBaseMs * 2 ** attempt;
    return base / 2 + Math.random() * (base / 2);
  }

  private async pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
    try {
      await sleep(ms, undefined, { signal });
    } catch {
      throw signal?.reason instanceof Error ? signal.reason : new Error('the request was stopped');
    }
  }
}

/**
 * How long the server asks us to wait: `Retry-After` (seconds or an HTTP date), OpenAI's `retry-after-ms`, or
 * GitHub-style `X-RateLimit-Reset` (epoch seconds) when the remaining quota is 0. Null when it does not say.
 */
export function retryAfterMs(headers: SafeResponse['headers'], now = Date.now()): number | null {
  const header = (name: string): string | undefined => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const ms = Number(header('retry-after-ms'));
  if (header('retry-after-ms') !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const after = header('retry-after');
  if (after !== undefined) {
    const seconds = Number(after);
    if (after.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(after);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const reset = Number(header('x-ratelimit-reset'));
  if (header('x-ratelimit-remaining') === '0' && Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now);
  return null;
}

/** The message in the usual error envelopes: `{"error": {"message"}}` (OpenAI), `{"errors": [{"msg"}]}` (SonarQube), `{"error": "..."}`, `{"message": "..."}`. */
export function errorDetail(body: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    const text = body.trim();
    return text && text.length <= 200 && !text.startsWith('<') ? text : null;
  }
  if (typeof parsed === 'string') return parsed.slice(0, 300);
  if (!parsed || typeof parsed !== 'object') return null;
  const record = parsed as Record<string, unknown>;
  const error = record.error;
  if (typeof error === 'string') return error.slice(0, 300);
  if (error && typeof error === 'object' && typeof (error as Record<string, unknown>).message === 'string') {
    return ((error as Record<string, unknown>).message as string).slice(0, 300);
  }
  const errors = record.errors;
  if (Array.isArray(errors)) {
    const messages = errors
      .map((entry) => (entry && typeof entry === 'object' ? (entry as Record<string, unknown>).msg ?? (entry as Record<string, unknown>).message : null))
      .filter((msg): msg is string => typeof msg === 'string');
    if (messages.length > 0) return messages.join('; ').slice(0, 300);
  }
  if (typeof record.message === 'string') return record.message.slice(0, 300);
  return null;
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 80)}…` : flat || '(empty)';
}

/** A JSON object (not an array or null), for narrowing parsed bodies. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
