/**
 * OpenSSF Best Practices badge API client (bestpractices-checker): `GET /projects.json?url=<url>` lists the
 * badge projects whose repository or home page URL is exactly that URL (a JSON array, empty when none).
 */
import type { Config } from '../../config/schema.js';
import { PlatformError } from '../errors.js';
import { ServiceClient, isRecord } from './http-json.js';

export class BestPracticesClient {
  private readonly client: ServiceClient;

  constructor(options: { apiUrl: string; timeoutMs: number }) {
    this.client = new ServiceClient({ service: 'OpenSSF Best Practices API', baseUrl: options.apiUrl, timeoutMs: options.timeoutMs });
  }

  static fromConfig(config: Config): BestPracticesClient {
    return new BestPracticesClient({ apiUrl: config.BestPractices.api_url, timeoutMs: config.BestPractices.timeout_s * 1000 });
  }

  /** The badge projects registered for `url` (first page, as upstream). */
  async projectsFor(url: string, signal?: AbortSignal): Promise<Record<string, unknown>[]> {
    const { data } = await this.client.json('projects.json', { query: { url }, signal });
    if (!Array.isArray(data)) {
      throw new PlatformError('malformed', 'OpenSSF Best Practices API answered /projects.json with something other than a list of projects');
    }
    return data.filter(isRecord);
  }
}
