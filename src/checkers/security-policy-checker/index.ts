/**
 * security-policy-checker: finds the project's security policy (SECURITY.md and friends) and scores its
 * content the way OpenSSF Scorecard's Security-Policy check does. Output keeps the shape upstream meant to
 * produce — `{"file_size", "urls", "emails", "disclosure_keywords"}` — and adds `file`, `score` (0–10) and
 * `checks`. No policy file is `{}`, as upstream reported it.
 */
import type { Checker, Json } from '../types.js';
import { findSecurityPolicy } from '../../analysis/scorecard/security-policy/find.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  async run(ctx): Promise<Json> {
    const policy = await findSecurityPolicy(ctx.repo);
    if (!policy) return {};
    return {
      file_size: policy.size,
      urls: policy.hits.urls,
      emails: policy.hits.emails,
      disclosure_keywords: policy.hits.disclosureKeywords,
      file: ctx.repo.displayPath(policy.path),
      score: policy.score,
      checks: { ...policy.checks },
    };
  },
};
