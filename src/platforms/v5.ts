/**
 * Gitee API v5 and GitCode API v5: GitCode mirrors Gitee's v5 API (same paths, field names and hook shape), so
 * one adapter serves both; the differences are the base URL, how the token travels and the source archive.
 * - Gitee: token as `access_token` query parameter (its documented way); lists report `total_page`/`total_count`
 *   headers; the source zip is `GET /repos/{o}/{r}/zipball?ref=<tag>`.
 * - GitCode: token as `Authorization: Bearer` (documented; keeps it out of URLs and logs); pages end with a short
 *   page; the release's own assets list the generated source archives (`…/-/archive/<tag>/<repo>-<tag>.zip`).
 */
import type { Json } from '../lib/json.js';
import { ApiClient, type ApiClientOptions } from './api-client.js';
import { repositoryInfo, sameOrigin } from './github.js';
import { asList, asObject, bool, child, num, str } from './json.js';
import type { RepoRef } from './repo-url.js';
import type { Commit, Contributor, PlatformClient, Release, ReleaseAsset, RepositoryInfo } from './types.js';

export class V5Client implements PlatformClient {
  readonly api: ApiClient;
  private readonly repoPath: string;
  private readonly label: 'Gitee' | 'GitCode';
  private readonly baseUrl: string;

  constructor(
    readonly ref: RepoRef,
    options: Omit<ApiClientOptions, 'label' | 'auth' | 'headers'> & { token: string | null },
  ) {
    this.label = ref.platform === 'gitee' ? 'Gitee' : 'GitCode';
    const token = options.token || null;
    this.api = new ApiClient({
      ...options,
      label: this.label,
      auth: token ? (ref.platform === 'gitee' ? { query: ['access_token', token] } : { header: ['authorization', `Bearer ${token}`] }) : null,
    });
    this.repoPath = `repos/${encodeURIComponent(ref.owner)}/${encodeURIComponent(ref.repo)}`;
    this.baseUrl = options.baseUrl;
  }

  private path(suffix = ''): string {
    return suffix ? `${this.repoPath}/${suffix}` : this.repoPath;
  }

  async repository(): Promise<RepositoryInfo> {
    const repo = asObject((await this.api.request(this.path())).data, `${this.label} repository`);
    return repositoryInfo(repo, this.ref);
  }

  async releases(): Promise<Release[]> {
    const { items } = await this.api.list(this.path('releases'), { maxPages: 100 });
    return items.map((item) => {
      const release = asObject(item, `${this.label} release`);
      const tag = str(release, 'tag_name') ?? '';
      const assets: ReleaseAsset[] = asList(release.assets ?? [], `${this.label} release assets`).map((entry) => {
        const asset = asObject(entry, `${this.label} release asset`);
        const url = str(asset, 'browser_download_url');
        return { name: str(asset, 'name') ?? (url ? decodeURIComponent(url.split('/').pop() ?? '') : ''), downloadUrl: url, size: num(asset, 'size') };
      });
      return {
        tag,
        name: str(release, 'name'),
        body: str(release, 'body') ?? '',
        draft: bool(release, 'draft'),
        prerelease: bool(release, 'prerelease'),
        createdAt: str(release, 'created_at'),
        publishedAt: str(release, 'published_at') ?? str(release, 'created_at'),
        assets,
        archiveUrl: this.archiveUrl(tag, assets),
      };
    });
  }

  private archiveUrl(tag: string, assets: readonly ReleaseAsset[]): string | null {
    if (!tag) return null;
    if (this.ref.platform === 'gitee') return this.api.url(this.path('zipball'), { ref: tag }).toString();
    const source = assets.find((asset) => asset.downloadUrl?.includes('/-/archive/') && asset.name.toLowerCase().endsWith('.zip'));
    return source?.downloadUrl ?? null;
  }

  async contributors(options: { maxItems?: number } = {}): Promise<Contributor[]> {
    const { items } = await this.api.list(this.path('contributors'), { maxItems: options.maxItems });
    return items.map((item) => {
      const entry = asObject(item, `${this.label} contributor`);
      return { login: str(entry, 'login'), name: str(entry, 'name'), contributions: num(entry, 'contributions') ?? 0 };
    });
  }

  async hooks(): Promise<Array<{ [key: string]: Json }>> {
    const { items } = await this.api.list(this.path('hooks'), { cache: false });
    return items.map((item) => asObject(item, `${this.label} webhook`));
  }

  async commits(options: { since?: Date; maxItems?: number } = {}): Promise<Commit[]> {
    const { items } = await this.api.list(this.path('commits'), {
      query: { since: options.since?.toISOString() },
      maxItems: options.maxItems,
      maxPages: 20,
    });
    return items.map((item) => {
      const entry = asObject(item, `${this.label} commit`);
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

  authorizeDownload(url: string): { url: string; headers: Record<string, string> } {
    const headers: Record<string, string> = { 'user-agent': 'OpenChecker' };
    if (!sameOrigin(url, this.baseUrl)) return { url, headers };
    const auth = this.api.authHeader();
    if (auth) headers[auth[0]] = auth[1];
    // Gitee's token travels in the query.
    const query = this.api.authQuery();
    if (!query) return { url, headers };
    const target = new URL(url);
    target.searchParams.set(query[0], query[1]);
    return { url: target.toString(), headers };
  }
}
