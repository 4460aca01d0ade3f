/**
 * OSS Insight public API client (repo-country-organizations): per repository, where the people who open issues,
 * open pull requests and star it come from, by country and by organization. GitHub repositories only (OSS
 * Insight indexes GH Archive). No key; the public API is rate-limited per client address.
 */
import type { Config } from '../../config/schema.js';
import { PlatformError } from '../errors.js';
import { ServiceClient, isRecord } from './http-json.js';

export const OSS_INSIGHT_ROLES = ['issue_creators', 'pull_request_creators', 'stargazers'] as const;
export const OSS_INSIGHT_DIMENSIONS = ['countries', 'organizations'] as const;
export type OssInsightRole = (typeof OSS_INSIGHT_ROLES)[number];
export type OssInsightDimension = (typeof OSS_INSIGHT_DIMENSIONS)[number];

export class OssInsightClient {
  private readonly client: ServiceClient;

  constructor(options: { apiUrl: string; timeoutMs: number }) {
    this.client = new ServiceClient({ service: 'OSS Insight', baseUrl: options.apiUrl, timeoutMs: options.timeoutMs });
  }

  static fromConfig(config: Config): OssInsightClient {
    return new OssInsightClient({ apiUrl: config.OSSInsight.api_url, timeoutMs: config.OSSInsight.timeout_s * 1000 });
  }

  /**
   * `GET /repos/{owner}/{repo}/{role}/{dimension}/` and its `data` object (`{columns, rows, result}`), as the
   * public API's `sql_endpoint` envelope carries it.
   */
  async breakdown(owner: string, repo: string, role: OssInsightRole, dimension: OssInsightDimension, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const path = `repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/${role}/${dimension}/`;
    const { data } = await this.client.json(path, { signal });
    if (!isRecord(data) || !isRecord(data.data) || !Array.isArray(data.data.rows)) {
      throw new PlatformError('malformed', `OSS Insight answered /${path} without a "data.rows" list`);
    }
    return data.data;
  }
}
