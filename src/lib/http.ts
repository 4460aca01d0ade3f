/**
 * Outbound HTTP for requests whose target a user chose (callback URLs, project URLs) or can steer (redirects,
 * release archives): a time limit on every call, redirects followed by hand so each hop is checked, and every
 * connection held to the outbound-address policy (./net-policy.ts) on the address it actually connects to.
 */
import { createRequire } from 'node:module';
import type * as Undici from 'undici';
import type { Agent, Dispatcher } from 'undici';
import { BlockedAddressError, processNetworkPolicy, type NetworkPolicy } from './net-policy.js';

export { BlockedAddressError };

const require = createRequire(import.meta.url);
let undiciModule: typeof Undici | null = null;
/** undici, loaded on the first request: commands that never call out do not pay for loading it. */
function undici(): typeof Undici {
  undiciModule ??= require('undici') as typeof Undici;
  return undiciModule;
}

const agents = new WeakMap<NetworkPolicy, Agent>();
/**
 * The connection pool of a policy (default: the process's): its lookups resolve, check and return the checked
 * address, so the connection goes where the check said it may. One pool per policy, so a connection opened
 * under a looser policy is never reused under a stricter one. For streaming callers that cannot use safeRequest.
 */
export function guardedAgent(policy: NetworkPolicy = processNetworkPolicy()): Agent {
  let agent = agents.get(policy);
  if (!agent) {
    agent = new (undici().Agent)({ connect: { lookup: policy.connectLookup }, keepAliveTimeout: 4000 });
    agents.set(policy, agent);
  }
  return agent;
}

/**
 * Throws BlockedAddressError when the URL's host is refused by name or as a literal address (a literal is
 * never looked up, so the connect-time check does not see it); names are checked when they resolve.
 */
export function assertAllowedHost(url: URL, policy: NetworkPolicy = processNetworkPolicy()): void {
  policy.assertHost(url.hostname);
}

export interface SafeRequestOptions {
  method?: 'GET' | 'POST' | 'HEAD';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  maxRedirects?: number;
  /** Most bytes of the body read; the rest is discarded. */
  maxBodyBytes?: number;
  /** Which addresses may be reached; default: the process's policy. */
  policy?: NetworkPolicy;
}

export interface SafeResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The URL that finally answered, after redirects. */
  url: string;
}

export async function safeRequest(url: string, options: SafeRequestOptions): Promise<SafeResponse> {
  const maxRedirects = options.maxRedirects ?? 5;
  const policy = options.policy ?? processNetworkPolicy();
  const signal = options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]) : AbortSignal.timeout(options.timeoutMs);
  let current = new URL(url);
  let method = options.method ?? 'GET';
  let body = options.body;
  for (let hop = 0; ; hop++) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:') throw new Error(`unsupported URL scheme ${current.protocol}`);
    assertAllowedHost(current, policy);
    let response: Dispatcher.ResponseData;
    let redirectTo: URL | null = null;
    let text = '';
    try {
      response = await undici().request(current, {
        method,
        headers: options.headers,
        body,
        signal,
        dispatcher: guardedAgent(policy),
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      });
      // Reading the body can stall and time out too: it is inside the try so it fails with the same messages.
      const location = response.headers.location;
      if ([301, 302, 303, 307, 308].includes(response.statusCode) && typeof location === 'string' && hop < maxRedirects) {
        await response.body.dump();
        redirectTo = new URL(location, current);
      } else {
        text = await readCapped(response.body, options.maxBodyBytes ?? 1024 * 1024);
      }
    } catch (err) {
      throw requestFailure(err, current, signal, options);
    }
    if (redirectTo) {
      current = redirectTo;
      if (response.statusCode === 303 || ((response.statusCode === 301 || response.statusCode === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
      continue;
    }
    return { status: response.statusCode, headers: response.headers, body: text, url: current.toString() };
  }
}

function requestFailure(err: unknown, url: URL, signal: AbortSignal, options: SafeRequestOptions): Error {
  if (signal.aborted && !options.signal?.aborted) return new Error(`request to ${url.host} timed out after ${options.timeoutMs} ms`);
  return unwrapCause(err);
}

async function readCapped(stream: Dispatcher.ResponseData['body'], max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = chunk as Buffer;
    chunks.push(buffer.subarray(0, max - size));
    size += buffer.length;
    // Leaving the loop destroys the body (the iterator's return()), dropping the connection instead of
    // downloading the rest. Calling dump() here instead waited, inside the loop, for a body that was paused
    // by this very loop, until the time limit.
    if (size >= max) break;
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** undici wraps connection errors ("fetch failed"-style); surface the cause the user can act on. */
function unwrapCause(err: unknown): Error {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: unknown }).cause;
    if (cause instanceof Error && cause.message) return cause;
    return err;
  }
  return new Error(String(err));
}
