/**
 * license-detector: the project's license in licensee's `detect --json` layout (`licenses[]` with `key`,
 * `spdx_id`, `meta.title`; `matched_files[]` with `filename`, `matcher.{name,confidence}`,
 * `matched_license`), plus `license`: the one license the files agree on, `NOASSERTION` when they disagree
 * (every match stays listed), null when none was found. Files are matched by the LicenseDB matcher the `scancode`
 * command uses (src/analysis/licenses/match/): root license files, REUSE's LICENSES/ folder, the README's License
 * section and the top package manifest; a modified license text is NOASSERTION, as licensee reports it.
 * Upstream deleted the checkout after running licensee; nothing is deleted here.
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
