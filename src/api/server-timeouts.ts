/**
 * Time limits on the API's HTTP connections, from `[API]`. Fastify turns off Node's whole-request limit
 * (`requestTimeout: 0`), so a client sending headers or a body one byte at a time held its connection, and
 * what it had sent, for ever; enough of them exhaust the server's sockets (slowloris).
 *
 * - headers: the request line and headers must arrive within `headers_timeout_s` (Node's `headersTimeout`);
 * - the whole request, body included, within `request_timeout_s` (`requestTimeout`); both answer 408 and close;
 * - a connection silent both ways for `idle_timeout_s` is closed (Fastify's `connectionTimeout`);
 * - an idle keep-alive connection is kept `keep_alive_timeout_s` between requests (`keepAliveTimeout`).
 */
import type { ServerOptions } from 'node:http';
import type { Config } from '../config/schema.js';

/**
 * Node checks the header and request limits on a timer, every 30 s by default: a 20 s limit could then take
 * 50 s to act. One second keeps the limits close to what they say, for the cost of one pass over the open
 * connections a second.
 */
const CHECK_INTERVAL_MS = 1000;

export interface ServerTimeoutOptions {
  readonly connectionTimeout: number;
  readonly keepAliveTimeout: number;
  readonly requestTimeout: number;
  /** Passed to `http.createServer`: Fastify exposes no option of its own for the header limit. */
  readonly http: ServerOptions;
}

export function serverTimeouts(api: Config['API']): ServerTimeoutOptions {
  const requestTimeout = api.request_timeout_s * 1000;
  // Node refuses a header limit above the request limit; the request limit covers the headers anyway.
  const headersTimeout = Math.min(api.headers_timeout_s * 1000, requestTimeout);
  return {
    connectionTimeout: api.idle_timeout_s * 1000,
    keepAliveTimeout: api.keep_alive_timeout_s * 1000,
    requestTimeout,
    http: { headersTimeout, requestTimeout, connectionsCheckingInterval: Math.min(CHECK_INTERVAL_MS, headersTimeout) },
  };
}
