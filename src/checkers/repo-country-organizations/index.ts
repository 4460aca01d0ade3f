/**
 * repo-country-organizations: where the people who open issues, open pull requests and star a GitHub
 * repository come from — by country and by organization — from the OSS Insight public API. Six calls
 * (three roles × two breakdowns), two at a time to stay polite to a per-address rate limit, and answers kept
 * in the shared cache for six hours.
 *
 * Output keeps upstream's keys (`<role>_country`, `<role>_organizations`) holding OSS Insight's `data` object
 * (`{columns, rows, result}`). A key whose call failed holds `{"error": ...}` (upstream: "Not found" or `false`);
 * when every call so far failed (checked after each role) the command itself is the error, since nothing was
 * learned and the remaining calls would fail alike.
 */
import { parseRepoUrl, RepoUrlError, type RepoRef } from '../../platforms/index.js';
import { errorMessage } from '../../lib/errors.js';
import { OSS_INSIGHT_ROLES, OssInsightClient, type OssInsightDimension, type OssInsightRole } from '../../platforms/services/ossinsight.js';
import { CheckerInputError, type CheckContext, type Checker, type Json } from '../types.js';
import { meta } from './meta.js';

const DIMENSION_KEY: Readonly<Record<OssInsightDimension, string>> = { countries: 'country', organizations: 'organizations' };

export const checker: Checker = {
  ...meta,
  run: async (ctx) => {
    const ref = githubRef(ctx.task.projectUrl);
    const client = OssInsightClient.fromConfig(ctx.config);
    const result: Record<string, Json> = {};
    const failures: string[] = [];
    for (const role of OSS_INSIGHT_ROLES) {
      const answers = await Promise.allSettled(
        (['countries', 'organizations'] as const).map((dimension) => cachedBreakdown(ctx, client, ref, role, dimension)),
      );
      answers.forEach((answer, index) => {
        const dimension = index === 0 ? 'countries' : 'organizations';
        const key = resultKey(role, dimension);
        if (answer.status === 'fulfilled') {
          result[key] = answer.value;
        } else {
          if (ctx.signal.aborted) throw answer.reason;
          failures.push(errorMessage(answer.reason));
          result[key] = { error: errorMessage(answer.reason) };
        }
      });
      // Both calls of a role failing (service down, throttled, unknown repository) means the others would fail
      // the same way, after their own retries: give up with the reason instead of spending them.
      if (failures.length === Object.keys(result).length) throw new Error(`OSS Insight gave no data for ${ref.owner}/${ref.repo}: ${failures[0]}`);
    }
    return result;
  },
};

/**
 * OSS Insight aggregates GH Archive data that changes slowly, and its public API is rate-limited per address:
 * answers are kept in the shared cache for a few hours, so re-checking a repository costs no calls.
 */
const CACHE_TTL_MS = 6 * 3600_000;

async function cachedBreakdown(ctx: CheckContext, client: OssInsightClient, ref: RepoRef, role: OssInsightRole, dimension: OssInsightDimension): Promise<Json> {
  const key = `${ref.owner}/${ref.repo}/${role}/${dimension}`.toLowerCase();
  const cached = await ctx.cache.get('ossinsight', key);
  if (cached !== null) return JSON.parse(cached) as Json;
  const data = (await client.breakdown(ref.owner, ref.repo, role, dimension, ctx.signal)) as Json;
  await ctx.cache.set('ossinsight', key, JSON.stringify(data), CACHE_TTL_MS);
  return data;
}

export function resultKey(role: OssInsightRole, dimension: OssInsightDimension): string {
  return `${role}_${DIMENSION_KEY[dimension]}`;
}

function githubRef(projectUrl: string): RepoRef {
  let ref: RepoRef;
  try {
    ref = parseRepoUrl(projectUrl);
  } catch (err) {
    if (err instanceof RepoUrlError) throw new CheckerInputError(`repo-country-organizations works on GitHub repositories only (OSS Insight indexes GitHub): ${err.message}`);
    throw err;
  }
  if (ref.platform !== 'github') {
    throw new CheckerInputError(`repo-country-organizations works on GitHub repositories only (OSS Insight indexes GitHub), not ${ref.platform}`);
  }
  return ref;
}
