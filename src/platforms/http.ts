/**
 * The one HTTP helper of the forge and service clients, over the guarded transport of src/lib/http.ts
 * (hop-checked redirects, capped bodies, every connection held to the [Network] address policy):
 *
 * - `send`: one call with its own time limit and the caller's abort signal; a failed connection becomes a
 *   PlatformError (`timeout`, `network`, `blocked`) worded by the client, the caller's abort its own reason;
 * - `withRetries`: attempts with exponential backoff and jitter, or the server's own `Retry-After`; each client
 *   keeps its retry policy (how many attempts, which answers are worth another) as parameters;
 * - `parseRetryAfter` / `retryWaitMs`: the one reading of `Retry-After` (delta-seconds or an HTTP date, capped);
 * - `parseJsonBody`: JSON with a size cap.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { BlockedAddressError, safeRequest, type SafeResponse } from '../lib/http.js';
import type { NetworkPolicy } from '../lib/net-policy.js';
import { PlatformError } from './errors.js';

export type ResponseHeaders = SafeResponse['headers'];

/** Answers worth another attempt: throttling, and a server or gateway that may be back in a moment. */
export const RETRYABLE_STATUS: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** The longest wait a server's answer is believed for: a larger or far-future value is a broken header. */
export const MAX_RETRY_AFTER_MS = 24 * 3600 * 1000;

/** A header's (first) value, or null. */
export function headerValue(headers: ResponseHeaders, name: string): string | null {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/**
 * `Retry-After` in ms from `now`: delta-seconds (`120`) or an HTTP date, never negative (a past date means
 * now), at most MAX_RETRY_AFTER_MS; null when absent or unreadable.
 */
export function parseRetryAfter(value: string | readonly string[] | null | undefined, now = Date.now()): number | null {
  const first = typeof value === 'string' ? value : value?.[0];
  const text = first?.trim() ?? '';
  if (text === '') return null;
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now;
  return Number.isFinite(ms) ? capWait(ms) : null;
}

/**
 * How long the server asks us to wait: OpenAI's `retry-after-ms`, `Retry-After`, or GitHub-style
 * `X-RateLimit-Reset` (epoch seconds) when the remaining quota is 0. Null when it does not say.
 */
export function retryWaitMs(headers: ResponseHeaders, now = Date.now()): number | null {
  const ms = headerValue(headers, 'retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms)) && Number(ms) >= 0) return capWait(Number(ms));
  const after = parseRetryAfter(headerValue(headers, 'retry-after'), now);
  if (after !== null) return after;
  const reset = Number(headerValue(headers, 'x-ratelimit-reset'));
  if (headerValue(headers, 'x-ratelimit-remaining') === '0' && Number.isFinite(reset) && reset > 0) return capWait(reset * 1000 - now);
  return null;
}

function capWait(ms: number): number {
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

export interface Backoff {
  /** Delay before the first retry; doubles for each further one. */
  readonly initialDelayMs: number;
  /** No delay (and no server-asked wait) is longer. */
  readonly maxDelayMs: number;
  /**
   * The doubled delay is multiplied by a random factor in [low, high], so the retries of many agents spread
   * out. Default [0.5, 1] ("equal jitter"); [1, 1] is a fixed schedule.
   */
  readonly jitter?: readonly [low: number, high: number];
}

export const EQUAL_JITTER = [0.5, 1] as const;
export const NO_JITTER = [1, 1] as const;

/** Delay before retry number `retry` (1 = the first retry). */
export function backoffDelayMs(backoff: Backoff, retry: number, random: () => number = Math.random): number {
  if (backoff.initialDelayMs <= 0) return 0;
  const base = Math.min(backoff.maxDelayMs, backoff.initialDelayMs * 2 ** (retry - 1));
  const [low, high] = backoff.jitter ?? EQUAL_JITTER;
  return Math.min(backoff.maxDelayMs, Math.round(base * (low + random() * (high - low))));
}

export interface RetryPolicy extends Backoff {
  /** Attempts in all (1 = no retry). */
  readonly attempts: number;
}

/** What one attempt came to: an answer, or a failure worth another attempt. */
export type AttemptResult<T> =
  | { readonly done: T }
  /** `waitMs`: the server's own ask (Retry-After); without it the backoff applies. */
  | { readonly retry: Error; readonly waitMs?: number | null };

export interface RetryOptions {
  /** The caller's signal: checked before each attempt and while waiting. */
  readonly signal?: AbortSignal;
  /** Called before each retry (logs, metrics). */
  readonly onRetry?: (attempt: number, error: Error, delayMs: number) => void;
  /** The error thrown when the attempts run out; default: the last attempt's own. */
  readonly exhausted?: (error: Error, attempts: number) => Error;
}

/**
 * Runs `attempt` until it is done, throws (a failure not worth retrying), or the policy's attempts run out.
 * The attempt decides what is worth another try; this loop owns the counting and the waiting.
 */
export async function withRetries<T>(policy: RetryPolicy, attempt: (n: number) => Promise<AttemptResult<T>>, options: RetryOptions = {}): Promise<T> {
  for (let n = 1; ; n++) {
    if (options.signal?.aborted) throw abortReason(options.signal);
    const result = await attempt(n);
    if ('done' in result) return result.done;
    if (n >= policy.attempts) throw options.exhausted ? options.exhausted(result.retry, n) : result.retry;
    const delayMs = Math.min(policy.maxDelayMs, result.waitMs ?? backoffDelayMs(policy, n));
    options.onRetry?.(n, result.retry, delayMs);
    await pause(delayMs, options.signal);
  }
}

/** A failed connection worth another attempt (a time-out or a network error; not a blocked address). */
export function isTransient(err: unknown): err is PlatformError {
  return err instanceof PlatformError && (err.kind === 'timeout' || err.kind === 'network');
}

/** Why the caller stopped: its own reason when that is an Error. */
export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('the request was stopped');
}

async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch (err) {
    throw signal?.aborted ? abortReason(signal) : err;
  }
}

export interface SendOptions {
  readonly method?: 'GET' | 'POST' | 'HEAD';
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** Time limit of this call, the body included. */
  readonly timeoutMs: number;
  /** The caller's signal (the task's): when it fires, its reason is thrown unchanged. */
  readonly signal?: AbortSignal;
  readonly maxRedirects?: number;
  /** Most bytes of the body read; the rest is discarded. */
  readonly maxBodyBytes?: number;
  /** Which addresses may be reached ([Network]); default: the process's policy. */
  readonly policy?: NetworkPolicy;
}

/** How a client words a failed connection: each names its service (and path) in its own documented way. */
export interface TransportWording {
  timeout(timeoutMs: number): string;
  /** `detail` is the system error code when there is one (`ECONNREFUSED`), else the message. */
  network(detail: string, message: string): string;
  /** A blocked address; worded as a network failure when not given. */
  blocked?(message: string): string;
}

/** One call with a time limit: any HTTP answer resolves; a failed connection throws a PlatformError. */
export async function send(url: string | URL, options: SendOptions, wording: TransportWording): Promise<SafeResponse> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    // Our own signal decides first, so a time-out is recognised as one (safeRequest's limit is a backstop).
    return await safeRequest(url.toString(), { ...options, signal, timeoutMs: options.timeoutMs + 1000 });
  } catch (err) {
    // The command's own time limit or shutdown: not the service's fault, its reason passes unchanged.
    if (options.signal?.aborted) throw abortReason(options.signal);
    if (timeout.aborted || isTimeoutError(err)) throw new PlatformError('timeout', wording.timeout(options.timeoutMs));
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof BlockedAddressError) throw new PlatformError('blocked', wording.blocked ? wording.blocked(message) : wording.network(message, message));
    const code = (err as { code?: unknown } | null)?.code;
    throw new PlatformError('network', wording.network(typeof code === 'string' ? code : message, message));
  }
}

/** undici's own header and body time limits, and the transport's backstop. */
function isTimeoutError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return true;
  return err instanceof Error && / timed out after \d+ ms$/.test(err.message);
}

export type JsonBody = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: 'not_json' | 'too_large' };

/**
 * A body as JSON. Read the body with `maxBodyBytes: maxBytes + 1` so a body over the cap is told apart from
 * one that is merely broken (the transport cuts it off silently).
 */
export function parseJsonBody(text: string, maxBytes = Number.POSITIVE_INFINITY): JsonBody {
  if (Number.isFinite(maxBytes) && Buffer.byteLength(text) > maxBytes) return { ok: false, problem: 'too_large' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, problem: 'not_json' };
  }
}
