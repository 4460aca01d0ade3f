/**
 * npm registry and npm downloads API clients (package-info).
 *
 * The registry URL comes from `[Npm] registry_url`, else from the npm client's own setting (`npm_config_registry`
 * in the environment, else `npm config get registry`), so a mirror or private registry configured for npm is
 * used without configuring it twice. The downloads API is a separate service (`[Npm] downloads_api_url`).
 */
import type { Config } from '../../config/schema.js';
import { run } from '../../lib/exec.js';
import { PlatformError } from '../errors.js';
import { ServiceClient, isRecord } from './http-json.js';

/** What package-info reads of a version document (`GET /<name>/<version-or-dist-tag>`). */
export interface NpmVersion {
  name: string;
  version: string;
  description: string | null;
  homepage: string | null;
  dependencies: Record<string, string>;
  /** `repository` as published: a string (URL or shorthand) or `{type, url, directory}`. */
  repository: unknown;
}

export interface DownloadsRange {
  start: string;
  end: string;
  downloads: { day: string; downloads: number }[];
}

let npmSetting: Promise<string | null> | null = null;

/** The registry npm itself would use: `npm_config_registry`, else `npm config get registry` (asked once per process). */
export function npmConfiguredRegistry(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const fromEnv = env.npm_config_registry ?? env.NPM_CONFIG_REGISTRY;
  if (fromEnv?.trim()) return Promise.resolve(fromEnv.trim());
  npmSetting ??= run('npm', ['config', 'get', 'registry'], { timeoutMs: 15_000, maxOutputBytes: 64 * 1024 })
    .then(({ stdout }) => {
      const value = stdout.trim();
      return /^https?:\/\//i.test(value) ? value : null;
    })
    .catch(() => null);
  return npmSetting;
}

export async function registryUrl(config: Config): Promise<string> {
  const configured = config.Npm.registry_url.trim() || (await npmConfiguredRegistry());
  if (!configured) {
    throw new PlatformError('http', 'no npm registry is configured: set [Npm] registry_url (OPENCHECKER_NPM_REGISTRY_URL) or npm\'s own "registry" setting');
  }
  return configured;
}

export class NpmClient {
  private readonly registry: ServiceClient;
  private readonly downloadsApi: ServiceClient;

  constructor(options: { registryUrl: string; downloadsApiUrl: string; timeoutMs: number; retryBaseMs?: number }) {
    this.registry = new ServiceClient({ service: 'npm registry', baseUrl: options.registryUrl, timeoutMs: options.timeoutMs, retryBaseMs: options.retryBaseMs });
    this.downloadsApi = new ServiceClient({ service: 'npm downloads API', baseUrl: options.downloadsApiUrl, timeoutMs: options.timeoutMs, retryBaseMs: options.retryBaseMs });
  }

  static async fromConfig(config: Config): Promise<NpmClient> {
    return new NpmClient({ registryUrl: await registryUrl(config), downloadsApiUrl: config.Npm.downloads_api_url, timeoutMs: config.Npm.timeout_s * 1000 });
  }

  /**
   * The version a dist-tag points to (`latest` by default), or null when the package (or the tag) does not
   * exist. One small version document instead of the full packument, which reaches tens of MB for popular
   * packages.
   */
  async version(name: string, tag = 'latest', signal?: AbortSignal): Promise<NpmVersion | null> {
    const path = `${encodePackageName(name)}/${encodeURIComponent(tag)}`;
    const response = await this.registry.json(path, { signal, accept: [404] });
    if (response.status === 404) return null;
    const doc = response.data;
    if (!isRecord(doc) || typeof doc.version !== 'string') {
      throw new PlatformError('malformed', `npm registry answered /${path} without a version document`);
    }
    return {
      name: typeof doc.name === 'string' ? doc.name : name,
      version: doc.version,
      description: typeof doc.description === 'string' ? doc.description : null,
      homepage: typeof doc.homepage === 'string' ? doc.homepage : null,
      dependencies: stringRecord(doc.dependencies),
      repository: doc.repository ?? null,
    };
  }

  /** Daily downloads of the last month, or null when the downloads API has no data for the package. */
  async lastMonthDownloads(name: string, signal?: AbortSignal): Promise<DownloadsRange | null> {
    const path = `downloads/range/last-month/${encodePackageName(name)}`;
    const response = await this.downloadsApi.json(path, { signal, accept: [404] });
    if (response.status === 404) return null;
    const doc = response.data;
    if (!isRecord(doc) || !Array.isArray(doc.downloads)) {
      throw new PlatformError('malformed', `npm downloads API answered /${path} without a "downloads" list`);
    }
    const downloads = doc.downloads.flatMap((entry) =>
      isRecord(entry) && typeof entry.day === 'string' && typeof entry.downloads === 'number' ? [{ day: entry.day, downloads: entry.downloads }] : [],
    );
    return { start: typeof doc.start === 'string' ? doc.start : '', end: typeof doc.end === 'string' ? doc.end : '', downloads };
  }
}

/** `@scope/name` is requested as `@scope%2Fname`, as the registry documents. */
export function encodePackageName(name: string): string {
  return name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name);
}

function stringRecord(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
