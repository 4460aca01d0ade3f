/**
 * license-detector: the project's license in licensee's `detect --json` layout (`licenses[]` with `key`,
 * `spdx_id`, `meta.title`; `matched_files[]` with `filename`, `matcher.{name,confidence}`,
 * `matched_license`), plus `license`: the one license the files agree on, `NOASSERTION` when they disagree
 * (every match stays listed), null when none was found. Matching is src/analysis/licenses (SPDX texts, exact and
 * Sørensen–Dice at licensee's 98%, README references, package manifests). Upstream deleted the checkout
 * after running licensee; nothing is deleted here.
 */
import { detectProjectLicense } from '../../analysis/licenses/project.js';
import type { Checker, Json } from '../types.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  async run(ctx) {
    const result = await detectProjectLicense(ctx.repo, ctx.signal);
    return result as unknown as Json;
  },
};
