/**
 * Package registries as the license source after deps.dev: one definition per registry (its own module),
 * run by one executor that owns the HTTP side — a service client per registry (base URL from the
 * configuration, `[Registries] timeout_s` per attempt, retries with backoff on time-outs, network errors, 429
 * and 5xx, the task's abort signal), `[Registries] concurrency` requests in flight across all registries, and
 * the shared cache: each version's answer (a "not found" too, for at most a day) is kept for `[Registries]
 * cache_ttl_s`, so other tasks with the same dependencies ask nothing.
 */
import type { Config } from '../../../config/schema.js';
import type { Ecosystem } from '../../dependencies/types.js';
import type { Logger } from '../../../lib/log.js';
import type { SharedCache } from '../../../lib/shared-cache.js';
import { PlatformError } from '../../../platforms/errors.js';
import type { ServiceClient } from '../../../platforms/services/http-json.js';
import { isRegistryDown, RegistryPool } from '../registry-pool.js';
import { cranRegistry } from './cran.js';
import { cratesRegistry } from './crates.js';
import { hexRegistry } from './hex.js';
import { mavenRegistry } from './maven.js';
import { normalizeAll } from './normalize.js';
import { npmRegistry } from './npm.js';
import { nugetRegistry } from './nuget.js';
import { packagistRegistry } from './packagist.js';
import { pubRegistry } from './pub.js';
import { pypiRegistry } from './pypi.js';
import { rubygemsRegistry } from './rubygems.js';
import type { RegistryDefinition, RegistryFetch, VersionLookup } from './types.js';

export type { RegistryDefinition, VersionLookup } from './types.js';

export const REGISTRIES: readonly RegistryDefinition[] = [
  npmRegistry,
  pypiRegistry,
  cratesRegistry,
  packagistRegistry,
  pubRegistry,
  hexRegistry,
  rubygemsRegistry,
  nugetRegistry,
  mavenRegistry,
  cranRegistry,
];

export function registryFor(ecosystem: Ecosystem): RegistryDefinition | null {
  return REGISTRIES.find((registry) => registry.ecosystems.includes(ecosystem)) ?? null;
}

const NAMESPACE = 'registry:license';
/** "Not found" is kept shorter than an answer: a just-published version appears soon. */
const NOT_FOUND_TTL_MS = 24 * 3600 * 1000;

export interface RegistryLicensesOptions {
  readonly config: Config;
  readonly cache: SharedCache;
  readonly log?: Logger;
  /** Retries after the first attempt and the first backoff delay (tests shorten them). */
  readonly retry?: { readonly maxRetries: number; readonly retryBaseMs: number };
}

export { isRegistryDown };

export class RegistryLicenses {
  private readonly pool: RegistryPool;
  private readonly inflight = new Map<string, Promise<readonly string[] | null>>();
  private readonly settings: Config['Registries'];

  constructor(private readonly options: RegistryLicensesOptions) {
    this.settings = options.config.Registries;
    this.pool = new RegistryPool({ ...options, maxBodyBytes: 16 * 1024 * 1024 });
  }

  /** HTTP requests sent, by registry id (for tests and logs). */
  get requests(): ReadonlyMap<string, number> {
    return this.pool.requests;
  }

  /**
   * The version's licenses from its ecosystem's registry, normalised to SPDX where possible: null when the
   * registry does not have the version (or no registry serves the ecosystem), [] when it declares none.
   * Throws the registry's PlatformError when it cannot answer.
   */
  async licenses(lookup: VersionLookup, signal: AbortSignal): Promise<readonly string[] | null> {
    const registry = registryFor(lookup.ecosystem);
    if (!registry) return null;
    const key = `${registry.id}\u0000${lookup.name}\u0000${lookup.version}`;
    // Concurrent lookups of one version share a request. Keyed with the depth too: a POM whose parent chain
    // loops back would otherwise wait for itself; with the depth each level is a new lookup, and levels end.
    const flight = `${key}\u0000${lookup.depth ?? 0}`;
    const running = this.inflight.get(flight);
    if (running) return running;
    const answer = this.lookup(registry, key, lookup, signal);
    this.inflight.set(flight, answer);
    try {
      return await answer;
    } finally {
      this.inflight.delete(flight);
    }
  }

  private async lookup(registry: RegistryDefinition, key: string, lookup: VersionLookup, signal: AbortSignal): Promise<readonly string[] | null> {
    const cached = await this.options.cache.get(NAMESPACE, key);
    if (cached !== null) return JSON.parse(cached) as readonly string[] | null;
    let client: ServiceClient;
    try {
      client = await this.pool.client(registry);
    } catch (err) {
      // No base URL (npm with neither [Npm] registry_url nor an npm setting): a configuration problem.
      throw err instanceof PlatformError ? err : new PlatformError('http', `${registry.service}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const get = async (path: string): Promise<string | null> => {
      const response = await this.pool.call(registry, client, path, [404], signal);
      return response.status === 404 ? null : response.text;
    };
    const fetch: RegistryFetch = {
      text: get,
      json: async (path) => {
        const text = await get(path);
        return text === null ? null : client.parse(text, path, 200);
      },
      licensesOf: (parent) => this.licenses(parent, signal),
    };
    const declared = await registry.licenses(lookup, fetch);
    const answer = declared === null ? null : normalizeAll(declared);
    const ttl = this.settings.cache_ttl_s * 1000;
    if (ttl > 0) await this.options.cache.set(NAMESPACE, key, JSON.stringify(answer), answer === null ? Math.min(NOT_FOUND_TTL_MS, ttl) : ttl);
    return answer;
  }
}
