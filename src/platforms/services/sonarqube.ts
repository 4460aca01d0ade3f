/**
 * SonarQube Web API client (sonar-scanner): project search/create, compute-engine task status and measures.
 * Authentication is HTTP Basic with `[SonarQube] username/password` as upstream, or the token as the user name
 * (SonarQube's documented form for tokens) when no user name is configured.
 */
import { isIP } from 'node:net';
import type { Config } from '../../config/schema.js';
import { PlatformError } from '../errors.js';
import { ServiceClient, isRecord } from './http-json.js';

/** The metrics upstream asks for, in its order. */
export const SONAR_METRIC_KEYS = [
  'coverage',
  'complexity',
  'duplicated_lines_density',
  'lines',
  'reliability_rating',
  'sqale_rating',
  'security_rating',
  'security_review_rating',
] as const;

/** A compute-engine task; `status` is PENDING, IN_PROGRESS, SUCCESS, FAILED or CANCELED. */
export interface CeTask {
  id: string;
  status: string;
  errorMessage?: string;
  [key: string]: unknown;
}

/**
 * Upstream's `_build_sonar_url`: a host with a scheme is used as is; an IP address (and `localhost`, which
 * upstream would have sent to https) gets `http://ip[:port]`; a domain gets `https://host` (with `:port` unless
 * the port is unset or 443). Upstream wrote `:None` for an unset port on domains; that is not reproduced.
 */
export function sonarBaseUrl(host: string, port: number | null): string {
  const value = host.trim().replace(/\/+$/, '');
  if (/^https?:\/\//i.test(value)) return value;
  const bare = value.replace(/^\[|\]$/g, '');
  if (isIP(bare) || bare.toLowerCase() === 'localhost') {
    const shown = isIP(bare) === 6 ? `[${bare}]` : bare;
    return `http://${shown}${port !== null ? `:${port}` : ''}`;
  }
  return `https://${value}${port !== null && port !== 443 ? `:${port}` : ''}`;
}

export class SonarQubeClient {
  readonly baseUrl: string;
  private readonly client: ServiceClient;

  constructor(options: { baseUrl: string; username: string; password: string; token: string; timeoutMs: number }) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    const user = options.username || options.token;
    const password = options.username ? options.password : '';
    const headers: Record<string, string> = user ? { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } : {};
    this.client = new ServiceClient({ service: 'SonarQube', baseUrl: this.baseUrl, timeoutMs: options.timeoutMs, headers });
  }

  static fromConfig(config: Config): SonarQubeClient {
    const sonar = config.SonarQube;
    return new SonarQubeClient({
      baseUrl: sonarBaseUrl(sonar.host, sonar.port),
      username: sonar.username,
      password: sonar.password,
      token: sonar.token,
      timeoutMs: sonar.request_timeout_s * 1000,
    });
  }

  async projectExists(key: string, signal?: AbortSignal): Promise<boolean> {
    const { data } = await this.client.json('api/projects/search', { query: { projects: key }, signal });
    const paging = isRecord(data) && isRecord(data.paging) ? data.paging : null;
    if (!paging || typeof paging.total !== 'number') throw malformed('api/projects/search', '"paging.total"');
    return paging.total > 0;
  }

  /** Creates the project; one that already exists (created meanwhile by another agent) is fine. */
  async createProject(key: string, signal?: AbortSignal): Promise<void> {
    const response = await this.client.call('api/projects/create', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ project: key, name: key }).toString(),
      accept: [400],
      signal,
    });
    if (response.status === 400 && !/already exists/i.test(response.text)) {
      const detail = response.text.length > 300 ? `${response.text.slice(0, 300)}…` : response.text;
      throw new PlatformError('http', `SonarQube refused to create project ${key} (HTTP 400): ${detail}`, 400);
    }
  }

  /** `GET /api/ce/task?id=` → the task. */
  async ceTask(id: string, signal?: AbortSignal): Promise<CeTask> {
    const { data } = await this.client.json('api/ce/task', { query: { id }, signal });
    const task = isRecord(data) ? data.task : null;
    if (!isRecord(task) || typeof task.status !== 'string') throw malformed('api/ce/task', '"task.status"');
    return { ...task, id: typeof task.id === 'string' ? task.id : id, status: task.status };
  }

  /** `GET /api/ce/component` → whether tasks are queued, and the latest finished one. */
  async ceComponent(key: string, signal?: AbortSignal): Promise<{ queued: number; current: CeTask | null }> {
    const { data } = await this.client.json('api/ce/component', { query: { component: key }, signal });
    if (!isRecord(data) || !Array.isArray(data.queue)) throw malformed('api/ce/component', '"queue"');
    const current = isRecord(data.current) && typeof data.current.status === 'string' ? (data.current as CeTask) : null;
    return { queued: data.queue.length, current };
  }

  /** `GET /api/measures/component` → the response as is (`{"component": {key, name, qualifier, measures}}`). */
  async measures(key: string, metricKeys: readonly string[] = SONAR_METRIC_KEYS, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const { data } = await this.client.json('api/measures/component', { query: { component: key, metricKeys: metricKeys.join(',') }, signal });
    if (!isRecord(data) || !isRecord(data.component) || !Array.isArray(data.component.measures)) throw malformed('api/measures/component', '"component.measures"');
    return data;
  }
}

function malformed(path: string, what: string): PlatformError {
  return new PlatformError('malformed', `SonarQube answered /${path} without ${what}`);
}
