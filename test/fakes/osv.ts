/**
 * A local OSV API for tests, following the documented behaviour of api.osv.dev (google/osv.dev docs and the
 * recorded cassettes in /work/shared/data/api-samples/osv): `POST /v1/querybatch` answers ids + `modified` per
 * query in query order (`{}` for none), at most 1,000 queries (else 400 "too many queries"), and pages long
 * answers with `next_page_token`, continued by re-sending the query with `page_token`; `GET /v1/vulns/{id}`
 * answers the full record or 404 `{"code": 5, "message": "Vulnerability not found"}`; `POST /v1/query` answers a
 * package's full records (all versions when the query names none). Records are matched with
 * OpenChecker's own OSV evaluation (src/analysis/osv/match.ts). Failures can be injected per endpoint.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAffected, normalizeName } from '../../src/analysis/osv/match.js';
import type { OsvVulnerability } from '../../src/analysis/osv/types.js';

export type Endpoint = 'querybatch' | 'vulns' | 'query';
/** An injected answer: an HTTP status to send, `hang` to never answer, or `reset` to drop the connection. */
export type Injected = number | 'hang' | 'reset';

export interface FakeOsvRequest {
  readonly endpoint: Endpoint;
  readonly path: string;
  readonly body: unknown;
}

export interface FakeOsv {
  readonly url: string;
  readonly requests: FakeOsvRequest[];
  /** Answers the next requests to `endpoint` with these, in order, before answering normally again. */
  inject(endpoint: Endpoint, ...answers: Injected[]): void;
  count(endpoint: Endpoint): number;
  close(): Promise<void>;
}

interface Query {
  package?: { ecosystem?: string; name?: string };
  version?: string;
  page_token?: string;
}

const MAX_QUERIES = 1000;

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `pageSize`: most vulnerabilities in one result before it carries `next_page_token`. */
export async function startFakeOsv(records: readonly OsvVulnerability[], options: { pageSize?: number } = {}): Promise<FakeOsv> {
  const pageSize = options.pageSize ?? 1000;
  const byId = new Map(records.map((record) => [record.id, record]));
  const requests: FakeOsvRequest[] = [];
  const injected: Record<Endpoint, Injected[]> = { querybatch: [], vulns: [], query: [] };
  const hanging = new Set<ServerResponse>();

  // Indexed by package, so large fakes (benchmarks) answer fast.
  const key = (ecosystem: string, name: string): string => `${ecosystem}\u0000${normalizeName(ecosystem, name)}`;
  const byPackage = new Map<string, OsvVulnerability[]>();
  for (const record of records) {
    for (const affected of record.affected ?? []) {
      if (!affected.package) continue;
      const list = byPackage.get(key(affected.package.ecosystem, affected.package.name)) ?? [];
      if (!list.includes(record)) list.push(record);
      byPackage.set(key(affected.package.ecosystem, affected.package.name), list);
    }
  }
  const answerQuery = (query: Query): Record<string, unknown> => {
    const ecosystem = query.package?.ecosystem ?? '';
    const name = query.package?.name ?? '';
    const matches = (byPackage.get(key(ecosystem, name)) ?? []).filter((record) => isAffected(record, { ecosystem, name, version: query.version ?? '' }));
    const offset = query.page_token ? Number(Buffer.from(query.page_token, 'base64url').toString('utf8')) : 0;
    const page = matches.slice(offset, offset + pageSize).map((record) => ({ id: record.id, modified: record.modified }));
    const result: Record<string, unknown> = {};
    if (page.length > 0) result.vulns = page;
    if (offset + pageSize < matches.length) result.next_page_token = Buffer.from(String(offset + pageSize)).toString('base64url');
    return result;
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = req.url ?? '/';
      const endpoint: Endpoint | null =
        req.method === 'POST' && path === '/v1/querybatch' ? 'querybatch' : req.method === 'POST' && path === '/v1/query' ? 'query' : req.method === 'GET' && path.startsWith('/v1/vulns/') ? 'vulns' : null;
      const text = await readBody(req);
      if (!endpoint) return send(res, 404, { code: 5, message: 'Not Found' });
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        return send(res, 400, { code: 3, message: 'invalid JSON' });
      }
      requests.push({ endpoint, path, body });
      const next = injected[endpoint].shift();
      if (next === 'hang') {
        hanging.add(res);
        return;
      }
      if (next === 'reset') {
        req.socket.destroy();
        return;
      }
      if (typeof next === 'number') return send(res, next, { code: 14, message: 'injected failure' });
      if (endpoint === 'vulns') {
        const record = byId.get(decodeURIComponent(path.slice('/v1/vulns/'.length)));
        return record ? send(res, 200, record) : send(res, 404, { code: 5, message: 'Vulnerability not found' });
      }
      if (endpoint === 'query') {
        // POST /v1/query answers full records under `vulns` (omitted when none); without a version, every record
        // of the package (docs/api/post-v1-query.md).
        const query = (body ?? {}) as Query;
        const ecosystem = query.package?.ecosystem ?? '';
        const name = query.package?.name ?? '';
        const all = (byPackage.get(key(ecosystem, name)) ?? []).filter((record) => query.version === undefined || isAffected(record, { ecosystem, name, version: query.version }));
        const offset = query.page_token ? Number(Buffer.from(query.page_token, 'base64url').toString('utf8')) : 0;
        const result: Record<string, unknown> = {};
        const page = all.slice(offset, offset + pageSize);
        if (page.length > 0) result.vulns = page;
        if (offset + pageSize < all.length) result.next_page_token = Buffer.from(String(offset + pageSize)).toString('base64url');
        return send(res, 200, result);
      }
      const queries = (body as { queries?: Query[] } | null)?.queries;
      if (!Array.isArray(queries)) return send(res, 400, { code: 3, message: 'invalid query' });
      if (queries.length > MAX_QUERIES) return send(res, 400, { code: 3, message: 'too many queries' });
      return send(res, 200, { results: queries.map(answerQuery) });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    inject: (endpoint, ...answers) => injected[endpoint].push(...answers),
    count: (endpoint) => requests.filter((request) => request.endpoint === endpoint).length,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
