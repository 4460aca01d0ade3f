/**
 * The fake OSV API (osv.ts) behind a front that validates each querybatch query the way api.osv.dev does
 * before answering: one unusable query (no name, no version, an ecosystem OSV does not know) makes the whole
 * batch a 400. The body is the API's: `{"code": 3, "message": "error in query at index 1: rpc error: code =
 * InvalidArgument desc = invalid query"}` (recorded in google/osv.dev's client tests, see
 * /work/shared/data/api-samples/osv/error.400.batch-invalid-query.json), or, with `style: 'plain'`, the bare
 * `{"code": 3, "message": "invalid query"}` a client cannot locate the query from. Valid batches and every
 * other request are passed to the inner fake unchanged.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OsvVulnerability } from '../../src/analysis/osv/types.js';
import { startFakeOsv, type FakeOsv } from './osv.js';

/** Ecosystems api.osv.dev accepts (osv-schema ecosystems.txt, the ones a lockfile can name). */
const KNOWN_ECOSYSTEMS = new Set([
  'npm', 'PyPI', 'Go', 'crates.io', 'Maven', 'RubyGems', 'Packagist', 'NuGet', 'Pub', 'Hex', 'ConanCenter', 'CRAN',
  'Bioconductor', 'Hackage', 'SwiftURL', 'GitHub Actions', 'Debian', 'Alpine', 'Ubuntu', 'OSS-Fuzz', 'Linux', 'Android',
]);

interface Query {
  package?: { ecosystem?: unknown; name?: unknown };
  version?: unknown;
}

export interface ValidatingOsv {
  readonly url: string;
  readonly inner: FakeOsv;
  /** Queries in each querybatch the front received, in order, and whether it refused the batch. */
  readonly batches: { size: number; refused: boolean }[];
  close(): Promise<void>;
}

function invalid(query: Query): boolean {
  const ecosystem = query.package?.ecosystem;
  const name = query.package?.name;
  return typeof name !== 'string' || name.trim() === '' || typeof query.version !== 'string' || query.version === '' || typeof ecosystem !== 'string' || !KNOWN_ECOSYSTEMS.has(ecosystem.split(':')[0] ?? '');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export interface ValidatingOptions {
  /** How the 400 names the refused query (default `indexed`). */
  readonly style?: 'indexed' | 'plain';
  /** Further queries to refuse, standing in for what else the API cannot parse (a malformed name). */
  readonly refuse?: (query: { ecosystem: string; name: string; version: string }) => boolean;
}

export async function startValidatingOsv(records: readonly OsvVulnerability[], options: ValidatingOptions = {}): Promise<ValidatingOsv> {
  const inner = await startFakeOsv(records);
  const batches: { size: number; refused: boolean }[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      if (req.method === 'POST' && req.url === '/v1/querybatch') {
        let queries: Query[] = [];
        try {
          queries = ((JSON.parse(body) as { queries?: Query[] }).queries ?? []);
        } catch {
          // the inner fake answers malformed JSON
        }
        const bad = queries.findIndex(
          (query) => invalid(query) || (options.refuse?.({ ecosystem: String(query.package?.ecosystem), name: String(query.package?.name), version: String(query.version) }) ?? false),
        );
        batches.push({ size: queries.length, refused: bad >= 0 });
        if (bad >= 0) {
          const message = options.style === 'plain' ? 'invalid query' : `error in query at index ${bad}: rpc error: code = InvalidArgument desc = invalid query`;
          const text = JSON.stringify({ code: 3, message });
          res.writeHead(400, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
          return;
        }
      }
      const forwarded = await fetch(`${inner.url}${req.url ?? '/'}`, {
        method: req.method,
        headers: { 'content-type': 'application/json' },
        body: req.method === 'POST' ? body : undefined,
      });
      const text = await forwarded.text();
      res.writeHead(forwarded.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
    })().catch((err: unknown) => {
      res.writeHead(502, { 'content-type': 'text/plain' }).end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    inner,
    batches,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await inner.close();
    },
  };
}
