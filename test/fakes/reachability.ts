/**
 * Local package registries answering the endpoints dependency-reachable-checker reads
 * (src/analysis/package-metadata/reachability.ts), one server with each registry under its own prefix
 * (`<url>/npm`, `<url>/pypi`, ..., `<url>/go`: the base URLs the tests configure). Version documents are the
 * samples in samples/{npm,registries} with the test package swapped in; the other answers follow the registries'
 * documented shapes: npm's packument (`versions`, `time`, an unpublished package's `time.unpublished` stub),
 * crates.io's crate document, pub.dev's package listing (`versions[].retracted`), hex.pm's `retirements`,
 * RubyGems' `/api/v1/gems/<name>.json`, NuGet's package base address `index.json` (`{"versions": [...]}`),
 * Maven's `maven-metadata.xml`, crandb's package document, and the Go module proxy protocol (`@v/<version>.info`
 * → `{"Version", "Time"}`, `@v/list` one version per line, 404/410 for a module it cannot serve).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sample } from './service-fake.js';

export type ReachRegistry = 'npm' | 'pypi' | 'crates' | 'packagist' | 'pub' | 'hex' | 'rubygems' | 'nuget' | 'maven' | 'cran' | 'go';

export interface ReachVersion {
  readonly version: string;
  /** PyPI and crates.io yank flags. */
  readonly yanked?: boolean;
  /** pub.dev retraction. */
  readonly retracted?: boolean;
  /** hex.pm retirement `{reason, message}`. */
  readonly retired?: { reason: string; message: string };
  /** When the version was published (npm `time`, PyPI upload time, crates.io `created_at`, Go `Time`). */
  readonly published?: string;
}

export interface ReachPackage {
  readonly registry: ReachRegistry;
  readonly name: string;
  readonly versions: readonly (string | ReachVersion)[];
  /** npm: versions published and then unpublished (still in `time`). */
  readonly unpublishedVersions?: readonly string[];
  /** npm: the whole package was unpublished (only the stub remains). */
  readonly unpublished?: boolean;
}

export interface FakeReachRegistries {
  readonly url: string;
  env(): Record<string, string>;
  readonly requests: string[];
  /** Answer every request of a registry with this status (e.g. 503) until cleared. */
  fail: Partial<Record<ReachRegistry, number>>;
  close(): Promise<void>;
}

type Dict = Record<string, unknown>;
const ENV: Record<ReachRegistry, string> = {
  npm: 'OPENCHECKER_NPM_REGISTRY_URL',
  pypi: 'OPENCHECKER_REGISTRIES_PYPI_URL',
  crates: 'OPENCHECKER_REGISTRIES_CRATES_URL',
  packagist: 'OPENCHECKER_REGISTRIES_PACKAGIST_URL',
  pub: 'OPENCHECKER_REGISTRIES_PUB_URL',
  hex: 'OPENCHECKER_REGISTRIES_HEX_URL',
  rubygems: 'OPENCHECKER_REGISTRIES_RUBYGEMS_URL',
  nuget: 'OPENCHECKER_REGISTRIES_NUGET_URL',
  maven: 'OPENCHECKER_REGISTRIES_MAVEN_URL',
  cran: 'OPENCHECKER_REGISTRIES_CRAN_URL',
  go: 'OPENCHECKER_REGISTRIES_GO_PROXY_URL',
};

const v = (entry: string | ReachVersion): ReachVersion => (typeof entry === 'string' ? { version: entry } : entry);
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export async function startFakeReachRegistries(packages: readonly ReachPackage[]): Promise<FakeReachRegistries> {
  const requests: string[] = [];
  const fail: Partial<Record<ReachRegistry, number>> = {};
  const find = (registry: ReachRegistry, name: string): ReachPackage | undefined => packages.find((pkg) => pkg.registry === registry && pkg.name.toLowerCase() === name.toLowerCase());
  const version = (pkg: ReachPackage | undefined, wanted: string): ReachVersion | undefined => pkg?.versions.map(v).find((entry) => entry.version === wanted);
  const npmVersion = sample('npm', 'package-version.get.200.json') as Dict;
  const pypiVersion = sample('registries', 'pypi.version.200.json') as Dict;
  const cratesVersion = sample('registries', 'crates.version.200.json') as Dict;
  const hexPackage = sample('registries', 'hex.package.200.json') as Dict;
  const rubygemsVersion = sample('registries', 'rubygems.version.200.json') as Dict;
  const cranVersion = sample('registries', 'cran.version.200.json') as Dict;

  type Answer = { status: number; type: 'json' | 'text'; body: unknown };
  const json = (body: unknown): Answer => ({ status: 200, type: 'json', body });
  const text = (body: string): Answer => ({ status: 200, type: 'text', body });

  const answer = (registry: ReachRegistry, parts: string[]): Answer | null => {
    const path = parts.join('/');
    switch (registry) {
      case 'npm': {
        // `@scope%2Fname` arrives as one segment; `@scope/name` as two.
        const scoped = parts[0]?.startsWith('@') === true && !parts[0].includes('/');
        const name = scoped ? `${parts[0]}/${parts[1]}` : (parts[0] ?? '');
        const rest = parts.slice(scoped ? 2 : 1);
        const pkg = find('npm', name);
        if (!pkg) return null;
        if (pkg.unpublished) return rest.length === 0 ? json({ name: pkg.name, time: { created: '2020-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z', unpublished: { time: '2024-01-01T00:00:00.000Z', versions: pkg.versions.map((entry) => v(entry).version) } } }) : null;
        if (rest.length === 1) return version(pkg, rest[0] ?? '') ? json({ ...clone(npmVersion), name: pkg.name, version: rest[0] }) : null;
        const time: Dict = { created: '2020-01-01T00:00:00.000Z' };
        for (const entry of [...pkg.versions.map(v), ...(pkg.unpublishedVersions ?? []).map(v)]) time[entry.version] = entry.published ?? '2021-01-01T00:00:00.000Z';
        return json({ name: pkg.name, 'dist-tags': {}, versions: Object.fromEntries(pkg.versions.map((item) => [v(item).version, { name: pkg.name, version: v(item).version }])), time });
      }
      case 'pypi': {
        if (parts[0] !== 'pypi') return null;
        const pkg = find('pypi', parts[1] ?? '');
        if (!pkg) return null;
        if (parts.length === 3 && parts[2] === 'json') return json({ info: { name: pkg.name }, releases: {} });
        const entry = version(pkg, parts[2] ?? '');
        if (!entry || parts[3] !== 'json') return null;
        const doc = clone(pypiVersion);
        doc.info = { ...(doc.info as Dict), name: pkg.name, version: entry.version, yanked: entry.yanked === true, yanked_reason: entry.yanked ? 'broken wheel' : null };
        doc.urls = (doc.urls as Dict[]).map((file) => ({ ...file, yanked: entry.yanked === true, ...(entry.published ? { upload_time_iso_8601: entry.published } : {}) }));
        return json(doc);
      }
      case 'crates': {
        if (path.startsWith('api/v1/crates/') === false) return null;
        const pkg = find('crates', parts[3] ?? '');
        if (!pkg) return null;
        if (parts.length === 4) return json({ crate: { id: pkg.name, name: pkg.name }, versions: [] });
        const entry = version(pkg, parts[4] ?? '');
        if (!entry) return null;
        const doc = clone(cratesVersion);
        doc.version = { ...(doc.version as Dict), crate: pkg.name, num: entry.version, yanked: entry.yanked === true, ...(entry.published ? { created_at: entry.published } : {}) };
        return json(doc);
      }
      case 'packagist': {
        const match = /^p2\/([^/]+\/[^/~]+?)(~dev)?\.json$/.exec(path);
        const pkg = match ? find('packagist', match[1] as string) : undefined;
        if (!pkg) return null;
        return json({ packages: { [pkg.name.toLowerCase()]: pkg.versions.map((entry) => ({ name: pkg.name, version: v(entry).version })) }, minified: 'composer/2.0' });
      }
      case 'pub': {
        if (parts[0] !== 'api' || parts[1] !== 'packages' || parts.length !== 3) return null;
        const pkg = find('pub', parts[2] ?? '');
        if (!pkg) return null;
        const versions = pkg.versions.map(v).map((entry) => ({ version: entry.version, ...(entry.retracted ? { retracted: true } : {}), pubspec: { name: pkg.name, version: entry.version }, archive_url: `https://pub.example/packages/${pkg.name}/versions/${entry.version}.tar.gz`, published: '2024-01-01T00:00:00.000Z' }));
        return json({ name: pkg.name, latest: versions[versions.length - 1], versions });
      }
      case 'hex': {
        if (parts[0] !== 'api' || parts[1] !== 'packages' || parts.length !== 3) return null;
        const pkg = find('hex', parts[2] ?? '');
        if (!pkg) return null;
        const doc = clone(hexPackage);
        doc.name = pkg.name;
        doc.releases = pkg.versions.map(v).map((entry) => ({ version: entry.version, url: `https://hex.example/api/packages/${pkg.name}/releases/${entry.version}`, has_docs: true }));
        doc.retirements = Object.fromEntries(pkg.versions.map(v).filter((entry) => entry.retired).map((entry) => [entry.version, entry.retired]));
        return json(doc);
      }
      case 'rubygems': {
        const gem = /^api\/v1\/gems\/([^/]+)\.json$/.exec(path);
        if (gem) return find('rubygems', gem[1] as string) ? json({ name: gem[1], version: '9.9.9' }) : null;
        const match = /^api\/v2\/rubygems\/([^/]+)\/versions\/(.+)\.json$/.exec(path);
        const pkg = match ? find('rubygems', match[1] as string) : undefined;
        return pkg && version(pkg, match?.[2] ?? '') ? json({ ...clone(rubygemsVersion), name: pkg.name, version: match?.[2] }) : null;
      }
      case 'nuget': {
        const pkg = parts.length === 2 && parts[1] === 'index.json' ? find('nuget', parts[0] ?? '') : undefined;
        return pkg ? json({ versions: pkg.versions.map((entry) => v(entry).version.toLowerCase()) }) : null;
      }
      case 'maven': {
        const file = parts[parts.length - 1] ?? '';
        if (file === 'maven-metadata.xml') {
          const name = `${parts.slice(0, -2).join('.')}:${parts[parts.length - 2]}`;
          const pkg = find('maven', name);
          return pkg ? text(`<metadata><groupId>${parts.slice(0, -2).join('.')}</groupId><artifactId>${parts[parts.length - 2]}</artifactId><versioning><versions>${pkg.versions.map((entry) => `<version>${v(entry).version}</version>`).join('')}</versions></versioning></metadata>`) : null;
        }
        const [ver, artifact] = [parts[parts.length - 2] ?? '', parts[parts.length - 3] ?? ''];
        const pkg = find('maven', `${parts.slice(0, -3).join('.')}:${artifact}`);
        return pkg && file === `${artifact}-${ver}.pom` && version(pkg, ver) ? text('<project><modelVersion>4.0.0</modelVersion></project>') : null;
      }
      case 'cran': {
        const pkg = find('cran', parts[0] ?? '');
        if (!pkg) return null;
        if (parts.length === 1) return json({ ...clone(cranVersion), Package: pkg.name });
        return version(pkg, parts[1] ?? '') ? json({ ...clone(cranVersion), Package: pkg.name, Version: parts[1] }) : null;
      }
      case 'go': {
        const at = parts.indexOf('@v');
        if (at < 0) return null;
        const module = parts.slice(0, at).join('/').replace(/!([a-z])/g, (_, letter: string) => letter.toUpperCase());
        const pkg = find('go', module);
        if (!pkg) return { status: 410, type: 'text', body: `not found: module ${module}: no matching versions` };
        if (parts[at + 1] === 'list') return text(pkg.versions.map((entry) => v(entry).version).join('\n') + '\n');
        const info = /^(.+)\.info$/.exec(parts[at + 1] ?? '');
        const tagged = info ? version(pkg, info[1] as string) : undefined;
        return tagged ? json({ Version: tagged.version, Time: tagged.published ?? '2024-01-01T00:00:00Z' }) : { status: 404, type: 'text', body: `not found: ${module}@${info?.[1] ?? ''}: invalid version: unknown revision` };
      }
    }
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const [prefix = '', ...rest] = url.pathname.split('/').filter(Boolean);
    const registry = prefix in ENV ? (prefix as ReachRegistry) : null;
    if (!registry) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no such registry');
      return;
    }
    requests.push(`${registry} /${rest.join('/')}`);
    const failure = fail[registry];
    if (failure) {
      res.writeHead(failure, { 'content-type': 'text/html' }).end('<html><body>Service Unavailable</body></html>');
      return;
    }
    // Split before decoding, so `@scope%2Fname` stays one segment.
    const found = answer(registry, rest.map(decodeURIComponent));
    if (!found) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Not found' }));
      return;
    }
    const body = found.type === 'json' ? JSON.stringify(found.body) : String(found.body);
    res.writeHead(found.status, { 'content-type': found.type === 'json' ? 'application/json' : 'text/plain; charset=utf-8' }).end(body);
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    fail,
    env: () => Object.fromEntries(Object.entries(ENV).map(([registry, key]) => [key, `${url}/${registry}`])),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
