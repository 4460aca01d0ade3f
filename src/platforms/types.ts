/**
 * One interface over GitHub, Gitee and GitCode: the facts commands need, in one shape whatever the platform
 * calls them (Gitee's `license` is a string and GitHub's an object; Gitee releases have no `draft`; GitCode
 * user ids are strings). Raw objects stay available where a command returns them verbatim (webhooks).
 */
import type { Json } from '../lib/json.js';
import type { ApiClient } from './api-client.js';
import type { RepoRef } from './repo-url.js';

export interface RepositoryInfo {
  readonly fullName: string;
  readonly description: string | null;
  readonly homepage: string | null;
  readonly htmlUrl: string | null;
  readonly defaultBranch: string | null;
  readonly createdAt: string | null;
  readonly updatedAt: string | null;
  readonly pushedAt: string | null;
  readonly archived: boolean;
  readonly fork: boolean;
  readonly stars: number | null;
  readonly forks: number | null;
  readonly openIssues: number | null;
  /** SPDX id on GitHub and Gitee; GitCode's own spelling (`Apache_License_v2.0`). */
  readonly license: string | null;
}

export interface ReleaseAsset {
  readonly name: string;
  readonly downloadUrl: string | null;
  readonly size: number | null;
  /** The digest the platform computed at upload, `sha256:<hex>` (GitHub since 2025); absent elsewhere. */
  readonly digest?: string | null;
}

export interface Release {
  readonly tag: string;
  readonly name: string | null;
  readonly body: string;
  /** Gitee and GitCode have no drafts: always false there. */
  readonly draft: boolean;
  readonly prerelease: boolean;
  readonly createdAt: string | null;
  readonly publishedAt: string | null;
  readonly assets: readonly ReleaseAsset[];
  /** Source archive (zip) of the release, or null when the platform offers none. */
  readonly archiveUrl: string | null;
}

export interface Contributor {
  /** Null for GitHub's anonymous contributors and Gitee/GitCode entries (they carry name and email only). */
  readonly login: string | null;
  readonly name: string | null;
  readonly contributions: number;
}

export interface Commit {
  readonly sha: string;
  readonly authorDate: string | null;
  readonly committerDate: string | null;
  readonly authorLogin: string | null;
  readonly committerLogin: string | null;
}

/** A GitHub Actions workflow run (`GET /repos/{o}/{r}/actions/runs`). */
export interface WorkflowRun {
  readonly id: number;
  /** The workflow's name (or the run's when the workflow has none). */
  readonly name: string;
  /** The workflow file, `.github/workflows/ci.yml` (`dynamic/...` for GitHub-managed workflows). */
  readonly path: string | null;
  readonly headBranch: string | null;
  readonly headSha: string | null;
  readonly event: string;
  /** `queued`, `in_progress`, `completed`, ... */
  readonly status: string | null;
  /** `success`, `failure`, `cancelled`, `skipped`, `timed_out`, `neutral`, `action_required`, `startup_failure`, `stale`, or null while running. */
  readonly conclusion: string | null;
  readonly createdAt: string | null;
  readonly runAttempt: number | null;
  readonly htmlUrl: string | null;
}

export interface PlatformClient {
  readonly ref: RepoRef;
  /** The HTTP client, for platform-specific calls. */
  readonly api: ApiClient;
  repository(): Promise<RepositoryInfo>;
  /** Every release, newest first, all pages. */
  releases(): Promise<Release[]>;
  contributors(options?: { maxItems?: number }): Promise<Contributor[]>;
  /** Webhooks as the platform returns them (needs admin rights); never cached. */
  hooks(): Promise<Array<{ [key: string]: Json }>>;
  commits(options?: { since?: Date; maxItems?: number }): Promise<Commit[]>;
  /** URL and headers for downloading `url`: credentials are added only for the API's own host. */
  authorizeDownload(url: string): { url: string; headers: Record<string, string> };
}
