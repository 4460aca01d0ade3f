/**
 * The Scorecard checks that need the GitHub API, scored by Scorecard's documented rules (docs/checks.md and
 * checks/evaluation/ in ossf/scorecard): Branch-Protection, CI-Tests, CII-Best-Practices, Code-Review,
 * Contributors, Maintained, Signed-Releases, Webhooks. They run when the repository is on GitHub and
 * `[Github] access_key` is set; otherwise each is inconclusive (-1) with the reason.
 *
 * Facts are collected once per task and shared by the checks (`collect*`), the scores are pure functions
 * (`evaluate*`). The last 30 commits of the default branch with their pull requests, reviews and CI results
 * come from ONE GraphQL query, as Scorecard does it; over REST that would be 3 calls per commit.
 */
import type { Json } from '../../lib/json.js';
import { findBadgeEntry } from './best-practices.js';
import { isProvenanceAsset, isSignatureAsset } from './release-assets.js';
import { hookHasSecret } from './webhook-secret.js';
import { PlatformError, RepoUrlError, gitHubClient, parseRepoUrl, type GitHubClient, type Release, type RepositoryInfo } from '../../platforms/index.js';
import { asObject, bool, child, num, str, type JsonObject } from '../../platforms/json.js';
import { inconclusive, MAX_SCORE, MIN_SCORE, type CheckOutcome, type ScorecardCheck, type ScorecardInput } from './types.js';

// ---------------------------------------------------------------------------------------------- facts

export interface PullRequestFacts {
  number: number;
  merged: boolean;
  author: string | null;
  mergedBy: string | null;
  reviews: { state: string; author: string | null }[];
  /** CI results on the PR's head commit: check runs (app slug) and commit statuses (context, target URL). */
  checks: { kind: 'check-run' | 'status'; name: string; app: string | null; conclusion: string | null; targetUrl?: string | null }[];
}

export interface ChangesetFacts {
  sha: string;
  message: string;
  author: string | null;
  committedDate: string | null;
  pr: PullRequestFacts | null;
}

const HISTORY_QUERY = `query($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
    defaultBranchRef {
      target {
        ... on Commit {
          history(first: 30) {
            nodes {
              oid
              message
              committedDate
              author { user { login } }
              associatedPullRequests(first: 1) {
                nodes {
                  number
                  merged
                  author { login }
                  mergedBy { login }
                  reviews(last: 30) { nodes { state author { login } } }
                  commits(last: 1) {
                    nodes {
                      commit {
                        statusCheckRollup {
                          contexts(first: 50) {
                            nodes {
                              __typename
                              ... on CheckRun { name conclusion checkSuite { app { slug } } }
                              ... on StatusContext { context state targetUrl }
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}`;

const nodes = (value: JsonObject | null): JsonObject[] => (Array.isArray(value?.nodes) ? value.nodes.filter((n): n is JsonObject => n !== null && typeof n === 'object' && !Array.isArray(n)) : []);
const login = (value: JsonObject | null): string | null => str(value, 'login');

export function parseHistory(data: JsonObject): ChangesetFacts[] {
  const repository = child(data, 'repository');
  const history = child(child(child(repository, 'defaultBranchRef'), 'target'), 'history');
  return nodes(history).map((commit) => {
    const pr = nodes(child(commit, 'associatedPullRequests'))[0] ?? null;
    const head = nodes(child(pr, 'commits'))[0] ?? null;
    const contexts = nodes(child(child(child(head, 'commit'), 'statusCheckRollup'), 'contexts'));
    return {
      sha: str(commit, 'oid') ?? '',
      message: str(commit, 'message') ?? '',
      author: login(child(child(commit, 'author'), 'user')),
      committedDate: str(commit, 'committedDate'),
      pr: pr && {
        number: num(pr, 'number') ?? 0,
        merged: bool(pr, 'merged'),
        author: login(child(pr, 'author')),
        mergedBy: login(child(pr, 'mergedBy')),
        reviews: nodes(child(pr, 'reviews')).map((review) => ({ state: str(review, 'state') ?? '', author: login(child(review, 'author')) })),
        checks: contexts.map((context) =>
          str(context, '__typename') === 'StatusContext'
            ? { kind: 'status' as const, name: str(context, 'context') ?? '', app: null, conclusion: (str(context, 'state') ?? '').toLowerCase(), targetUrl: str(context, 'targetUrl') }
            : { kind: 'check-run' as const, name: str(context, 'name') ?? '', app: str(child(child(context, 'checkSuite'), 'app'), 'slug'), conclusion: (str(context, 'conclusion') ?? '').toLowerCase() || null },
        ),
      },
    };
  });
}

/** The last 30 commits of the default branch with their pull requests, reviews and CI results (one GraphQL query; needs a token). */
export async function defaultBranchChangesets(client: GitHubClient): Promise<ChangesetFacts[]> {
  return parseHistory(await client.graphql(HISTORY_QUERY, { owner: client.ref.owner, name: client.ref.repo }));
}

/** What the API checks of one task share: one client and each fact fetched at most once. */
class GitHubFacts {
  private readonly memo = new Map<string, Promise<unknown>>();
  constructor(readonly client: GitHubClient) {}

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let value = this.memo.get(key) as Promise<T> | undefined;
    if (!value) {
      value = load();
      this.memo.set(key, value);
    }
    return value;
  }

  repository(): Promise<RepositoryInfo> {
    return this.once('repo', () => this.client.repository());
  }
  changesets(): Promise<ChangesetFacts[]> {
    return this.once('history', () => defaultBranchChangesets(this.client));
  }
  releases(): Promise<Release[]> {
    return this.once('releases', () => this.client.releases());
  }
}

/** One run's input shares one GitHubFacts: the checks of a run get the same input object. */
const factsByRun = new WeakMap<ScorecardInput, GitHubFacts | string>();

/** The run's GitHub facts, or why the API checks cannot run. */
function facts(input: ScorecardInput): GitHubFacts | string {
  let entry = factsByRun.get(input);
  if (entry === undefined) {
    entry = (() => {
      let ref;
      try {
        ref = parseRepoUrl(input.projectUrl);
      } catch (err) {
        return err instanceof RepoUrlError ? 'needs a GitHub repository URL' : String(err);
      }
      if (ref.platform !== 'github') return 'needs the GitHub API: the repository is not on GitHub';
      if (!input.config.Github.access_key) return 'needs the GitHub API: set [Github] access_key';
      return new GitHubFacts(gitHubClient(ref, { config: input.config, cache: input.cache, signal: input.signal }));
    })();
    factsByRun.set(input, entry);
  }
  return entry;
}

function apiCheck(name: string, risk: ScorecardCheck['risk'], run: (facts: GitHubFacts) => Promise<CheckOutcome>): ScorecardCheck {
  return {
    name,
    risk,
    async run(input) {
      const found = facts(input);
      if (typeof found === 'string') return inconclusive(found);
      try {
        return await run(found);
      } catch (err) {
        // API failures make this check inconclusive (Scorecard's runtime error), not the whole command.
        if (err instanceof PlatformError) return inconclusive(`GitHub API: ${err.message}`);
        throw err;
      }
    },
  };
}

/** Scorecard's CreateProportionalScore: int(10 · success / total), capped at 10. */
export function proportional(success: number, total: number): number {
  if (total <= 0) return MIN_SCORE;
  return Math.min(MAX_SCORE, Math.floor((MAX_SCORE * success) / total));
}

// ---------------------------------------------------------------------------------------- evaluations

const isBot = (user: string | null): boolean => user !== null && /\[bot\]$/i.test(user);
/** Reviews recorded outside GitHub (Gerrit, Phabricator) show in the commit message, as Scorecard reads them. */
const EXTERNAL_REVIEW = /^(?:Reviewed-on:|Differential Revision:)/m;

export function evaluateCodeReview(changesets: readonly ChangesetFacts[]): CheckOutcome {
  const human = changesets.filter((changeset) => !isBot(changeset.author));
  if (human.length === 0) return inconclusive('no commits found');
  const details: string[] = [];
  let reviewed = 0;
  for (const changeset of human) {
    const approved = changeset.pr?.reviews.some((review) => review.state === 'APPROVED' && review.author !== null && review.author !== changeset.pr?.author) ?? false;
    if (approved || EXTERNAL_REVIEW.test(changeset.message)) reviewed++;
    else details.push(`Warn: no reviews found for ${changeset.pr ? `pull request #${changeset.pr.number}` : `commit ${changeset.sha.slice(0, 12)}`}`);
  }
  const score = proportional(reviewed, human.length);
  if (reviewed === human.length) return { score, reason: 'all changesets reviewed', details };
  return { score, reason: `found ${human.length - reviewed} unreviewed changesets out of ${human.length} -- score normalized to ${score}`, details };
}

/**
 * Scorecard's isTest (probes/testsRunInCI): CI systems and test jobs recognised by a substring of the lower-cased
 * status context, status target URL or check-run app slug. Scorecard also lists "Cirrus CI" with capitals,
 * which never matches a lower-cased string, so it is left out here as it is in effect there.
 */
const CI_PATTERNS = ['appveyor', 'buildkite', 'circleci', 'e2e', 'github-actions', 'jenkins', 'mergeable', 'packit-as-a-service', 'semaphoreci', 'test', 'travis-ci', 'flutter-dashboard', 'cirrus-ci', 'azure-pipelines', 'ci/woodpecker', 'vstfs:///build/build'];
export const isCiTest = (text: string | null | undefined): boolean => typeof text === 'string' && CI_PATTERNS.some((pattern) => text.toLowerCase().includes(pattern));

export interface PullRequestCi {
  readonly number: number;
  /** A successful status or completed check run of a CI system on the PR's head commit. */
  readonly tested: boolean;
  /** What showed it: the status context or the check run's app slug. */
  readonly evidence: string | null;
}

/**
 * Scorecard's testsRunInCI probe: each merged PR among the changesets (once per PR), tested when its head commit
 * has a status in state `success` whose context or target URL is a CI test, or a check run concluded `success`
 * whose app is one.
 */
export function mergedPullRequestCi(changesets: readonly ChangesetFacts[]): PullRequestCi[] {
  const merged = new Map<number, PullRequestFacts>();
  for (const changeset of changesets) if (changeset.pr?.merged && !merged.has(changeset.pr.number)) merged.set(changeset.pr.number, changeset.pr);
  return [...merged.values()].map((pr) => {
    const status = pr.checks.find((check) => check.kind === 'status' && check.conclusion === 'success' && (isCiTest(check.name) || isCiTest(check.targetUrl)));
    const run = pr.checks.find((check) => check.kind === 'check-run' && check.conclusion === 'success' && isCiTest(check.app));
    const evidence = status ? status.name : run ? run.app : null;
    return { number: pr.number, tested: evidence !== null, evidence };
  });
}

export function evaluateCiTests(changesets: readonly ChangesetFacts[]): CheckOutcome {
  const outcomes = mergedPullRequestCi(changesets);
  if (outcomes.length === 0) return inconclusive('no pull request found');
  const details = outcomes.filter((pr) => !pr.tested).map((pr) => `Warn: merged PR #${pr.number} without CI test`);
  const tested = outcomes.length - details.length;
  const score = proportional(tested, outcomes.length);
  return { score, reason: `${tested} out of ${outcomes.length} merged PRs checked by a CI test -- score normalized to ${score}`, details };
}

const LOOKBACK_DAYS = 90;
const MAINTAINER_ASSOCIATIONS = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);

export interface MaintainedFacts {
  archived: boolean;
  createdAt: string | null;
  commitDates: readonly (string | null)[];
  /** Issues (not pull requests) updated in the last 90 days with a maintainer's activity. */
  maintainerIssueActivity: number;
}

export function evaluateMaintained(facts: MaintainedFacts, now = new Date()): CheckOutcome {
  if (facts.archived) return { score: MIN_SCORE, reason: 'project is archived', details: ['Warn: repository is archived'] };
  const cutoff = now.getTime() - LOOKBACK_DAYS * 86_400_000;
  if (facts.createdAt && Date.parse(facts.createdAt) > cutoff) {
    return { score: MIN_SCORE, reason: 'project was created in last 90 days. please review its contents carefully', details: [] };
  }
  const commits = facts.commitDates.filter((date) => date !== null && Date.parse(date) >= cutoff).length;
  // Scorecard: one activity per week over the 90 days (integer 90/7 = 12) earns the full score.
  const score = proportional(commits + facts.maintainerIssueActivity, Math.floor(LOOKBACK_DAYS / 7));
  return { score, reason: `${commits} commit(s) and ${facts.maintainerIssueActivity} issue activity found in the last ${LOOKBACK_DAYS} days -- score normalized to ${score}`, details: [] };
}

/** Scorecard's releaseLookBack: the five most recent releases. */
const RELEASE_LOOKBACK = 5;

export function evaluateSignedReleases(releases: readonly Release[]): CheckOutcome {
  const recent = releases.filter((release) => !release.draft).slice(0, RELEASE_LOOKBACK);
  if (recent.length === 0) return inconclusive('no releases found');
  const details: string[] = [];
  let total = 0;
  for (const release of recent) {
    const names = release.assets.map((asset) => asset.name);
    if (names.some(isProvenanceAsset)) {
      total += 10;
      details.push(`Info: provenance for release artifact: ${names.find(isProvenanceAsset) ?? ''}`);
    } else if (names.some(isSignatureAsset)) {
      total += 8;
      details.push(`Info: signed release artifact: ${names.find(isSignatureAsset) ?? ''}`);
      details.push(`Warn: release artifact ${release.tag} does not have provenance`);
    } else {
      details.push(`Warn: release artifact ${release.tag} not signed`);
    }
  }
  const score = Math.floor(total / recent.length);
  return { score, reason: `${recent.length} out of the last ${RELEASE_LOOKBACK} releases checked -- score normalized to ${score}`, details };
}

export function evaluateWebhooks(hooks: readonly { [key: string]: Json }[]): CheckOutcome {
  if (hooks.length === 0) return { score: MAX_SCORE, reason: 'no webhooks defined', details: [] };
  const unprotected = hooks.filter((hook) => !hookHasSecret(hook));
  const details = unprotected.map((hook) => `Warn: no secret configured for webhook ${JSON.stringify(hook.id ?? null)}`);
  const score = proportional(hooks.length - unprotected.length, hooks.length);
  return { score, reason: `${unprotected.length} out of ${hooks.length} webhook(s) are not protected by a secret -- score normalized to ${score}`, details };
}

/** Scorecard's numberCompaniesForTopScore and minimum contributions per counted contributor. */
const COMPANIES_FOR_TOP_SCORE = 3;
const MIN_CONTRIBUTIONS = 5;

export function evaluateContributors(entities: readonly string[]): CheckOutcome {
  const unique = [...new Set(entities)].sort();
  const score = Math.min(MAX_SCORE, Math.floor((unique.length * MAX_SCORE) / COMPANIES_FOR_TOP_SCORE));
  return { score, reason: `project has ${unique.length} contributing companies or organizations`, details: unique.length > 0 ? [`Info: found contributions from: ${unique.join(', ')}`] : [] };
}

/** Scorecard's badge levels → scores (checks/evaluation/cii_best_practices.go). */
const BADGE_SCORES: Readonly<Record<string, number>> = { in_progress: 2, passing: 5, silver: 7, gold: 10 };

export function evaluateBestPractices(badgeLevel: string | null): CheckOutcome {
  if (badgeLevel === null) return { score: MIN_SCORE, reason: 'no effort to earn an OpenSSF best practices badge detected', details: [] };
  const score = BADGE_SCORES[badgeLevel];
  if (score === undefined) return inconclusive(`unsupported badge level: ${badgeLevel}`);
  return { score, reason: `badge detected: ${badgeLevel}`, details: [] };
}

/**
 * Branch protection in Scorecard's tiers (docs/checks.md): each tier's points are earned in proportion to its
 * settings, and a tier counts only once every earlier tier is complete.
 */
export function evaluateBranchProtection(branch: string, protection: JsonObject | null): CheckOutcome {
  if (protection === null) return { score: MIN_SCORE, reason: `branch protection not enabled on development/release branches`, details: [`Warn: branch protection not enabled for branch '${branch}'`] };
  const reviews = child(protection, 'required_pull_request_reviews');
  const statusChecks = child(protection, 'required_status_checks');
  const approvals = num(reviews, 'required_approving_review_count') ?? 0;
  const contexts = [...(Array.isArray(statusChecks?.contexts) ? statusChecks.contexts : []), ...(Array.isArray(statusChecks?.checks) ? statusChecks.checks : [])];
  const enabled = (key: string): boolean => bool(child(protection, key), 'enabled');
  const tiers: Array<{ points: number; rules: Array<[boolean, string]> }> = [
    { points: 3, rules: [[!enabled('allow_force_pushes'), 'force pushes'], [!enabled('allow_deletions'), 'branch deletion']] },
    { points: 3, rules: [[reviews !== null && approvals >= 1, 'at least 1 required approving review'], [bool(statusChecks, 'strict'), 'up-to-date branches before merging']] },
    { points: 2, rules: [[contexts.length > 0, 'required status checks']] },
    { points: 1, rules: [[approvals >= 2, 'at least 2 required approving reviews'], [bool(reviews, 'require_code_owner_reviews'), 'code owner review']] },
    { points: 1, rules: [[bool(reviews, 'dismiss_stale_reviews'), 'stale review dismissal'], [enabled('enforce_admins'), 'protection enforced on administrators']] },
  ];
  let score = 0;
  const details: string[] = [];
  let complete = true;
  for (const tier of tiers) {
    const passed = tier.rules.filter(([ok]) => ok).length;
    for (const [ok, what] of tier.rules) details.push(ok ? `Info: '${what}' enabled on branch '${branch}'` : `Warn: '${what}' not enabled on branch '${branch}'`);
    if (complete) score += (tier.points * passed) / tier.rules.length;
    if (passed < tier.rules.length) complete = false;
  }
  const final = Math.floor(score + 1e-9);
  return { score: final, reason: `branch protection is ${final === MAX_SCORE ? 'maximal' : 'not maximal'} on development and all release branches`, details };
}

// ----------------------------------------------------------------------------------------------- checks

const branchProtection = apiCheck('Branch-Protection', 'High', async (gh) => {
  const repo = await gh.repository();
  const branch = repo.defaultBranch;
  if (!branch) return inconclusive('no default branch');
  const response = await gh.client.api.request(gh.client.path(`branches/${encodeURIComponent(branch)}/protection`), { accept: [403, 404] });
  if (response.status === 404 && /not protected/i.test(str(response.data as JsonObject, 'message') ?? '')) return evaluateBranchProtection(branch, null);
  // GitHub shows protection settings to administrators only; other tokens get 404/403.
  if (response.status !== 200) return inconclusive('reading branch protection needs admin rights on the repository (the configured token has none)');
  return evaluateBranchProtection(branch, asObject(response.data, 'GitHub branch protection'));
});

const codeReview = apiCheck('Code-Review', 'High', async (gh) => evaluateCodeReview(await gh.changesets()));

const ciTests = apiCheck('CI-Tests', 'Low', async (gh) => evaluateCiTests(await gh.changesets()));

const maintained = apiCheck('Maintained', 'High', async (gh) => {
  const repo = await gh.repository();
  const since = new Date(Date.now() - LOOKBACK_DAYS * 86_400_000).toISOString();
  const [changesets, issues, comments] = await Promise.all([
    gh.changesets(),
    gh.client.api.list(gh.client.path('issues'), { query: { state: 'all', since }, maxPages: 1 }),
    gh.client.api.list(gh.client.path('issues/comments'), { query: { since }, maxPages: 1 }),
  ]);
  const commentedIssues = new Set(
    comments.items
      .map((item) => asObject(item, 'GitHub issue comment'))
      .filter((comment) => MAINTAINER_ASSOCIATIONS.has(str(comment, 'author_association') ?? ''))
      .map((comment) => str(comment, 'issue_url')),
  );
  const maintainerIssueActivity = issues.items
    .map((item) => asObject(item, 'GitHub issue'))
    .filter((issue) => issue.pull_request === undefined)
    .filter((issue) => MAINTAINER_ASSOCIATIONS.has(str(issue, 'author_association') ?? '') || commentedIssues.has(str(issue, 'url'))).length;
  return evaluateMaintained({ archived: repo.archived, createdAt: repo.createdAt, commitDates: changesets.map((changeset) => changeset.committedDate), maintainerIssueActivity });
});

const contributors = apiCheck('Contributors', 'Low', async (gh) => {
  const list = await gh.client.contributors({ maxItems: 30 });
  const logins = list.filter((entry) => entry.login !== null && !isBot(entry.login) && entry.contributions >= MIN_CONTRIBUTIONS).map((entry) => entry.login as string);
  const entities = (await gh.client.users(logins)).flatMap((user) => [
    ...(user.company ? [user.company.trim().replace(/^@/, '').toLowerCase()] : []),
    ...user.organizations.map((org) => org.toLowerCase()),
  ]);
  return evaluateContributors(entities);
});

const signedReleases = apiCheck('Signed-Releases', 'High', async (gh) => evaluateSignedReleases(await gh.releases()));

const webhooks = apiCheck('Webhooks', 'Critical', async (gh) => {
  try {
    return evaluateWebhooks(await gh.client.hooks());
  } catch (err) {
    if (err instanceof PlatformError && (err.kind === 'not_found' || err.kind === 'forbidden')) {
      return inconclusive('listing webhooks needs admin rights on the repository (the configured token has none)');
    }
    throw err;
  }
});

/** Needs no GitHub token: the badge API is public and keyed by the project URL. */
const ciiBestPractices: ScorecardCheck = {
  name: 'CII-Best-Practices',
  risk: 'Low',
  async run(input) {
    try {
      const entry = await findBadgeEntry(input.projectUrl, input.config, input.signal);
      const level = typeof entry?.badge_level === 'string' ? entry.badge_level : null;
      return evaluateBestPractices(level);
    } catch (err) {
      if (input.signal.aborted) throw err;
      return inconclusive(`OpenSSF Best Practices API: ${err instanceof Error ? err.message : String(err)}`);
    }
  },
};

export const API_CHECKS: readonly ScorecardCheck[] = [branchProtection, ciiBestPractices, ciTests, codeReview, contributors, maintained, signedReleases, webhooks];
