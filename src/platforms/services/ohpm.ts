/**
 * OHPM (OpenHarmony package manager) m2m API client: `POST /ohpm/m2m/package/info`, signed with the AK/SK scheme
 * of aksk.ts exactly as upstream sends it — the body serialised like Python's `json.dumps`, no Content-Type, and
 * the query parameter `param0=<path>` in the signature only (the request itself carries no query string).
 */
import { PlatformError } from '../errors.js';
import { ServiceClient, isRecord } from './http-json.js';
import { pythonJsonDumps, signAksk } from './aksk.js';

export const PACKAGE_INFO_PATH = '/ohpm/m2m/package/info';

export interface OhpmPackageInfo {
  downloadCount: unknown;
  dependencyCount: unknown;
  dependentCount: unknown;
}

export interface OhpmClientOptions {
  apiUrl: string;
  accessKey: string;
  secretKey: string;
  timeoutMs: number;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
}

export class OhpmClient {
  private readonly client: ServiceClient;

  constructor(private readonly options: OhpmClientOptions) {
    this.client = new ServiceClient({ service: 'OHPM', baseUrl: options.apiUrl, timeoutMs: options.timeoutMs });
  }

  /** The packages OHPM maps to a repository address (an empty list when none). */
  async packageInfo(repoAddress: string, signal?: AbortSignal): Promise<OhpmPackageInfo[]> {
    const body = pythonJsonDumps({ repoAddress, packageName: '', metaDataVersion: 'v2' });
    const { header } = signAksk({
      accessKey: this.options.accessKey,
      secretKey: this.options.secretKey,
      method: 'POST',
      path: PACKAGE_INFO_PATH,
      query: { param0: PACKAGE_INFO_PATH.slice(1) },
      body,
      timestamp: String((this.options.now ?? Date.now)()),
    });
    // Retries (after 429/5xx) reuse this signature: they follow within seconds, well inside any timestamp window.
    const response = await this.client.json(PACKAGE_INFO_PATH, { method: 'POST', body, headers: { authorization: header }, signal });
    const doc = response.data;
    if (!isRecord(doc) || !Array.isArray(doc.body)) {
      throw new PlatformError('malformed', `OHPM answered ${PACKAGE_INFO_PATH} without a "body" list`);
    }
    return doc.body.filter(isRecord).map((entry) => ({
      downloadCount: entry.downloadCount,
      dependencyCount: entry.dependencyCount,
      dependentCount: entry.dependentCount,
    }));
  }
}
