/**
 * A local deps.dev API v3 for tests, shaped like the real one (see /work/shared/data/api-samples/depsdev):
 * `GET /v3/systems/{system}/packages/{name}/versions/{version}` with percent-encoded name and version answers
 * the `Version` message (`versionKey`, `licenses`, `links`, ...) or 404 `{"code": 5, "message": "version not
 * found"}`. Systems are case-insensitive, as on the real service. Failures can be injected.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeVersion {
  readonly system: string;
  readonly name: string;
  readonly version: string;
  readonly licenses: readonly string[];
}

export interface FakeDepsDev {
  readonly url: string;
  /** Paths requested, decoded: `npm/lodash/4.17.20`. */
  readonly requests: string[];
  /** Answers the next requests with these statuses (or `hang`) before answering normally again. */
  inject(...answers: (number | 'hang')[]): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

export async function startFakeDepsDev(versions: readonly FakeVersion[]): Promise<FakeDepsDev> {
  const key = (system: string, name: string, version: string): string => `${system.toLowerCase()}\u0000${name}\u0000${version}`;
  const known = new Map(versions.map((v) => [key(v.system, v.name, v.version), v]));
  const requests: string[] = [];
  const injected: (number | 'hang')[] = [];
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    // Split before decoding: `%2F` inside a name must not become a path separator.
    const match = /^\/v3\/systems\/([^/]+)\/packages\/([^/]+)\/versions\/([^/]+)$/.exec(req.url ?? '');
    if (req.method !== 'GET' || !match) return send(res, 404, { code: 5, message: 'Not Found', details: [] });
    const [system, name, version] = [match[1], match[2], match[3]].map((part) => decodeURIComponent(part ?? '')) as [string, string, string];
    requests.push(`${system}/${name}/${version}`);
    const next = injected.shift();
    if (next === 'hang') {
      hanging.add(res);
      return;
    }
    if (typeof next === 'number') return send(res, next, { code: 14, message: 'injected failure', details: [] });
    const found = known.get(key(system, name, version));
    if (!found) return send(res, 404, { code: 5, message: 'version not found', details: [] });
    return send(res, 200, {
      versionKey: { system: system.toUpperCase(), name, version },
      publishedAt: '2020-08-13T16:53:54Z',
      isDefault: false,
      isDeprecated: false,
      deprecatedReason: '',
      licenses: found.licenses,
      advisoryKeys: [],
      links: [{ label: 'SOURCE_REPO', url: `https://github.com/example/${encodeURIComponent(name)}` }],
      slsaProvenances: [],
      attestations: [],
      registries: ['https://registry.example.test/'],
      relatedProjects: [],
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    inject: (...answers) => injected.push(...answers),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
