/**
 * bestpractices-checker: the project's OpenSSF Best Practices badge entry (`GET /projects.json?url=<project
 * URL>`), returned as the API gives it — `badge_level`, `tiered_percentage` and every criterion — as upstream.
 *
 * Fixed: upstream answered `{}` both when the project has no badge entry and when the API call failed; now
 * "no badge" is `{}` (upstream's shape) and a failed call is `{"error": ...}`. The URL is sent encoded, and
 * when the API lists several projects the one whose repository URL is the project's is chosen.
 */
import { findBadgeEntry } from '../../analysis/scorecard/best-practices.js';
import type { Checker, Json } from '../types.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  run: async (ctx) => ((await findBadgeEntry(ctx.task.projectUrl, ctx.config, ctx.signal)) ?? {}) as Json,
};
