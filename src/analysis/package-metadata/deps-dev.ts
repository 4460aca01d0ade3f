/**
 * deps.dev API v3 (https://docs.deps.dev/api/v3/): `GET /v3/systems/{system}/packages/{name}/versions/{version}`
 * answers a version's declared licenses (SPDX expressions, or `non-standard`) for npm, PyPI, Go, Maven, Cargo,
 * NuGet and RubyGems, from the registries' own metadata — no download of the package. Answers (including
 * "not found") are kept in the shared cache so other tasks with the same dependencies ask nothing.
 */
import pLimit from 'p-limit';
import type { Ecosystem } from '../dependencies/types.js';
import type { Logger } from '../../lib/log.js';
import type { SharedCache } from '../../lib/shared-cache.js';
import { PlatformError } from '../../platforms/errors.js';
import { requestJson, type RetryPolicy } from './http-json.js';

const SYSTEMS: Partial<Record<Ecosystem, string>> = {
  npm: 'npm',
  PyPI: 'pypi',
  Go: 'go',
  Maven: 'maven',
  'crates.io': 'cargo',
  NuGet: 'nuget',
  RubyGems: 'rubygems',
};

const NAMESPACE = 'depsdev:version';
/** "Not found" is kept shorter than an answer: a just-published version appears soon. */
const NOT_FOUND_TTL_MS = 24 * 3600 * 1000;

export interface DepsDevOptions {
  readonly apiUrl: string;
  readonly timeoutMs: number;
  readonly concurrency: number;
  readonly cache: SharedCache;
  readonly cacheTtlMs: number;
  readonly retry?: RetryPolicy;
  readonly log?: Logger;
}

export interface VersionLookup {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  readonly version: string;
}

/** Licenses of a version; null when deps.dev does not know the version. */
export type VersionLicenses = readonly string[] | null;

export function depsDevSystem(ecosystem: Ecosystem): string | null {
  return SYSTEMS[ecosystem] ?? null;
}

export class DepsDevClient {
  private readonly base: string;
  private readonly limit: ReturnType<typeof pLimit>;
  requests = 0;
  private down: Error | null = null;

  constructor(private readonly options: DepsDevOptions) {
    this.base = options.apiUrl.replace(/\/+$/, '');
    this.limit = pLimit(Math.max(1, options.concurrency));
  }

  /** The URL of one version: names and versions percent-encoded (`@scope%2Fname`, `group%3Aartifact`). */
  versionUrl(lookup: VersionLookup): string | null {
    const system = depsDevSystem(lookup.ecosystem);
    if (!system) return null;
    // deps.dev spells Go versions with their `v`, as the module proxy does.
    const version = lookup.ecosystem === 'Go' && !lookup.version.startsWith('v') ? `v${lookup.version}` : lookup.version;
    return `${this.base}/v3/systems/${system}/packages/${encodeURIComponent(lookup.name)}/versions/${encodeURIComponent(version)}`;
  }

  async licenses(lookup: VersionLookup, signal: AbortSignal): Promise<VersionLicenses> {
    const url = this.versionUrl(lookup);
    if (!url) return null;
    const key = url.slice(this.base.length);
    const cached = await this.options.cache.get(NAMESPACE, key);
    if (cached !== null) return JSON.parse(cached) as VersionLicenses;
    const answer = await this.limit(async () => {
      // Lookups queued behind one that found the service unreachable fail at once instead of waiting out
      // their own retries.
      if (this.down !== null) throw this.down;
      this.requests++;
      const response = await requestJson(url, {
        timeoutMs: this.options.timeoutMs,
        signal,
        retry: this.options.retry,
        maxBodyBytes: 4 * 1024 * 1024,
        onRetry: (attempt, reason, delayMs) => this.options.log?.warn({ url, attempt, reason, delayMs }, 'deps.dev retry'),
      }).catch((err: unknown) => {
        // A status answers for this version only; anything else (unreachable, time-outs) for the service.
        if (!signal.aborted && !(err instanceof PlatformError && err.status !== null)) this.down = err instanceof Error ? err : new Error(String(err));
        throw err;
      });
      if (response.status === 404) return null;
      const licenses = (response.json as { licenses?: unknown } | undefined)?.licenses;
      return Array.isArray(licenses) ? licenses.filter((license): license is string => typeof license === 'string' && license.trim() !== '') : [];
    });
    if (this.options.cacheTtlMs > 0) {
      await this.options.cache.set(NAMESPACE, key, JSON.stringify(answer), answer === null ? Math.min(NOT_FOUND_TTL_MS, this.options.cacheTtlMs) : this.options.cacheTtlMs);
    }
    return answer;
  }
}
