/**
 * security-policy-checker: finds the project's security policy (SECURITY.md and friends) and scores its
 * content the way OpenSSF Scorecard's Security-Policy check does. Output keeps the shape upstream meant to
 * produce — `{"file_size", "urls", "emails", "disclosure_keywords"}` — and adds `file`, `score` (0–10) and
 * `checks`. With `[Github] access_key`, it also measures how the project handles reports: `avg_vuln_close_days`
 * and `avg_vulnerability_fix_days` from its GitHub security advisories (advisories.ts), the fields OSS Compass's
 * v2 `vulnerability_disclosure` and `avg_vulnerability_fix_time` read; null with a reason otherwise.
 */
import type { CheckContext, Checker, Json } from '../types.js';
import { findSecurityPolicy } from '../../analysis/scorecard/security-policy/find.js';
import { PLATFORM_LABEL, PlatformError, gitHubClient, tryParseRepoUrl } from '../../platforms/index.js';
import { advisoryFigures } from './advisories.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  async run(ctx): Promise<Json> {
    const policy = await findSecurityPolicy(ctx.repo);
    const result: { [key: string]: Json } = policy
      ? {
          file_size: policy.size,
          urls: policy.hits.urls,
          emails: policy.hits.emails,
          disclosure_keywords: policy.hits.disclosureKeywords,
          file: ctx.repo.displayPath(policy.path),
          score: policy.score,
          checks: { ...policy.checks },
        }
      : {};
    return { ...result, ...(await advisoryTimes(ctx)) };
  },
};


async function advisoryTimes(ctx: CheckContext): Promise<{ [key: string]: Json }> {
  const none = (reason: string): { [key: string]: Json } => ({ avg_vuln_close_days: null, avg_vulnerability_fix_days: null, avg_vuln_close_days_reason: reason, avg_vulnerability_fix_days_reason: reason });
  const ref = tryParseRepoUrl(ctx.task.projectUrl);
  if (!ref) return none('not a GitHub project: security advisories are not read');
  if (ref.platform !== 'github') return none(`${PLATFORM_LABEL[ref.platform]} has no security advisories API: only GitHub repository advisories are read`);
  if (!ctx.config.Github.access_key) return none('set [Github] access_key to read the repository\'s security advisories');
  try {
    const client = gitHubClient(ref, { config: ctx.config, cache: ctx.cache, signal: ctx.signal });
    const advisories = await client.securityAdvisories();
    const figures = advisoryFigures(advisories, advisories.length > 0 ? await client.releases() : []);
    const out: { [key: string]: Json } = {
      avg_vuln_close_days: figures.avg_vuln_close_days,
      avg_vulnerability_fix_days: figures.avg_vulnerability_fix_days,
      security_advisories: figures.evidence,
    };
    if (figures.avg_vuln_close_days === null) out.avg_vuln_close_days_reason = figures.evidence.length === 0 ? 'no published or closed security advisory' : 'no advisory has a publication or closing date';
    if (figures.avg_vulnerability_fix_days === null) out.avg_vulnerability_fix_days_reason = figures.evidence.length === 0 ? 'no published security advisory' : 'no patched version of a published advisory matches a GitHub release';
    return out;
  } catch (err) {
    // The policy file still answers; the API's failure only takes the figures away.
    if (err instanceof PlatformError) return none(`GitHub API: ${err.message}`);
    throw err;
  }
}
