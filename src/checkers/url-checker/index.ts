/**
 * url-checker: whether the project URL answers over HTTP(S). `GET`s it (some hosts refuse HEAD) through
 * safeRequest — time limit, redirects checked hop by hop, every hop held to the [Network] address policy — and
 * reads at most a small part of the body. Output keeps upstream's shape: `{"status_code": 200,
 * "is_accessible": true}`; a URL that cannot be fetched is an error, as upstream reported it.
 */
import { BlockedAddressError, safeRequest } from '../../lib/http.js';
import { networkPolicyFor, type NetworkPolicy } from '../../lib/net-policy.js';
import { CheckerInputError, type Checker, type Json } from '../types.js';
import { isAccessible, isRedirect, parseProjectUrl } from './evaluate.js';
import { meta } from './meta.js';

/** Upstream's `requests.get(..., timeout=10)`. */
export const DEFAULT_TIMEOUT_MS = 10_000;
export const MAX_REDIRECTS = 5;
/** The body is not looked at; reading a little lets servers that stream large pages finish politely. */
const MAX_BODY_BYTES = 64 * 1024;

export interface CheckUrlOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  maxRedirects?: number;
  /** Which addresses may be reached; default: the process's policy. */
  policy?: NetworkPolicy;
}

export const checker: Checker = {
  ...meta,
  run: (ctx) => checkUrl(ctx.task.projectUrl, { signal: ctx.signal, policy: networkPolicyFor(ctx.config.Network) }),
};

export async function checkUrl(projectUrl: string, options: CheckUrlOptions = {}): Promise<Json> {
  const parsed = parseProjectUrl(projectUrl);
  if (!parsed.ok) throw new CheckerInputError(`url-checker needs an http(s) project URL, got ${parsed.got}`);
  const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;
  let response;
  try {
    response = await safeRequest(parsed.url.toString(), {
      method: 'GET',
      headers: { 'user-agent': 'OpenChecker url-checker', accept: 'text/html,*/*' },
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      signal: options.signal,
      maxRedirects,
      maxBodyBytes: MAX_BODY_BYTES,
      policy: options.policy,
    });
  } catch (err) {
    throw describeFailure(err, parsed.url);
  }
  // safeRequest hands back the last redirect once the hop limit is reached; that is a loop, not an answer.
  if (isRedirect(response.status) && typeof response.headers.location === 'string') {
    throw new Error(`too many redirects: ${parsed.url.host} still redirected after ${maxRedirects} hops`);
  }
  return { status_code: response.status, is_accessible: isAccessible(response.status) };
}

/**
 * Errors in terms of what the user can act on: refused addresses are bad input (refused before connecting, so
 * the answer is the same whether or not anything listens there), socket errors name their code.
 */
function describeFailure(err: unknown, url: URL): Error {
  if (err instanceof BlockedAddressError) return new CheckerInputError(err.message);
  const code = err instanceof Error ? (err as Error & { code?: unknown }).code : undefined;
  if (typeof code === 'string' && code !== 'ABORT_ERR' && code !== 'UND_ERR_ABORTED') {
    return new Error(`could not reach ${url.host}: ${code}`);
  }
  return err instanceof Error ? err : new Error(String(err));
}
