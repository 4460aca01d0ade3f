/**
 * The project's OpenSSF Best Practices badge entry: the fact bestpractices-checker reports whole and
 * Scorecard's CII-Best-Practices scores by its `badge_level`. The badge API is public and keyed by the project
 * URL, so no platform token is needed.
 */
import type { Config } from '../../config/schema.js';
import { CheckerInputError } from '../../lib/errors.js';
import { BestPracticesClient } from '../../platforms/services/bestpractices.js';

/** The badge entry registered for the project URL, as the API gives it, or null when there is none. */
export async function findBadgeEntry(projectUrl: string, config: Config, signal: AbortSignal): Promise<Record<string, unknown> | null> {
  if (!/^https?:\/\//i.test(projectUrl)) {
    throw new CheckerInputError(`bestpractices-checker needs an http(s) project URL (badge entries are registered by URL), got ${projectUrl}`);
  }
  const projects = await BestPracticesClient.fromConfig(config).projectsFor(projectUrl, signal);
  return pickProject(projects, projectUrl);
}

/** The entry whose `repo_url` (else `homepage_url`) is the project URL, ignoring case and a trailing slash; else the first. */
export function pickProject(projects: readonly Record<string, unknown>[], projectUrl: string): Record<string, unknown> | null {
  const norm = (value: unknown): string => (typeof value === 'string' ? value.trim().replace(/\/+$/, '').replace(/\.git$/i, '').toLowerCase() : '');
  const wanted = norm(projectUrl);
  return projects.find((p) => norm(p.repo_url) === wanted) ?? projects.find((p) => norm(p.homepage_url) === wanted) ?? projects[0] ?? null;
}
