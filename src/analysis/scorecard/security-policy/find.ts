/**
 * The project's security policy and its content verdict: the fact security-policy-checker reports and
 * Scorecard's Security-Policy scores.
 */
import type { RepoFile, RepoView } from '../../../lib/repo/repo-view.js';
import { collectPolicyHits, evaluatePolicy, type PolicyHits, type PolicyVerdict } from './analyse.js';
import { choosePolicyFile, policyCandidatePaths } from './locate.js';

const CANDIDATES = policyCandidatePaths();

export interface SecurityPolicyFacts extends PolicyVerdict {
  /** Repository-relative path of the policy analysed. */
  readonly path: string;
  readonly size: number;
  readonly hits: PolicyHits;
}

/** The policy found and analysed, or null when the repository has none. */
export async function findSecurityPolicy(repo: RepoView): Promise<SecurityPolicyFacts | null> {
  const file = await findPolicyFile(repo);
  if (!file) return null;
  // readText is capped, so a huge or binary "policy" is analysed from its first megabytes without failing.
  const hits = collectPolicyHits(await repo.readText(file.path));
  const { checks, score } = evaluatePolicy(file.size, hits);
  return { path: file.path, size: file.size, hits, checks, score };
}

async function findPolicyFile(repo: RepoView): Promise<RepoFile | undefined> {
  const found: RepoFile[] = [];
  for (const candidate of CANDIDATES) {
    // Several spellings of one name can exist on a case-sensitive file system: take them in path order.
    const matches = await repo.lookup(candidate);
    found.push(...[...matches].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)));
  }
  return choosePolicyFile(found);
}
