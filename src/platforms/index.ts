/**
 * The platform client for a project URL, configured from `[Github]`, `[Gitee]`, `[GitCode]` (`api_url`,
 * `access_key`) — or with the task's own token where a command uses the caller's rights (webhooks).
 */
import type { Config } from '../config/schema.js';
import type { SharedCache } from '../lib/shared-cache.js';
import { GitHubClient } from './github.js';
import { parseRepoUrl, type RepoRef } from './repo-url.js';
import type { PlatformClient } from './types.js';
import { V5Client } from './v5.js';

export { PlatformError } from './errors.js';
export { parseRepoUrl, tryParseRepoUrl, RepoUrlError, PLATFORM_LABEL, type RepoRef, type PlatformName } from './repo-url.js';
export type { PlatformClient, Release, ReleaseAsset, RepositoryInfo, Contributor, Commit, WorkflowRun } from './types.js';
export { GitHubClient } from './github.js';

export interface ClientOptions {
  readonly config: Config;
  readonly cache: SharedCache;
  readonly signal: AbortSignal;
  /** A token to use instead of the configured access_key (the task's access_token). */
  readonly token?: string | null;
  readonly timeoutMs?: number;
  readonly maxRateLimitWaitMs?: number;
}

export function platformSettings(config: Config, ref: RepoRef): { baseUrl: string; token: string } {
  switch (ref.platform) {
    case 'github':
      return { baseUrl: config.Github.api_url, token: config.Github.access_key };
    case 'gitee':
      return { baseUrl: config.Gitee.api_url, token: config.Gitee.access_key };
    case 'gitcode':
      return { baseUrl: config.GitCode.api_url, token: config.GitCode.access_key };
  }
}

export function clientFor(ref: RepoRef, options: ClientOptions): PlatformClient {
  const settings = platformSettings(options.config, ref);
  const common = {
    baseUrl: settings.baseUrl,
    token: options.token !== undefined ? options.token : settings.token || null,
    cache: options.cache,
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    maxRateLimitWaitMs: options.maxRateLimitWaitMs,
  };
  return ref.platform === 'github' ? new GitHubClient(ref, common) : new V5Client(ref, common);
}

/** Parses the project URL and builds its client; throws RepoUrlError for URLs of other hosts. */
export function platformClient(projectUrl: string, options: ClientOptions): PlatformClient {
  return clientFor(parseRepoUrl(projectUrl), options);
}

export function gitHubClient(ref: RepoRef, options: ClientOptions): GitHubClient {
  const client = clientFor(ref, options);
  if (!(client instanceof GitHubClient)) throw new Error(`${ref.platform} is not GitHub`);
  return client;
}
