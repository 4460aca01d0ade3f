/**
 * JSON over HTTP for the package metadata services (OSV, deps.dev), over the shared HTTP helper
 * (src/platforms/http.ts): a time limit per attempt, retries with exponential backoff and jitter on what is
 * worth retrying (network errors, timeouts, 429 and 5xx, honouring `Retry-After`), and the caller's abort
 * signal respected everywhere, including while waiting to retry. Failures are PlatformErrors: with the status
 * when the service answered, with a null status when it could not be reached or kept failing.
 */
import { PlatformError, statusKind } from '../../platforms/errors.js';
import { RETRYABLE_STATUS, parseJsonBody, parseRetryAfter, send, withRetries, type TransportWording } from '../../platforms/http.js';

export interface RetryPolicy {
  /** Attempts in all (1 = no retry). */
  readonly attempts: number;
  /** Delay before the first retry; doubles each time, with ±50 % jitter. */
  readonly initialDelayMs: number;
  /** No delay is longer, a server's `Retry-After` included. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, initialDelayMs: 500, maxDelayMs: 8_000 };
const SPREAD_JITTER = [0.5, 1.5] as const;

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

/** The service's own error message (grpc-gateway `{"code", "message"}`), else the start of the body. */
function errorText(body: string): string {
  const parsed = parseJsonBody(body);
  if (parsed.ok && typeof (parsed.value as { message?: unknown } | null)?.message === 'string') return (parsed.value as { message: string }).message;
  return body.slice(0, 200);
}

/**
 * Sends the request, retrying as the policy allows. Answers 2xx and 404 (the caller decides what "not found"
 * means); throws PlatformError for other statuses and for failures that outlast the retries.
 */
export async function requestJson(url: string, options: JsonRequestOptions): Promise<JsonResponse> {
  const policy = options.retry ?? DEFAULT_RETRY;
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024;
  const host = new URL(url).host;
  // The transport's own words: they end up after "<host> failed after N attempts: ".
  const wording: TransportWording = {
    timeout: (ms) => `request to ${host} timed out after ${ms} ms`,
    network: (_detail, message) => message,
  };
  return withRetries<JsonResponse>(
    { ...policy, jitter: SPREAD_JITTER },
    async () => {
      let response;
      try {
        response = await send(
          url,
          {
            method: options.method ?? 'GET',
            headers: { accept: 'application/json', ...(options.body === undefined ? {} : { 'content-type': 'application/json' }) },
            body: options.body === undefined ? undefined : JSON.stringify(options.body),
            timeoutMs: options.timeoutMs,
            signal: options.signal,
            maxBodyBytes: maxBodyBytes + 1,
            maxRedirects: 3,
          },
          wording,
        );
      } catch (err) {
        // Every failed connection is retried here, a blocked address too (this client's policy).
        if (err instanceof PlatformError) return { retry: err };
        throw err;
      }
      const status = response.status;
      if ((status >= 200 && status < 300) || status === 404) {
        const body = parseJsonBody(response.body, maxBodyBytes);
        if (!body.ok && body.problem === 'too_large') throw new PlatformError('too_large', `${host} answered more than ${maxBodyBytes} bytes`, status);
        if (response.body.trim() === '') return { done: { status, json: undefined } };
        if (body.ok) return { done: { status, json: body.value } };
        if (status === 404) return { done: { status: 404, json: undefined } };
        throw new PlatformError('malformed', `${host} answered ${status} with a body that is not JSON`, status);
      }
      const reason = `HTTP ${status}: ${errorText(response.body)}`;
      if (!RETRYABLE_STATUS.has(status)) throw new PlatformError(statusKind(status), `${host} answered ${reason}`, status);
      return { retry: new PlatformError(statusKind(status), reason, status), waitMs: parseRetryAfter(response.headers['retry-after']) };
    },
    {
      signal: options.signal,
      onRetry: (attempt, error, delayMs) => options.onRetry?.(attempt, error.message, delayMs),
      // A null status: the service could not be reached or kept failing, which callers treat as "down".
      exhausted: (error, attempts) =>
        new PlatformError(error instanceof PlatformError ? error.kind : 'network', `${host} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${error.message}`, null),
    },
  );
}
