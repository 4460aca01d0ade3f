/**
 * JSON over HTTP for the package metadata services (OSV, deps.dev): a time limit per attempt, retries with
 * exponential backoff and jitter on what is worth retrying (network errors, timeouts, 429 and 5xx, honouring
 * `Retry-After`), and the caller's abort signal respected everywhere, including while waiting to retry.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { safeRequest } from '../../lib/http.js';

export interface RetryPolicy {
  /** Attempts in all (1 = no retry). */
  readonly attempts: number;
  /** Delay before the first retry; doubles each time, with ±50 % jitter. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, initialDelayMs: 500, maxDelayMs: 8_000 };

export interface JsonRequestOptions {
  readonly method?: 'GET' | 'POST';
  readonly body?: unknown;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  readonly retry?: RetryPolicy;
  readonly maxBodyBytes?: number;
  /** Called before each retry (for logs and metrics). */
  readonly onRetry?: (attempt: number, reason: string, delayMs: number) => void;
}

export interface JsonResponse {
  readonly status: number;
  /** The parsed body; undefined for an empty body. */
  readonly json: unknown;
}

export class ServiceError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);

function retryAfterMs(header: string | string[] | undefined): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

function backoff(policy: RetryPolicy, attempt: number): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
  return Math.round(base * (0.5 + Math.random()));
}

/** The service's own error message (grpc-gateway `{"code", "message"}`), else the start of the body. */
function errorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON
  }
  return body.slice(0, 200);
}

/**
 * Sends the request, retrying as the policy allows. Answers 2xx and 404 (the caller decides what "not found"
 * means); throws ServiceError for other statuses and for failures that outlast the retries.
 */
export async function requestJson(url: string, options: JsonRequestOptions): Promise<JsonResponse> {
  const policy = options.retry ?? DEFAULT_RETRY;
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024;
  let lastError = '';
  for (let attempt = 1; ; attempt++) {
    options.signal.throwIfAborted();
    let delay: number | null = null;
    try {
      const response = await safeRequest(url, {
        method: options.method ?? 'GET',
        headers: { accept: 'application/json', ...(options.body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        timeoutMs: options.timeoutMs,
        signal: options.signal,
        maxBodyBytes: maxBodyBytes + 1,
        maxRedirects: 3,
      });
      if (response.status >= 200 && response.status < 300 || response.status === 404) {
        if (Buffer.byteLength(response.body) > maxBodyBytes) {
          throw new ServiceError(`${new URL(url).host} answered more than ${maxBodyBytes} bytes`, response.status);
        }
        let json: unknown;
        try {
          json = response.body.trim() === '' ? undefined : JSON.parse(response.body);
        } catch {
          if (response.status === 404) return { status: 404, json: undefined };
          throw new ServiceError(`${new URL(url).host} answered ${response.status} with a body that is not JSON`, response.status);
        }
        return { status: response.status, json };
      }
      lastError = `HTTP ${response.status}: ${errorText(response.body)}`;
      if (!RETRY_STATUS.has(response.status)) throw new ServiceError(`${new URL(url).host} answered ${lastError}`, response.status);
      delay = retryAfterMs(response.headers['retry-after']);
    } catch (err) {
      options.signal.throwIfAborted(); // the caller's reason, not undici's AbortError
      if (err instanceof ServiceError) throw err;
      lastError = err instanceof Error ? err.message : String(err);
    }
    if (attempt >= policy.attempts) {
      throw new ServiceError(`${new URL(url).host} failed after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${lastError}`, null);
    }
    const wait = Math.min(policy.maxDelayMs, delay ?? backoff(policy, attempt));
    options.onRetry?.(attempt, lastError, wait);
    try {
      await sleep(wait, undefined, { signal: options.signal });
    } catch (err) {
      options.signal.throwIfAborted();
      throw err;
    }
  }
}
