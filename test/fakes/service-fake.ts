/**
 * The common part of the local fake services (npm, OHPM, OSS Insight, Best Practices, SonarQube, chat
 * completions): an HTTP server on 127.0.0.1 that records requests and, per `mode`, answers like the real
 * service does when things go wrong — bad credentials, throttling, a hang, a broken body — before the
 * service-specific handler answers the normal cases from the samples in test/fakes/samples (copied from the
 * shared api-samples: shapes of the real services' documented or recorded responses; see each folder's README).
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { packageRoot } from '../../src/lib/paths.js';

export type FakeMode =
  /** The normal answer. */
  | 'ok'
  /** A normal answer with nothing in it (no package, no rows, no badge). */
  | 'empty'
  | 'not-found'
  | 'unauthorized'
  /** 429 with a Retry-After far too long to wait for. */
  | 'rate-limited'
  /** 429 with `Retry-After: 0` once, then `ok`. */
  | 'rate-limited-once'
  /** Accepts the request and never answers. */
  | 'timeout'
  /** 200 with a truncated JSON body. */
  | 'malformed'
  | 'server-error';

export interface RecordedRequest {
  method: string;
  /** Path with query string, as received. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Reply {
  json(status: number, body: unknown, headers?: Record<string, string>): void;
  text(status: number, body: string, headers?: Record<string, string>): void;
}

export interface ErrorBodies {
  401?: unknown;
  404?: unknown;
  429?: unknown;
  /** Extra headers of a 429 (e.g. OpenAI's x-ratelimit-*). */
  rateLimitHeaders?: Record<string, string>;
}

export interface FakeService {
  url: string;
  requests: RecordedRequest[];
  mode: FakeMode;
  close(): Promise<void>;
}

/** Read from the source tree (tsc does not copy JSON into dist). */
export const SAMPLES_DIR = join(packageRoot(), 'test', 'fakes', 'samples');

/** A recorded sample's parsed JSON. */
export function sample(service: string, file: string): unknown {
  return JSON.parse(readFileSync(join(SAMPLES_DIR, service, file), 'utf8')) as unknown;
}

export async function startFakeService(
  handler: (request: RecordedRequest, reply: Reply, mode: FakeMode) => void,
  errors: ErrorBodies = {},
): Promise<FakeService> {
  const state: { mode: FakeMode } = { mode: 'ok' };
  const requests: RecordedRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const parsed = new URL(req.url ?? '/', 'http://fake.invalid');
      const request: RecordedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', path: parsed.pathname, query: parsed.searchParams, headers: req.headers, body };
      requests.push(request);
      const reply: Reply = {
        json: (status, value, headers = {}) => res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value)),
        text: (status, value, headers = {}) => res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(value),
      };
      // Some services answer 429 in plain text (a CDN, Rack::Attack's "Retry later").
      const tooMany = (retryAfter: string): void => {
        const headers = { 'retry-after': retryAfter, ...errors.rateLimitHeaders };
        const body = errors[429] ?? { error: 'Too many requests' };
        if (typeof body === 'string') reply.text(429, body, headers);
        else reply.json(429, body, headers);
      };
      switch (state.mode) {
        case 'timeout':
          return;
        case 'unauthorized':
          return reply.json(401, errors[401] ?? { error: 'Unauthorized' });
        case 'not-found':
          return reply.json(404, errors[404] ?? { error: 'Not found' });
        case 'rate-limited':
          return tooMany('3600');
        case 'rate-limited-once':
          state.mode = 'ok';
          return tooMany('0');
        case 'malformed':
          return reply.text(200, '{"body": [{"downloadCount": 12', { 'content-type': 'application/json' });
        case 'server-error':
          return reply.text(503, '<html><body>Service Unavailable</body></html>', { 'content-type': 'text/html' });
        default:
          handler(request, reply, state.mode);
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    get mode() {
      return state.mode;
    },
    set mode(value: FakeMode) {
      state.mode = value;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The `error` message of a command result (`{"error": "..."}`); a result without one fails the test. */
export function errorOf(result: unknown): string {
  const error = typeof result === 'object' && result !== null && !Array.isArray(result) ? (result as { error?: unknown }).error : undefined;
  if (typeof error !== 'string') throw new Error(`expected an {"error": ...} result, got ${JSON.stringify(result)}`);
  return error;
}
