/**
 * bestpractices-checker: the project's OpenSSF Best Practices badge entry (`GET /projects.json?url=<project
 * URL>`), returned as the API gives it — `badge_level`, `tiered_percentage` and every criterion — as upstream.
 *
 * Fixed: upstream answered `{}` both when the project has no badge entry and when the API call failed; now
 * "no badge" is `{}` (upstream's shape) and a failed call is `{"error": ...}`. The URL is sent encoded, and
 * when the API lists several projects the one whose repository URL is the project's is chosen.
 */
import { BestPracticesClient } from '../../platforms/services/bestpractices.js';
import { CheckerInputError, type Checker, type Json } from '../types.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  run: async (ctx) => {
    if (!/^https?:\/\//i.test(ctx.task.projectUrl)) {
      throw new CheckerInputError(`bestpractices-checker needs an http(s) project URL (badge entries are registered by URL), got ${ctx.task.projectUrl}`);
    }
    const projects = await BestPracticesClient.fromConfig(ctx.config).projectsFor(ctx.task.projectUrl, ctx.signal);
    return (pickProject(projects, ctx.task.projectUrl) ?? {}) as Json;
  },
};

/** The entry whose `repo_url` (else `homepage_url`) is the project URL, ignoring case and a trailing slash; else the first. */
export function pickProject(projects: readonly Record<string, unknown>[], projectUrl: string): Record<string, unknown> | null {
  const norm = (value: unknown): string => (typeof value === 'string' ? value.trim().replace(/\/+$/, '').replace(/\.git$/i, '').toLowerCase() : '');
  const wanted = norm(projectUrl);
  return projects.find((p) => norm(p.repo_url) === wanted) ?? projects.find((p) => norm(p.homepage_url) === wanted) ?? projects[0] ?? null;
}
