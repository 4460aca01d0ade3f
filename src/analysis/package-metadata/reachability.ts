/**
 * Whether a dependency can still be fetched from its registry: the package exists, the version exists, and the
 * registry has not yanked, unpublished, retracted or retired it. One definition per registry reads the
 * registry's documented API (the registries dependency-checker asks for licenses, at the same configured base
 * URLs, plus the Go module proxy); the executor owns HTTP, concurrency (`[Registries] concurrency`), time limits
 * and the shared cache (`registry:reachable`, `[Registries] cache_ttl_s`; an unavailable version is kept at
 * most a day, as it may be published again).
 *
 * Deprecation (npm `deprecated`, Packagist `abandoned`, NuGet deprecation, unlisted NuGet versions) leaves a
 * version fetchable, so it is not unreachability.
 */
import type { Config } from '../../config/schema.js';
import type { SharedCache } from '../../lib/shared-cache.js';
import { PlatformError } from '../../platforms/errors.js';
import { encodePackageName } from '../../platforms/services/npm.js';
import type { Ecosystem } from '../dependencies/types.js';
import { registryFor } from './registries/index.js';
import { RegistryPool, type RegistryPoolOptions } from './registry-pool.js';

export type Reachability = 'ok' | 'package_not_found' | 'version_not_found' | 'yanked' | 'unpublished' | 'withdrawn';

export interface ReachabilityAnswer {
  readonly status: Reachability;
  /** What the registry said, for people: "crates.io marks 0.1.2 yanked". */
  readonly detail: string;
}

/** What a definition may fetch: the status and body of a path (404 and 410 are answers, not failures). */
export interface ReachFetch {
  get(path: string): Promise<{ status: number; text: string }>;
  json(path: string): Promise<{ status: number; data: unknown }>;
}

interface ReachDefinition {
  readonly id: string;
  readonly service: string;
  baseUrl(config: Config): string | Promise<string>;
  check(name: string, version: string, fetch: ReachFetch): Promise<ReachabilityAnswer>;
  /** When the registry says the version was published (ISO 8601), for registries that record it. */
  published?(name: string, version: string, fetch: ReachFetch): Promise<string | null>;
}

const dateOf = (value: unknown): string | null => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : null);

type Dict = Record<string, unknown>;
const isDict = (value: unknown): value is Dict => typeof value === 'object' && value !== null && !Array.isArray(value);
const found = (status: number): boolean => status >= 200 && status < 300;
const ok = (service: string): ReachabilityAnswer => ({ status: 'ok', detail: `${service} serves it` });
const missing = (service: string, packageExists: boolean, name: string, version: string): ReachabilityAnswer =>
  packageExists ? { status: 'version_not_found', detail: `${service} has ${name} but no version ${version}` } : { status: 'package_not_found', detail: `${service} has no package ${name}` };
const enc = encodeURIComponent;

const npm: ReachDefinition = {
  id: 'npm',
  service: 'npm registry',
  baseUrl: (config) => registryFor('npm')?.baseUrl(config) ?? '',
  async check(name, version, fetch) {
    if (found((await fetch.get(`${encodePackageName(name)}/${enc(version)}`)).status)) return ok(this.service);
    const packument = await fetch.json(encodePackageName(name));
    if (!found(packument.status) || !isDict(packument.data)) return missing(this.service, false, name, version);
    // An unpublished package keeps a stub whose `time.unpublished` records it.
    const time = isDict(packument.data.time) ? packument.data.time : {};
    if (isDict(time.unpublished)) return { status: 'unpublished', detail: `${name} was unpublished from the npm registry` };
    const versions = isDict(packument.data.versions) ? packument.data.versions : {};
    if (!(version in versions) && typeof time[version] === 'string') return { status: 'unpublished', detail: `${name}@${version} was published and then unpublished` };
    return missing(this.service, true, name, version);
  },
  async published(name, version, fetch) {
    const packument = await fetch.json(encodePackageName(name));
    return isDict(packument.data) && isDict(packument.data.time) ? dateOf(packument.data.time[version]) : null;
  },
};

const pypi: ReachDefinition = {
  id: 'pypi',
  service: 'PyPI',
  baseUrl: (config) => config.Registries.pypi_url,
  async check(name, version, fetch) {
    const doc = await fetch.json(`pypi/${enc(name)}/${enc(version)}/json`);
    if (found(doc.status) && isDict(doc.data)) {
      const info = isDict(doc.data.info) ? doc.data.info : {};
      const files = Array.isArray(doc.data.urls) ? doc.data.urls.filter(isDict) : [];
      if (info.yanked === true || (files.length > 0 && files.every((file) => file.yanked === true))) {
        const reason = typeof info.yanked_reason === 'string' && info.yanked_reason ? `: ${info.yanked_reason}` : '';
        return { status: 'yanked', detail: `PyPI marks ${name} ${version} yanked${reason}` };
      }
      return ok(this.service);
    }
    return missing(this.service, found((await fetch.get(`pypi/${enc(name)}/json`)).status), name, version);
  },
  async published(name, version, fetch) {
    const doc = await fetch.json(`pypi/${enc(name)}/${enc(version)}/json`);
    const files = isDict(doc.data) && Array.isArray(doc.data.urls) ? doc.data.urls.filter(isDict) : [];
    const times = files.map((file) => dateOf(file.upload_time_iso_8601) ?? dateOf(file.upload_time)).filter((time): time is string => time !== null);
    return times.sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null;
  },
};

const crates: ReachDefinition = {
  id: 'crates',
  service: 'crates.io',
  baseUrl: (config) => config.Registries.crates_url,
  async check(name, version, fetch) {
    const doc = await fetch.json(`api/v1/crates/${enc(name)}/${enc(version)}`);
    if (found(doc.status) && isDict(doc.data) && isDict(doc.data.version)) {
      return doc.data.version.yanked === true ? { status: 'yanked', detail: `crates.io marks ${name} ${version} yanked` } : ok(this.service);
    }
    return missing(this.service, found((await fetch.get(`api/v1/crates/${enc(name)}`)).status), name, version);
  },
  async published(name, version, fetch) {
    const doc = await fetch.json(`api/v1/crates/${enc(name)}/${enc(version)}`);
    return isDict(doc.data) && isDict(doc.data.version) ? dateOf(doc.data.version.created_at) : null;
  },
};

const packagist: ReachDefinition = {
  id: 'packagist',
  service: 'Packagist',
  baseUrl: (config) => config.Registries.packagist_url,
  async check(name, version, fetch) {
    const lower = name.toLowerCase();
    const dev = /^dev-|-dev$/.test(version);
    const doc = await fetch.json(`p2/${lower}${dev ? '~dev' : ''}.json`);
    if (!found(doc.status) || !isDict(doc.data) || !isDict(doc.data.packages)) return missing(this.service, false, name, version);
    const listed = doc.data.packages[lower];
    const bare = (v: unknown): string => (typeof v === 'string' ? v.replace(/^v/, '') : '');
    // Minified lists carry `version` on every entry, so reading it needs no expansion.
    const versions = Array.isArray(listed) ? listed.filter(isDict).map((entry) => bare(entry.version)) : [];
    return versions.includes(bare(version)) ? ok(this.service) : missing(this.service, true, name, version);
  },
};

const pub: ReachDefinition = {
  id: 'pub',
  service: 'pub.dev',
  baseUrl: (config) => config.Registries.pub_url,
  async check(name, version, fetch) {
    const doc = await fetch.json(`api/packages/${enc(name)}`);
    if (!found(doc.status) || !isDict(doc.data)) return missing(this.service, false, name, version);
    const entry = (Array.isArray(doc.data.versions) ? doc.data.versions.filter(isDict) : []).find((item) => item.version === version);
    if (!entry) return missing(this.service, true, name, version);
    return entry.retracted === true ? { status: 'withdrawn', detail: `pub.dev lists ${name} ${version} as retracted` } : ok(this.service);
  },
};

const hex: ReachDefinition = {
  id: 'hex',
  service: 'hex.pm',
  baseUrl: (config) => config.Registries.hex_url,
  async check(name, version, fetch) {
    const doc = await fetch.json(`api/packages/${enc(name)}`);
    if (!found(doc.status) || !isDict(doc.data)) return missing(this.service, false, name, version);
    const releases = Array.isArray(doc.data.releases) ? doc.data.releases.filter(isDict) : [];
    if (!releases.some((release) => release.version === version)) return missing(this.service, true, name, version);
    const retired = isDict(doc.data.retirements) ? doc.data.retirements[version] : undefined;
    if (isDict(retired)) {
      const why = [retired.reason, retired.message].filter((part): part is string => typeof part === 'string' && part !== '').join(': ');
      return { status: 'withdrawn', detail: `hex.pm retired ${name} ${version}${why ? ` (${why})` : ''}` };
    }
    return ok(this.service);
  },
};

const rubygems: ReachDefinition = {
  id: 'rubygems',
  service: 'RubyGems.org',
  baseUrl: (config) => config.Registries.rubygems_url,
  async check(name, version, fetch) {
    const platform = /^(\d[\w.]*)-([a-z][\w-]*)$/i.exec(version);
    const bare = platform ? (platform[1] as string) : version;
    const query = platform ? `?platform=${enc(platform[2] as string)}` : '';
    if (found((await fetch.get(`api/v2/rubygems/${enc(name)}/versions/${enc(bare)}.json${query}`)).status)) return ok(this.service);
    // RubyGems.org drops a yanked version from its API, so "no version" may be either.
    const gem = await fetch.get(`api/v1/gems/${enc(name)}.json`);
    if (!found(gem.status)) return missing(this.service, false, name, version);
    return { status: 'version_not_found', detail: `RubyGems.org has ${name} but no version ${version} (never published or yanked)` };
  },
};

const nuget: ReachDefinition = {
  id: 'nuget',
  service: 'NuGet',
  baseUrl: (config) => config.Registries.nuget_url,
  async check(name, version, fetch) {
    const id = name.toLowerCase();
    const doc = await fetch.json(`${enc(id)}/index.json`);
    if (!found(doc.status) || !isDict(doc.data)) return missing(this.service, false, name, version);
    const versions = (Array.isArray(doc.data.versions) ? doc.data.versions : []).filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase());
    // The package base address lists normalised versions (no build metadata, no leading zeros as written).
    const wanted = version.toLowerCase().replace(/\+.*$/, '').replace(/^(\d+\.\d+\.\d+)\.0$/, '$1');
    return versions.includes(wanted) || versions.includes(version.toLowerCase()) ? ok(this.service) : missing(this.service, true, name, version);
  },
};

const maven: ReachDefinition = {
  id: 'maven',
  service: 'Maven repository',
  baseUrl: (config) => config.Registries.maven_url,
  async check(name, version, fetch) {
    const [group, artifact, ...rest] = name.split(':');
    if (!group || !artifact || rest.length > 0) return missing(this.service, false, name, version);
    const base = `${group.split('.').map(enc).join('/')}/${enc(artifact)}`;
    if (found((await fetch.get(`${base}/${enc(version)}/${enc(`${artifact}-${version}.pom`)}`)).status)) return ok(this.service);
    return missing(this.service, found((await fetch.get(`${base}/maven-metadata.xml`)).status), name, version);
  },
};

const cran: ReachDefinition = {
  id: 'cran',
  service: 'CRAN (crandb)',
  baseUrl: (config) => config.Registries.cran_url,
  async check(name, version, fetch) {
    if (found((await fetch.get(`${enc(name)}/${enc(version)}`)).status)) return ok(this.service);
    return missing(this.service, found((await fetch.get(enc(name))).status), name, version);
  },
};

/** Go module paths are case-encoded in proxy URLs: each upper-case letter becomes `!` and its lower case. */
export function escapeModulePath(path: string): string {
  return path.replace(/[A-Z]/g, (letter) => `!${letter.toLowerCase()}`);
}

const goProxy: ReachDefinition = {
  id: 'go',
  service: 'Go module proxy',
  baseUrl: (config) => config.Registries.go_proxy_url,
  async check(name, version, fetch) {
    const module = escapeModulePath(name).split('/').map(enc).join('/');
    // Module versions are semver tags with a `v`; extractors may drop it (as OSV records them).
    const tag = version.startsWith('v') ? version : `v${version}`;
    if (found((await fetch.get(`${module}/@v/${enc(escapeModulePath(tag))}.info`)).status)) return ok(this.service);
    const list = await fetch.get(`${module}/@v/list`);
    // The proxy answers 404/410 for a module it cannot fetch, and an empty list for one without tagged versions.
    return missing(this.service, found(list.status), name, version);
  },
  async published(name, version, fetch) {
    const tag = version.startsWith('v') ? version : `v${version}`;
    const info = await fetch.json(`${escapeModulePath(name).split('/').map(enc).join('/')}/@v/${enc(escapeModulePath(tag))}.info`);
    return isDict(info.data) ? dateOf(info.data.Time) : null;
  },
};

const DEFINITIONS: Partial<Record<Ecosystem, ReachDefinition>> = {
  npm,
  PyPI: pypi,
  'crates.io': crates,
  Packagist: packagist,
  Pub: pub,
  Hex: hex,
  RubyGems: rubygems,
  NuGet: nuget,
  Maven: maven,
  CRAN: cran,
  Go: goProxy,
};

export function reachabilitySupported(ecosystem: Ecosystem): boolean {
  return DEFINITIONS[ecosystem] !== undefined;
}

const NAMESPACE = 'registry:reachable';
const UNAVAILABLE_TTL_MS = 24 * 3600 * 1000;

export interface ReachabilityOptions extends Omit<RegistryPoolOptions, 'maxBodyBytes'> {
  readonly cache: SharedCache;
}

export class RegistryReachability {
  private readonly pool: RegistryPool;

  constructor(private readonly options: ReachabilityOptions) {
    this.pool = new RegistryPool({ ...options, maxBodyBytes: 32 * 1024 * 1024 });
  }

  /** HTTP requests sent, by registry id. */
  get requests(): ReadonlyMap<string, number> {
    return this.pool.requests;
  }

  /** The answer for one version; throws the registry's PlatformError when it cannot tell (down, throttling). */
  async check(ecosystem: Ecosystem, name: string, version: string, signal: AbortSignal): Promise<ReachabilityAnswer> {
    const definition = DEFINITIONS[ecosystem];
    if (!definition) throw new PlatformError('http', `no registry is known for ${ecosystem}`);
    const key = `${definition.id}\u0000${name}\u0000${version}`;
    const cached = await this.options.cache.get(NAMESPACE, key);
    if (cached !== null) return JSON.parse(cached) as ReachabilityAnswer;
    const answer = await definition.check(name, version, await this.fetcher(definition, signal));
    const ttl = this.options.config.Registries.cache_ttl_s * 1000;
    if (ttl > 0) await this.options.cache.set(NAMESPACE, key, JSON.stringify(answer), answer.status === 'ok' ? ttl : Math.min(ttl, UNAVAILABLE_TTL_MS));
    return answer;
  }

  /**
   * When the registry published the version (npm `time`, PyPI's first upload, crates.io `created_at`, the Go
   * proxy's `Time`); null when the registry does not record it or has no such version.
   */
  async publishedAt(ecosystem: Ecosystem, name: string, version: string, signal: AbortSignal): Promise<string | null> {
    const definition = DEFINITIONS[ecosystem];
    if (!definition?.published) return null;
    const key = `published\u0000${definition.id}\u0000${name}\u0000${version}`;
    const cached = await this.options.cache.get(NAMESPACE, key);
    if (cached !== null) return JSON.parse(cached) as string | null;
    const date = await definition.published(name, version, await this.fetcher(definition, signal));
    const ttl = this.options.config.Registries.cache_ttl_s * 1000;
    if (ttl > 0) await this.options.cache.set(NAMESPACE, key, JSON.stringify(date), date ? ttl : Math.min(ttl, UNAVAILABLE_TTL_MS));
    return date;
  }

  private async fetcher(definition: ReachDefinition, signal: AbortSignal): Promise<ReachFetch> {
    const client = await this.pool.client(definition);
    const get = (path: string): Promise<{ status: number; text: string }> => this.pool.call(definition, client, path, [404, 410], signal);
    return {
      get,
      json: async (path) => {
        const response = await get(path);
        return { status: response.status, data: found(response.status) ? client.parse(response.text, path, response.status) : null };
      },
    };
  }
}
