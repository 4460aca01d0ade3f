/**
 * GitHub REST v3 (and GraphQL for queries that would otherwise take one REST call per item). Base URL from
 * `[Github] api_url`; a GitHub Enterprise base `https://<host>/api/v3` has GraphQL at `/api/graphql`.
 */
import type { Json } from '../lib/json.js';
import { ApiClient, type ApiClientOptions } from './api-client.js';
import { PlatformError } from './errors.js';
import { asList, asObject, bool, child, num, str, text, type JsonObject } from './json.js';
import type { RepoRef } from './repo-url.js';
import type { Commit, Contributor, PlatformClient, Release, RepositoryInfo, WorkflowRun } from './types.js';

export class GitHubClient implements PlatformClient {
  readonly api: ApiClient;
  private readonly repoPath: string;

  constructor(
    readonly ref: RepoRef,
    options: Omit<ApiClientOptions, 'label' | 'auth' | 'headers'> & { token: string | null },
  ) {
    this.api = new ApiClient({
      ...options,
      label: 'GitHub',
      auth: options.token ? { header: ['authorization', `Bearer ${options.token}`] } : null,
      headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
    });
    this.repoPath = `repos/${encodeURIComponent(ref.owner)}/${encodeURIComponent(ref.repo)}`;
    this.authenticated = options.token !== null && options.token !== '';
    this.baseUrl = options.baseUrl;
  }

  readonly authenticated: boolean;
  private readonly baseUrl: string;

  path(suffix = ''): string {
    return suffix ? `${this.repoPath}/${suffix}` : this.repoPath;
  }

  async repository(): Promise<RepositoryInfo> {
    const repo = asObject((await this.api.request(this.path())).data, 'GitHub repository');
    return repositoryInfo(repo, this.ref);
  }

  async releases(): Promise<Release[]> {
    const { items } = await this.api.list(this.path('releases'), { maxPages: 100 });
    return items.map((item) => {
      const release = asObject(item, 'GitHub release');
      const tag = str(release, 'tag_name') ?? '';
      return {
        tag,
        name: str(release, 'name'),
        body: str(release, 'body') ?? '',
        draft: bool(release, 'draft'),
        prerelease: bool(release, 'prerelease'),
        createdAt: str(release, 'created_at'),
        publishedAt: str(release, 'published_at'),
        assets: asList(release.assets ?? [], 'GitHub release assets').map((entry) => {
          const asset = asObject(entry, 'GitHub release asset');
          return { name: str(asset, 'name') ?? '', downloadUrl: str(asset, 'browser_download_url'), size: num(asset, 'size'), digest: str(asset, 'digest') };
        }),
        archiveUrl: str(release, 'zipball_url') ?? (tag ? this.api.url(this.path(`zipball/${encodeURIComponent(tag)}`)).toString() : null),
      };
    });
  }

  async contributors(options: { maxItems?: number } = {}): Promise<Contributor[]> {
    const { items } = await this.api.list(this.path('contributors'), { query: { anon: 1 }, maxItems: options.maxItems });
    return items.map((item) => {
      const entry = asObject(item, 'GitHub contributor');
      return { login: str(entry, 'login'), name: str(entry, 'name'), contributions: num(entry, 'contributions') ?? 0 };
    });
  }

  async hooks(): Promise<Array<{ [key: string]: Json }>> {
    const { items } = await this.api.list(this.path('hooks'), { cache: false });
    return items.map((item) => asObject(item, 'GitHub webhook'));
  }

  async commits(options: { since?: Date; maxItems?: number } = {}): Promise<Commit[]> {
    let items: unknown[];
    try {
      ({ items } = await this.api.list(this.path('commits'), { query: { since: options.since?.toISOString() }, maxItems: options.maxItems, maxPages: 20 }));
    } catch (err) {
      if (isEmptyRepository(err)) return [];
      throw err;
    }
    return items.map((item) => {
      const entry = asObject(item, 'GitHub commit');
      const commit = child(entry, 'commit');
      return {
        sha: str(entry, 'sha') ?? '',
        authorDate: str(child(commit, 'author'), 'date'),
        committerDate: str(child(commit, 'committer'), 'date'),
        authorLogin: str(child(entry, 'author'), 'login'),
        committerLogin: str(child(entry, 'committer'), 'login'),
      };
    });
  }

  /**
   * Completed GitHub Actions runs, newest first: of `branch`, created on or after `since`, at most `maxRuns`
   * (GitHub serves at most 1,000 results of a filtered list). The list answers `{total_count, workflow_runs}`,
   * not a bare array, so it is paged here; a short page ends it.
   */
  async workflowRuns(options: { branch: string; since: Date; maxRuns: number }): Promise<{ runs: WorkflowRun[]; totalCount: number | null }> {
    const perPage = Math.min(100, Math.max(1, options.maxRuns));
    const runs: WorkflowRun[] = [];
    let totalCount: number | null = null;
    for (let page = 1; runs.length < options.maxRuns && page <= 10; page++) {
      const query = { branch: options.branch, status: 'completed', created: `>=${options.since.toISOString().slice(0, 10)}`, exclude_pull_requests: 'true', per_page: perPage, page };
      const body = asObject((await this.api.request(this.path('actions/runs'), { query })).data, 'GitHub workflow runs');
      totalCount ??= num(body, 'total_count');
      const items = asList(body.workflow_runs ?? [], 'GitHub workflow runs');
      for (const item of items) runs.push(workflowRun(asObject(item, 'GitHub workflow run')));
      if (items.length < perPage) break;
    }
    return { runs: runs.slice(0, options.maxRuns), totalCount };
  }

  /**
   * The repository's security advisories (`GET /repos/{o}/{r}/security-advisories`), as GitHub returns them:
   * published ones for anyone, drafts, triage and closed ones for a token of a maintainer. Never cached by ETag
   * (drafts are confidential).
   */
  async securityAdvisories(): Promise<JsonObject[]> {
    const { items } = await this.api.list(this.path('security-advisories'), { cache: false, maxPages: 10 });
    return items.map((item) => asObject(item, 'GitHub security advisory'));
  }

  /** Counts items of a list endpoint of this repository in one call (commits of an empty repository: 0). */
  async count(suffix: string, query: Record<string, string | number | undefined> = {}): Promise<number> {
    try {
      return await this.api.count(this.path(suffix), query);
    } catch (err) {
      if (isEmptyRepository(err)) return 0;
      throw err;
    }
  }

  authorizeDownload(url: string): { url: string; headers: Record<string, string> } {
    const headers: Record<string, string> = { 'user-agent': 'OpenChecker' };
    const auth = this.api.authHeader();
    if (auth && sameOrigin(url, this.baseUrl)) headers[auth[0]] = auth[1];
    return { url, headers };
  }

  /**
   * Company and organisations of each user. With a token: one GraphQL query for all of them (aliases); without
   * (GitHub refuses anonymous GraphQL): one REST call per user, organisations left empty.
   */
  async users(logins: readonly string[]): Promise<Array<{ login: string; company: string | null; organizations: string[] }>> {
    if (logins.length === 0) return [];
    if (!this.authenticated) {
      return Promise.all(
        logins.map(async (login) => {
          const user = asObject((await this.api.request(`users/${encodeURIComponent(login)}`)).data, 'GitHub user');
          return { login, company: text(user, 'company'), organizations: [] };
        }),
      );
    }
    // Logins are [A-Za-z0-9-]; JSON string syntax is GraphQL string syntax for them.
    const query = `query { ${logins.map((login, index) => `u${index}: user(login: ${JSON.stringify(login)}) { company organizations(first: 20) { nodes { login } } }`).join(' ')} }`;
    const data = await this.graphql(query, {});
    return logins.map((login, index) => {
      const user = child(data, `u${index}`);
      const orgs = child(user, 'organizations');
      const nodes = Array.isArray(orgs?.nodes) ? orgs.nodes : [];
      return {
        login,
        company: text(user, 'company'),
        organizations: nodes.map((node) => (node && typeof node === 'object' && !Array.isArray(node) ? str(node, 'login') : null)).filter((name): name is string => name !== null),
      };
    });
  }

  /** The GraphQL endpoint beside the REST base. */
  graphqlPath(): string {
    const base = new URL(this.baseUrl);
    return /\/api\/v3\/?$/.test(base.pathname) ? new URL('/api/graphql', base).toString() : 'graphql';
  }

  /** Runs a GraphQL query (needs a token: GitHub refuses anonymous GraphQL). */
  async graphql(query: string, variables: Record<string, Json>): Promise<JsonObject> {
    if (!this.authenticated) throw new PlatformError('unauthorized', 'GitHub GraphQL needs a token: configure [Github] access_key');
    const response = await this.api.request(this.graphqlPath(), { method: 'POST', body: { query, variables } });
    const body = asObject(response.data, 'GitHub GraphQL answer');
    const errors = Array.isArray(body.errors) ? body.errors : [];
    if (errors.length > 0) {
      const first = errors[0];
      const message = first && typeof first === 'object' && !Array.isArray(first) ? str(first, 'message') : null;
      const type = first && typeof first === 'object' && !Array.isArray(first) ? str(first, 'type') : null;
      if (type === 'NOT_FOUND') throw new PlatformError('not_found', `GitHub GraphQL: ${message ?? 'not found'}`, 404);
      if (type === 'RATE_LIMITED') throw new PlatformError('rate_limited', `GitHub GraphQL rate limit exceeded: ${message ?? ''}`.trim(), 403);
      throw new PlatformError('http', `GitHub GraphQL error: ${message ?? JSON.stringify(first)}`);
    }
    return asObject(body.data, 'GitHub GraphQL data');
  }
}

function workflowRun(run: JsonObject): WorkflowRun {
  return {
    id: num(run, 'id') ?? 0,
    name: str(run, 'name') ?? str(run, 'display_title') ?? '',
    path: str(run, 'path'),
    headBranch: str(run, 'head_branch'),
    headSha: str(run, 'head_sha'),
    event: str(run, 'event') ?? '',
    status: str(run, 'status'),
    conclusion: str(run, 'conclusion'),
    createdAt: str(run, 'created_at'),
    runAttempt: num(run, 'run_attempt'),
    htmlUrl: str(run, 'html_url'),
  };
}

/** GitHub answers 409 "Git Repository is empty." for the commits of a repository without any. */
function isEmptyRepository(err: unknown): boolean {
  return err instanceof PlatformError && err.status === 409;
}

export function sameOrigin(url: string, base: string): boolean {
  try {
    return new URL(url).origin === new URL(base).origin;
  } catch {
    return false;
  }
}

/**
 * A repository object in GitHub's v3 shape, which Gitee and GitCode v5 follow: `web_url` stands in for a
 * missing `html_url`, and a `license` given as a plain string (v5) for GitHub's `license.spdx_id`.
 */
export function repositoryInfo(repo: JsonObject, ref: RepoRef): RepositoryInfo {
  const license = repo.license;
  return {
    fullName: str(repo, 'full_name') ?? `${ref.owner}/${ref.repo}`,
    description: text(repo, 'description'),
    homepage: text(repo, 'homepage'),
    htmlUrl: str(repo, 'html_url') ?? str(repo, 'web_url'),
    defaultBranch: str(repo, 'default_branch'),
    createdAt: str(repo, 'created_at'),
    updatedAt: str(repo, 'updated_at'),
    pushedAt: str(repo, 'pushed_at'),
    archived: bool(repo, 'archived'),
    fork: bool(repo, 'fork'),
    stars: num(repo, 'stargazers_count'),
    forks: num(repo, 'forks_count'),
    openIssues: num(repo, 'open_issues_count'),
    license: typeof license === 'string' && license !== '' ? license : str(child(repo, 'license'), 'spdx_id'),
  };
}
