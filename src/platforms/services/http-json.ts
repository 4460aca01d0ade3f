/**
 * The service clients' base (npm, OHPM, OSS Insight, Best Practices, SonarQube, chat completions) over the
 * shared HTTP helper (../http.ts): one base URL per client, a time limit per attempt, retries with exponential
 * backoff and jitter for throttling, server errors and time-outs, `Retry-After` / `X-RateLimit-Reset` honoured
 * when short, and failures as a PlatformError whose kind tells "not found" from "bad credentials" from
 * "throttled" from "down". Messages name the service and the path, never the query string.
 */
import type { SafeResponse } from '../../lib/http.js';
import { PlatformError, statusKind } from '../errors.js';
import { RETRYABLE_STATUS, isTransient, parseJsonBody, retryWaitMs, send, withRetries, type TransportWording } from '../http.js';

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

const USER_AGENT = 'OpenChecker';

export class ServiceClient {
  readonly service: string;
  readonly baseUrl: string;
  private readonly options: Required<Omit<ServiceClientOptions, 'headers'>> & { headers: Record<string, string> };

  constructor(options: ServiceClientOptions) {
    if (!/^https?:\/\//i.test(options.baseUrl)) throw new PlatformError('http', `${options.service}: base URL must be http(s), got "${options.baseUrl}"`);
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

  /** One request with retries; a status outside 2xx and `accept` becomes a PlatformError. */
  async call(path: string, call: CallOptions = {}): Promise<ServiceResponse> {
    const url = this.url(path, call.query);
    const isRetryable = call.retryable ?? ((response: SafeResponse) => RETRYABLE_STATUS.has(response.status));
    const policy = { attempts: this.options.maxRetries + 1, initialDelayMs: this.options.retryBaseMs, maxDelayMs: Number.POSITIVE_INFINITY };
    return withRetries<ServiceResponse>(
      policy,
      async () => {
        let response: SafeResponse;
        try {
          response = await this.attempt(url, call);
        } catch (err) {
          if (isTransient(err)) return { retry: err };
          throw err;
        }
        if ((response.status >= 200 && response.status < 300) || call.accept?.includes(response.status)) {
          return { done: { status: response.status, headers: response.headers, text: response.body } };
        }
        if (!isRetryable(response)) throw this.failure(response, path);
        const asked = retryWaitMs(response.headers);
        if (asked !== null && asked > this.options.maxRetryWaitMs) throw this.failure(response, path, asked);
        return { retry: this.failure(response, path, asked), waitMs: asked };
      },
      { signal: call.signal },
    );
  }

  /** `call` and parse the body as JSON; a body that is not JSON is a `malformed` failure. */
  async json(path: string, call: CallOptions = {}): Promise<{ status: number; headers: SafeResponse['headers']; data: unknown }> {
    const response = await this.call(path, { ...call, headers: { accept: 'application/json', ...call.headers } });
    return { status: response.status, headers: response.headers, data: this.parse(response.text, path, response.status) };
  }

  parse(text: string, path: string, status: number): unknown {
    const body = parseJsonBody(text);
    if (body.ok) return body.value;
    throw new PlatformError('malformed', `${this.service} answered ${this.describePath(path)} with a body that is not JSON (HTTP ${status}): ${snippet(text)}`, status);
  }

  private attempt(url: string, call: CallOptions): Promise<SafeResponse> {
    const where = new URL(url).host;
    const wording: TransportWording = {
      timeout: (ms) => `${this.service} (${where}) did not answer within ${Math.round(ms / 100) / 10} s`,
      network: (detail) => `could not reach ${this.service} at ${where}: ${detail}`,
      blocked: (message) => `${this.service}: ${message}`,
    };
    const request = { method: call.method ?? 'GET', headers: { ...this.options.headers, ...call.headers }, body: call.body };
    return send(url, { ...request, signal: call.signal, timeoutMs: this.options.timeoutMs, maxBodyBytes: this.options.maxBodyBytes }, wording);
  }

  private failure(response: SafeResponse, path: string, retryAfter: number | null = null): PlatformError {
    const detail = errorDetail(response.body);
    const suffix = detail ? `: ${detail}` : '';
    const where = this.describePath(path);
    const status = response.status;
    const kind = statusKind(status);
    switch (kind) {
      case 'unauthorized':
        return new PlatformError(kind, `${this.service} rejected the credentials (HTTP 401 on ${where})${suffix}`, status);
      case 'forbidden':
        return new PlatformError(kind, `${this.service} refused access (HTTP 403 on ${where})${suffix}`, status);
      case 'not_found':
        return new PlatformError(kind, `${this.service} has no ${where} (HTTP 404)${suffix}`, status);
      case 'rate_limited': {
        const wait = retryAfter ?? retryWaitMs(response.headers);
        const when = wait !== null ? `; it asks to retry in ${Math.ceil(wait / 1000)} s` : '';
        return new PlatformError(kind, `${this.service} is rate-limiting requests (HTTP 429 on ${where})${when}${suffix}`, status);
      }
      case 'server':
        return new PlatformError(kind, `${this.service} failed (HTTP ${status} on ${where})${suffix}`, status);
      default:
        return new PlatformError(kind, `${this.service} answered HTTP ${status} on ${where}${suffix}`, status);
    }
  }

  private describePath(path: string): string {
    return `/${path.replace(/^\/+/, '').split('?')[0] ?? ''}`;
  }
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
