/**
 * scancode: per-file license and copyright detection over the whole tree, in the ScanCode Toolkit 32 JSON
 * layout upstream returned (`headers`, `license_detections`, `files[]` with `path` as `<repo>/<path>`,
 * `detected_license_expression` in ScanCode keys and `detected_license_expression_spdx`, matches with
 * lines, scores and rule identifiers, `copyrights`/`holders`/`authors`). Native: no ScanCode process, one read
 * per file, binary files skipped, a per-file time budget. The engine is src/analysis/licenses.
 *
 * Added to ScanCode's layout: `license_compatibility` ({project_license, conflicts[], unknown_licenses}), the
 * files' licenses checked against the project's declared license (src/analysis/licenses/compatibility), which
 * OSS Compass's license-compatibility metric reads; `license_conflicts` is its `conflicts`, the other key
 * Compass accepts.
 */
import { licenseCompatibility, projectLicenseOf, type LicenseCompatibility } from '../../analysis/licenses/compatibility/index.js';
import { detectProjectLicense } from '../../analysis/licenses/project.js';
import { DEFAULT_TREE_SCAN, scanTree, type ScancodeOutput } from '../../analysis/licenses/tree-scan.js';
import type { Checker, CheckContext, Json } from '../types.js';
import { meta } from './meta.js';

/** The compatibility section; a project license that cannot be read leaves it empty, with the reason. */
async function compatibility(ctx: CheckContext, output: ScancodeOutput): Promise<LicenseCompatibility & { error?: string }> {
  let projectLicense: string | null;
  try {
    projectLicense = projectLicenseOf(await detectProjectLicense(ctx.repo, ctx.signal));
  } catch (err) {
    ctx.signal.throwIfAborted();
    return { project_license: null, conflicts: [], unknown_licenses: [], error: `project license: ${err instanceof Error ? err.message : String(err)}` };
  }
  return licenseCompatibility(output.files, projectLicense);
}

export const checker: Checker = {
  ...meta,
  async run(ctx) {
    const output = await scanTree(ctx.repo, ctx.signal, DEFAULT_TREE_SCAN);
    // A file whose scan hit its time budget makes the result depend on the machine's load, not only the tree.
    const errors = output.headers[0]?.errors;
    if (Array.isArray(errors) && errors.length > 0) ctx.doNotReuse?.(`${errors.length} file(s) with scan errors`);
    const section = await compatibility(ctx, output);
    return { ...output, license_compatibility: section, license_conflicts: section.conflicts } as unknown as Json;
  },
};
