/**
 * Local package registries for license lookups (src/analysis/package-metadata/registries/), one server with each
 * registry under its own prefix (`<url>/pypi`, `<url>/crates`, ...: the base URLs the tests configure). Each
 * answers its documented endpoint from the samples in samples/registries (see its README), with the test
 * package's name, version and license swapped in, and 404 otherwise; Packagist answers minified Composer v2
 * lists and hex.pm one package document with every release. Failures (a status, or `hang`) can be injected
 * per registry.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SAMPLES_DIR, sample } from './service-fake.js';

export type RegistryId = 'npm' | 'pypi' | 'crates' | 'packagist' | 'pub' | 'hex' | 'rubygems' | 'nuget' | 'maven' | 'cran';
type Dict = Record<string, unknown>;

export interface FakeRegistryPackage {
  readonly registry: RegistryId;
  readonly name: string;
  readonly version: string;
  /**
   * JSON fields merged into the registry's document: top level for npm, RubyGems, crandb and pub.dev's score,
   * `info` for PyPI, `version` for crates.io, the version entry for Packagist, `meta` for hex.pm.
   */
  readonly fields?: Dict;
  /** Keys removed from the document (a version without `license`). */
  readonly omit?: readonly string[];
  /** The whole body (NuGet nuspec, Maven POM). */
  readonly body?: string;
}

export interface FakeRegistries {
  readonly url: string;
  /** Base URL of one registry. */
  base(registry: RegistryId): string;
  /** Environment pointing every registry of the configuration here. */
  env(): Record<string, string>;
  /** Requests as `<registry> <path>`. */
  readonly requests: string[];
  count(registry: RegistryId): number;
  inject(registry: RegistryId, ...answers: (number | 'hang')[]): void;
  close(): Promise<void>;
}

const NOT_FOUND: Record<RegistryId, { type: 'json' | 'text' | 'html'; body: unknown }> = {
  npm: { type: 'json', body: { error: 'Not found' } },
  pypi: { type: 'json', body: { message: 'Not Found' } },
  crates: { type: 'json', body: { errors: [{ detail: 'Not Found' }] } },
  packagist: { type: 'html', body: '<html><body><h1>404 Not Found</h1></body></html>' },
  pub: { type: 'json', body: { error: { code: 'NotFound', message: 'Could not find `package "x"`.' }, code: 'NotFound', message: 'Could not find `package "x"`.' } },
  hex: { type: 'json', body: { status: 404, message: 'Page not found' } },
  rubygems: { type: 'text', body: 'This rubygem could not be found.' },
  nuget: { type: 'html', body: '<?xml version="1.0" encoding="utf-8"?><Error><Code>BlobNotFound</Code><Message>The specified blob does not exist.</Message></Error>' },
  maven: { type: 'html', body: '<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>' },
  cran: { type: 'json', body: { error: 'not_found', reason: 'missing' } },
};

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Composer's MetadataMinifier::minify: the first version whole, then only what changes (`__unset` for removed keys). */
function minify(versions: readonly Dict[]): Dict[] {
  let previous: Dict | null = null;
  return versions.map((version) => {
    if (!previous) {
      previous = version;
      return version;
    }
    const diff: Dict = {};
    for (const [key, value] of Object.entries(version)) if (JSON.stringify(previous[key]) !== JSON.stringify(value)) diff[key] = value;
    for (const key of Object.keys(previous)) if (!(key in version)) diff[key] = '__unset';
    previous = version;
    return diff;
  });
}

export async function startFakeRegistries(packages: readonly FakeRegistryPackage[]): Promise<FakeRegistries> {
  const samples = {
    npm: sample('npm', 'package-version.get.200.json') as Dict,
    pypi: sample('registries', 'pypi.version.200.json') as Dict,
    crates: sample('registries', 'crates.version.200.json') as Dict,
    packagist: sample('registries', 'packagist.p2.200.json') as { packages: Record<string, Dict[]> },
    pub: sample('registries', 'pub.score.200.json') as Dict,
    hex: sample('registries', 'hex.package.200.json') as Dict,
    rubygems: sample('registries', 'rubygems.version.200.json') as Dict,
    cran: sample('registries', 'cran.version.200.json') as Dict,
  };
  const find = (registry: RegistryId, name: string, version?: string): FakeRegistryPackage | undefined =>
    packages.find((pkg) => pkg.registry === registry && pkg.name.toLowerCase() === name.toLowerCase() && (version === undefined || pkg.version === version));
  const requests: string[] = [];
  const injected = new Map<RegistryId, (number | 'hang')[]>();
  const hanging = new Set<ServerResponse>();

  /** The body for a registry path, or null for 404. */
  const answer = (registry: RegistryId, path: string): { type: 'json' | 'text'; body: unknown } | null => {
    // Split before decoding, so `@scope%2Fname` stays one segment.
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    const json = (body: unknown): { type: 'json'; body: unknown } => ({ type: 'json', body });
    switch (registry) {
      case 'npm': {
        const [name, version] = parts[0]?.startsWith('@') && parts.length === 2 ? [parts[0], parts[1]] : [parts[0], parts[1]];
        const pkg = name && version ? find('npm', name, version) : undefined;
        if (!pkg) return null;
        const doc = clone(samples.npm);
        delete doc.license;
        return json({ ...doc, _id: `${pkg.name}@${pkg.version}`, name: pkg.name, version: pkg.version, ...pkg.fields });
      }
      case 'pypi': {
        if (parts[0] !== 'pypi' || parts[3] !== 'json') return null;
        const pkg = find('pypi', parts[1] ?? '', parts[2]);
        if (!pkg) return null;
        const doc = clone(samples.pypi);
        doc.info = { ...(doc.info as Dict), name: pkg.name, version: pkg.version, ...pkg.fields };
        return json(doc);
      }
      case 'crates': {
        if (parts.slice(0, 3).join('/') !== 'api/v1/crates') return null;
        const pkg = find('crates', parts[3] ?? '', parts[4]);
        if (!pkg) return null;
        const doc = clone(samples.crates);
        doc.version = { ...(doc.version as Dict), crate: pkg.name, num: pkg.version, ...pkg.fields };
        return json(doc);
      }
      case 'packagist': {
        const match = /^p2\/([^/]+\/[^/~]+?)(~dev)?\.json$/.exec(parts.join('/'));
        if (!match) return null;
        const name = match[1] as string;
        const dev = match[2] !== undefined;
        const template = Object.values(samples.packagist.packages)[0]?.[0] as Dict;
        const versions = packages
          .filter((pkg) => pkg.registry === 'packagist' && pkg.name === name && (pkg.version.startsWith('dev-') || pkg.version.endsWith('-dev')) === dev)
          .map((pkg) => {
            const doc: Dict = { ...clone(template), name, version: pkg.version, version_normalized: `${pkg.version.replace(/^v/, '')}.0`, ...pkg.fields };
            for (const key of pkg.omit ?? []) delete doc[key];
            return doc;
          });
        if (versions.length === 0) return null;
        return json({ packages: { [name]: minify(versions) }, minified: 'composer/2.0' });
      }
      case 'pub': {
        if (parts[0] !== 'api' || parts[1] !== 'packages' || parts[3] !== 'score') return null;
        const pkg = find('pub', parts[2] ?? '');
        return pkg ? json({ ...clone(samples.pub), ...pkg.fields }) : null;
      }
      case 'hex': {
        if (parts[0] !== 'api' || parts[1] !== 'packages' || parts.length !== 3) return null;
        const releases = packages.filter((pkg) => pkg.registry === 'hex' && pkg.name === parts[2]);
        const latest = releases[releases.length - 1];
        if (!latest) return null;
        const doc = clone(samples.hex);
        doc.name = latest.name;
        doc.meta = { ...(doc.meta as Dict), ...latest.fields };
        doc.releases = releases.map((pkg) => ({ version: pkg.version, url: `https://hex.example.test/api/packages/${pkg.name}/releases/${pkg.version}`, has_docs: true }));
        return json(doc);
      }
      case 'rubygems': {
        const match = /^api\/v2\/rubygems\/([^/]+)\/versions\/(.+)\.json$/.exec(parts.join('/'));
        const pkg = match ? find('rubygems', match[1] as string, match[2]) : undefined;
        return pkg ? json({ ...clone(samples.rubygems), name: pkg.name, version: pkg.version, ...pkg.fields }) : null;
      }
      case 'cran': {
        const pkg = parts.length === 2 ? find('cran', parts[0] ?? '', parts[1]) : undefined;
        return pkg ? json({ ...clone(samples.cran), Package: pkg.name, Version: pkg.version, ...pkg.fields }) : null;
      }
      case 'nuget': {
        // <id>/<version>/<id>.nuspec, all lower case as the package base address serves them.
        const pkg = parts.length === 3 && parts[2] === `${parts[0]}.nuspec` ? packages.find((p) => p.registry === 'nuget' && p.name.toLowerCase() === parts[0] && p.version.toLowerCase() === parts[1]) : undefined;
        return pkg ? { type: 'text', body: pkg.body ?? readFileSync(join(SAMPLES_DIR, 'registries', 'nuget.nuspec.200.xml'), 'utf8') } : null;
      }
      case 'maven': {
        const file = parts[parts.length - 1] ?? '';
        const [version, artifact] = [parts[parts.length - 2] ?? '', parts[parts.length - 3] ?? ''];
        const name = `${parts.slice(0, -3).join('.')}:${artifact}`;
        const pkg = file === `${artifact}-${version}.pom` ? find('maven', name, version) : undefined;
        return pkg ? { type: 'text', body: pkg.body ?? readFileSync(join(SAMPLES_DIR, 'registries', 'maven.pom.200.xml'), 'utf8') } : null;
      }
    }
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const [prefix = '', ...rest] = url.pathname.split('/').filter(Boolean);
    const registry = prefix in NOT_FOUND ? (prefix as RegistryId) : null;
    if (!registry || req.method !== 'GET') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no such registry');
      return;
    }
    const path = rest.join('/');
    requests.push(`${registry} /${path}${url.search}`);
    const next = injected.get(registry)?.shift();
    if (next === 'hang') {
      hanging.add(res);
      return;
    }
    if (typeof next === 'number') {
      res.writeHead(next, { 'content-type': 'text/html' }).end('<html><body>Service Unavailable</body></html>');
      return;
    }
    const found = answer(registry, path);
    if (!found) {
      const missing = NOT_FOUND[registry];
      const text = typeof missing.body === 'string' ? missing.body : JSON.stringify(missing.body);
      res.writeHead(404, { 'content-type': missing.type === 'json' ? 'application/json' : missing.type === 'html' ? 'text/html' : 'text/plain' }).end(text);
      return;
    }
    const text = typeof found.body === 'string' ? found.body : JSON.stringify(found.body);
    res.writeHead(200, { 'content-type': found.type === 'json' ? 'application/json' : 'application/xml' }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const base = (registry: RegistryId): string => `${url}/${registry}`;
  return {
    url,
    base,
    env: () => ({
      OPENCHECKER_NPM_REGISTRY_URL: base('npm'),
      OPENCHECKER_REGISTRIES_PYPI_URL: base('pypi'),
      OPENCHECKER_REGISTRIES_CRATES_URL: base('crates'),
      OPENCHECKER_REGISTRIES_PACKAGIST_URL: base('packagist'),
      OPENCHECKER_REGISTRIES_PUB_URL: base('pub'),
      OPENCHECKER_REGISTRIES_HEX_URL: base('hex'),
      OPENCHECKER_REGISTRIES_RUBYGEMS_URL: base('rubygems'),
      OPENCHECKER_REGISTRIES_NUGET_URL: base('nuget'),
      OPENCHECKER_REGISTRIES_MAVEN_URL: base('maven'),
      OPENCHECKER_REGISTRIES_CRAN_URL: base('cran'),
    }),
    requests,
    count: (registry) => requests.filter((request) => request.startsWith(`${registry} `)).length,
    inject: (registry, ...answers) => injected.set(registry, [...(injected.get(registry) ?? []), ...answers]),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
