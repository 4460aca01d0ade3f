/**
 * The ten criticality signals from GitHub's REST API. Counts cost one call each: a list asked for one item per
 * page has as many pages as items, and GitHub's `rel="last"` link names the last page. Calls run in parallel
 * and are answered from the ETag cache when nothing changed since an earlier task.
 *
 * Differences from the Python tool, each for a reason:
 * - commit_frequency counts the commits of the last 52 weeks on the default branch (one call) instead of the
 *   commit-activity statistics endpoint, which answers 202 "computing" on a cold cache; same quantity.
 * - org_count reads the top contributors' companies in one GraphQL query when a token is configured.
 * - dependents_count is the `total_count` of GitHub's commit search for `"owner/repo"` through the API, the
 *   same search the tool scraped from the web page (whose HTML changed and now yields 0).
 */
import { PlatformError, type GitHubClient } from '../../platforms/index.js';
import { asObject, num, str } from '../../platforms/json.js';
import {
  ISSUE_LOOKBACK_DAYS,
  SIGNALS,
  TOP_CONTRIBUTOR_COUNT,
  monthsSince,
  normaliseCompany,
  recentReleases,
  roundTo,
  type Signals,
} from './score.js';

export async function collectSignals(client: GitHubClient, now = new Date()): Promise<Signals> {
  // Cut-offs start at the full hour, so tasks within the same hour ask the same URLs and the ETag cache answers.
  const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  const repo = await client.repository();
  if (!repo.createdAt) throw new PlatformError('malformed', 'GitHub repository has no created_at');
  const created = new Date(repo.createdAt);
  const issuesSince = new Date(hour.getTime() - ISSUE_LOOKBACK_DAYS * 86_400_000).toISOString();

  const createdSince = (async () => {
    let creation = created;
    // Commits older than the repository: it lived elsewhere before, so its history starts at the first commit.
    if ((await client.count('commits', { until: created.toISOString() })) > 0) {
      const first = await firstCommitDate(client);
      if (first && first < creation) creation = first;
    }
    return monthsSince(creation, now);
  })();

  const [created_since, updated_since, contributor_count, org_count, commit_frequency, updated_issues_count, closed_issues_count, comments, dependents_count, releases] =
    await Promise.all([
      createdSince,
      lastCommitMonths(client, now),
      client.count('contributors', { anon: 'true' }).catch(capWhenTooLarge(SIGNALS.contributor_count.threshold)),
      orgCount(client).catch(capWhenTooLarge(SIGNALS.org_count.threshold)),
      client.count('commits', { since: new Date(hour.getTime() - 365 * 86_400_000).toISOString() }).then((count) => roundTo(count / 52, 1)),
      client.count('issues', { state: 'all', since: issuesSince }),
      client.count('issues', { state: 'closed', since: issuesSince }),
      client.count('issues/comments', { since: issuesSince }),
      dependentsCount(client),
      client.releases(),
    ]);
  const recent_releases_count = await recentReleases(
    releases.map((release) => new Date(release.createdAt ?? 0)),
    await createdSince,
    () => client.count('tags'),
    now,
  );
  return {
    created_since,
    updated_since,
    contributor_count,
    org_count,
    commit_frequency,
    recent_releases_count,
    updated_issues_count,
    closed_issues_count,
    comment_frequency: updated_issues_count === 0 ? 0 : roundTo(comments / updated_issues_count, 1),
    dependents_count,
  };
}

async function lastCommitMonths(client: GitHubClient, now: Date): Promise<number> {
  const [last] = await client.commits({ maxItems: 1 });
  const date = last?.authorDate ?? last?.committerDate;
  // An empty repository (GitHub answers 409) has no commits: treat it as not updated for the threshold's span.
  return date ? monthsSince(new Date(date), now) : SIGNALS.updated_since.threshold;
}

async function firstCommitDate(client: GitHubClient): Promise<Date | null> {
  const total = await client.count('commits');
  if (total === 0) return null;
  const response = await client.api.request(client.path('commits'), { query: { per_page: 1, page: total } });
  const list = Array.isArray(response.data) ? response.data : [];
  const commit = list.length > 0 ? asObject(asObject(list[list.length - 1], 'GitHub commit').commit, 'GitHub commit') : null;
  const committer = commit ? asObject(commit.committer, 'GitHub commit committer') : null;
  const date = str(committer, 'date');
  return date ? new Date(date) : null;
}

/** Distinct companies of the top contributors (one GraphQL query with a token, else one cached call per user). */
async function orgCount(client: GitHubClient): Promise<number> {
  const top = (await client.api.list(client.path('contributors'), { perPage: TOP_CONTRIBUTOR_COUNT, maxItems: TOP_CONTRIBUTOR_COUNT, maxPages: 1 })).items;
  const logins = top.map((entry) => str(asObject(entry, 'GitHub contributor'), 'login')).filter((login): login is string => login !== null);
  const users = await client.users(logins);
  return new Set(users.map((user) => user.company).filter((company): company is string => company !== null).map(normaliseCompany)).size;
}

async function dependentsCount(client: GitHubClient): Promise<number> {
  const response = await client.api.request('search/commits', {
    query: { q: `"${client.ref.owner}/${client.ref.repo}"`, per_page: 1 },
    accept: [422],
  });
  if (response.status === 422) return 0;
  return num(asObject(response.data, 'GitHub commit search'), 'total_count') ?? 0;
}

/** GitHub refuses to list contributors of very large repositories (403): the tool capped the signal there. */
function capWhenTooLarge(cap: number): (err: unknown) => number {
  return (err) => {
    if (err instanceof PlatformError && err.kind === 'forbidden') return cap;
    throw err;
  };
}
