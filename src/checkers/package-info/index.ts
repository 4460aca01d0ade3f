/**
 * package-info: the npm package named like the repository — its description and home page, how many
 * dependencies its latest release declares (`dependent_count`, upstream's name) and last month's downloads.
 *
 * Fixed from upstream: the dependency count comes from the version the `latest` dist-tag points to (upstream
 * took the last key of `versions`, often a pre-release), fetched as one small version document instead of the
 * whole packument; a package whose `repository` names another project is a name collision and is not reported
 * as this project's; failures of the registry or the downloads API are errors, not crashes or `None`.
 * Not on npm: the platform's repository data (GitHub, Gitee, GitCode; GitCode's download statistics), as upstream.
 */
import type { Config } from '../../config/schema.js';
import { PLATFORM_LABEL, PlatformError, tryParseRepoUrl, platformClient } from '../../platforms/index.js';
import { NpmClient, type NpmVersion } from '../../platforms/services/npm.js';
import { CheckerInputError, type CheckContext, type Checker, type Json } from '../types.js';
import { packageNameFromUrl, repositoryMatch, summariseDownloads, summariseGitCodeDownloads } from './evaluate.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  run,
};

async function run(ctx: CheckContext): Promise<Json> {
  const name = packageNameFromUrl(ctx.task.projectUrl);
  if (!name) throw new CheckerInputError(`package-info needs a project URL ending in a package name, got ${ctx.task.projectUrl}`);
  const npm = await npmClient(ctx.config);
  const latest = await npm.version(name, 'latest', ctx.signal);
  const match = latest ? repositoryMatch(latest.repository, ctx.task.projectUrl) : 'unknown';
  if (latest && match !== 'different') {
    const [downloads, described] = await Promise.all([npm.lastMonthDownloads(name, ctx.signal), describe(ctx, latest)]);
    return {
      description: described.description,
      home_url: described.homepage,
      dependent_count: Object.keys(latest.dependencies).length,
      ...summariseDownloads(downloads),
      npm_package: latest.name,
      npm_version: latest.version,
    };
  }
  const why = latest
    ? `the npm package "${name}" belongs to another repository (${String(repositoryOf(latest))})`
    : `there is no npm package "${name}"`;
  ctx.log.debug({ package: name }, `package-info: ${why}; using the platform`);
  return platformFallback(ctx, why);
}

async function npmClient(config: Config): Promise<NpmClient> {
  try {
    return await NpmClient.fromConfig(config);
  } catch (err) {
    if (err instanceof PlatformError) throw new CheckerInputError(err.message);
    throw err;
  }
}

/**
 * Upstream took description and home page from the GitHub repository for github.com projects, else from npm.
 * Kept, but a failing GitHub call (rate limit, no token) falls back to npm's values instead of failing.
 */
async function describe(ctx: CheckContext, latest: NpmVersion): Promise<{ description: string | null; homepage: string | null }> {
  const fromNpm = { description: latest.description, homepage: latest.homepage };
  const ref = tryParseRepoUrl(ctx.task.projectUrl);
  if (ref?.platform !== 'github') return fromNpm;
  try {
    const repo = await platformClient(ctx.task.projectUrl, { config: ctx.config, cache: ctx.cache, signal: ctx.signal }).repository();
    return { description: repo.description ?? fromNpm.description, homepage: repo.homepage || fromNpm.homepage };
  } catch (err) {
    if (!(err instanceof PlatformError)) throw err;
    ctx.log.info({ err: err.message }, 'package-info: GitHub repository data unavailable; using npm\'s');
    return fromNpm;
  }
}

/** Not on npm: the platform's repository data, `dependent_count: false` as upstream, downloads where the platform counts them. */
async function platformFallback(ctx: CheckContext, why: string): Promise<Json> {
  const ref = tryParseRepoUrl(ctx.task.projectUrl);
  if (!ref) throw new CheckerInputError(`${why}, and ${ctx.task.projectUrl} is not a GitHub, Gitee or GitCode repository`);
  const client = platformClient(ctx.task.projectUrl, { config: ctx.config, cache: ctx.cache, signal: ctx.signal });
  let repo;
  try {
    repo = await client.repository();
  } catch (err) {
    if (err instanceof PlatformError && err.kind === 'not_found') {
      throw new CheckerInputError(`${why}, and ${PLATFORM_LABEL[ref.platform]} has no repository ${ref.owner}/${ref.repo}`);
    }
    throw err;
  }
  let downloads = { down_count: 0, day_enter: '' };
  if (ref.platform === 'gitcode') {
    const stats = await client.api.request(`repos/${encodeURIComponent(ref.owner)}/${encodeURIComponent(ref.repo)}/download_statistics`);
    downloads = summariseGitCodeDownloads(stats.data);
  }
  return { description: repo.description, home_url: repo.homepage, dependent_count: false, ...downloads, npm_package: null, npm_version: null };
}


function repositoryOf(version: NpmVersion): string {
  const repository = version.repository;
  if (typeof repository === 'string') return repository;
  if (repository && typeof repository === 'object' && typeof (repository as { url?: unknown }).url === 'string') return (repository as { url: string }).url;
  return 'unknown';
}
