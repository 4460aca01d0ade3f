/**
 * security-policy-checker: finds the project's security policy (SECURITY.md and friends) and scores its
 * content the way OpenSSF Scorecard's Security-Policy check does. Output keeps the shape upstream meant to
 * produce — `{"file_size", "urls", "emails", "disclosure_keywords"}` — and adds `file`, `score` (0–10) and
 * `checks`. No policy file is `{}`, as upstream reported it.
 */
import type { Checker, Json } from '../types.js';
import type { RepoFile, RepoView } from '../../lib/repo/repo-view.js';
import { collectPolicyHits, evaluatePolicy } from '../../analysis/scorecard/security-policy/analyse.js';
import { choosePolicyFile, policyCandidatePaths } from '../../analysis/scorecard/security-policy/locate.js';
import { meta } from './meta.js';

const CANDIDATES = policyCandidatePaths();

export const checker: Checker = {
  ...meta,
  async run(ctx): Promise<Json> {
    const file = await findPolicyFile(ctx.repo);
    if (!file) return {};
    // readText is capped, so a huge or binary "policy" is analysed from its first megabytes without failing.
    const hits = collectPolicyHits(await ctx.repo.readText(file.path));
    const { checks, score } = evaluatePolicy(file.size, hits);
    return {
      file_size: file.size,
      urls: hits.urls,
      emails: hits.emails,
      disclosure_keywords: hits.disclosureKeywords,
      file: ctx.repo.displayPath(file.path),
      score,
      checks: { ...checks },
    };
  },
};

async function findPolicyFile(repo: RepoView): Promise<RepoFile | undefined> {
  const found: RepoFile[] = [];
  for (const candidate of CANDIDATES) {
    // Several spellings of one name can exist on a case-sensitive file system: take them in path order.
    const matches = await repo.lookup(candidate);
    found.push(...[...matches].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)));
  }
  return choosePolicyFile(found);
}
