/**
 * Outbound HTTP for requests whose target a user chose (callback URLs, project URLs): a time limit on every
 * call, redirects followed by hand so each hop is checked, and no connections to link-local or cloud
 * metadata addresses — checked on the resolved address, so DNS tricks do not get around it.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { Agent, request, type Dispatcher } from 'undici';

const blocked = new BlockList();
blocked.addSubnet('169.254.0.0', 16, 'ipv4'); // link-local, incl. 169.254.169.254 (AWS, GCP, Azure, OpenStack)
blocked.addSubnet('0.0.0.0', 8, 'ipv4');
blocked.addAddress('100.100.100.200', 'ipv4'); // Alibaba Cloud metadata
blocked.addSubnet('fe80::', 10, 'ipv6'); // link-local
blocked.addAddress('fd00:ec2::254', 'ipv6'); // AWS IPv6 metadata
const BLOCKED_HOSTNAMES = new Set(['metadata.google.internal', 'metadata', 'metadata.azure.internal']);

export class BlockedAddressError extends Error {
  constructor(host: string) {
    super(`requests to ${host} are not allowed (link-local or cloud metadata address)`);
    this.name = 'BlockedAddressError';
  }
}

export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped?.[1]) return blocked.check(mapped[1], 'ipv4');
    return blocked.check(address, 'ipv6');
  }
  return false;
}

function guardedLookup(
  hostname: string,
  options: { all?: boolean },
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  dnsLookup(hostname, { all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const bad = addresses.find((entry) => isBlockedAddress(entry.address));
    if (bad) return callback(new BlockedAddressError(`${hostname} (${bad.address})`), []);
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
    callback(null, first.address, first.family);
  });
}

let sharedAgent: Agent | null = null;
/** The connection pool whose DNS lookups refuse blocked addresses; for streaming callers that cannot use safeRequest. */
export function guardedAgent(): Agent {
  sharedAgent ??= new Agent({ connect: { lookup: guardedLookup }, keepAliveTimeout: 4000 });
  return sharedAgent;
}

/** Throws when the URL's host is a blocked name or literal address (resolved names are checked at connect). */
export function assertAllowedHost(url: URL): void {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (BLOCKED_HOSTNAMES.has(host.toLowerCase()) || isBlockedAddress(host)) throw new BlockedAddressError(host);
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
  const signal = options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]) : AbortSignal.timeout(options.timeoutMs);
  let current = new URL(url);
  let method = options.method ?? 'GET';
  let body = options.body;
  for (let hop = 0; ; hop++) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:') throw new Error(`unsupported URL scheme ${current.protocol}`);
    assertAllowedHost(current);
    let response: Dispatcher.ResponseData;
    let redirectTo: URL | null = null;
    let text = '';
    try {
      response = await request(current, {
        method,
        headers: options.headers,
        body,
        signal,
        dispatcher: guardedAgent(),
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
