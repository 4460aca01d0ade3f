/**
 * The checks scorecard-score runs, in one list. To add checks (for example the platform-API checks in a new
 * `api-checks.ts` exporting `API_CHECKS: ScorecardCheck[]`), import them and add one line to IMPLEMENTED: a
 * Scorecard check without an implementation is listed with score -1 and the reason it cannot run here.
 */
import { API_CHECKS } from './api-checks.js';
import { LOCAL_CHECKS } from './local-checks.js';
import { inconclusive, type Risk, type ScorecardCheck } from './types.js';

const IMPLEMENTED: readonly ScorecardCheck[] = [
  ...LOCAL_CHECKS,
  ...API_CHECKS,
];

/** Scorecard's checks (docs/checks.md) with their risk, and why each unimplemented one cannot run locally. */
export const SCORECARD_CATALOGUE: readonly { name: string; risk: Risk; needs: string }[] = [
  { name: 'Binary-Artifacts', risk: 'High', needs: '' },
  { name: 'Branch-Protection', risk: 'High', needs: 'github' },
  { name: 'CI-Tests', risk: 'Low', needs: 'github' },
  { name: 'CII-Best-Practices', risk: 'Low', needs: 'github' },
  { name: 'Code-Review', risk: 'High', needs: 'github' },
  { name: 'Contributors', risk: 'Low', needs: 'github' },
  { name: 'Dangerous-Workflow', risk: 'Critical', needs: '' },
  { name: 'Dependency-Update-Tool', risk: 'High', needs: '' },
  { name: 'Fuzzing', risk: 'Medium', needs: '' },
  { name: 'License', risk: 'Low', needs: '' },
  { name: 'Maintained', risk: 'High', needs: 'github' },
  { name: 'Packaging', risk: 'Medium', needs: '' },
  { name: 'Pinned-Dependencies', risk: 'Medium', needs: '' },
  { name: 'SAST', risk: 'Medium', needs: '' },
  { name: 'Security-Policy', risk: 'Medium', needs: '' },
  { name: 'Signed-Releases', risk: 'High', needs: 'github' },
  { name: 'Token-Permissions', risk: 'High', needs: '' },
  { name: 'Vulnerabilities', risk: 'High', needs: 'osv' },
  { name: 'Webhooks', risk: 'Critical', needs: 'github' },
];

const NEEDS_REASON: Readonly<Record<string, string>> = {
  github: 'needs the GitHub API: set [Github] access_key',
  osv: 'needs the OSV vulnerability database (run the osv-scanner command)',
};

function pending(name: string, risk: Risk, needs: string): ScorecardCheck {
  const reason = NEEDS_REASON[needs] ?? 'not implemented in this version of OpenChecker';
  return { name, risk, run: () => Promise.resolve(inconclusive(reason)) };
}

/** Every Scorecard check, implemented or pending, sorted by name as Scorecard prints them. */
export function scorecardChecks(implemented: readonly ScorecardCheck[] = IMPLEMENTED): ScorecardCheck[] {
  const byName = new Map(implemented.map((check) => [check.name, check]));
  const catalogued = SCORECARD_CATALOGUE.map((entry) => byName.get(entry.name) ?? pending(entry.name, entry.risk, entry.needs));
  const extra = implemented.filter((check) => !SCORECARD_CATALOGUE.some((entry) => entry.name === check.name));
  return [...catalogued, ...extra].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
