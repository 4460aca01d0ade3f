/**
 * scancode: per-file license and copyright detection over the whole tree, in the ScanCode Toolkit 32 JSON
 * layout upstream returned (`headers`, `license_detections`, `files[]` with `path` as `<repo>/<path>`,
 * `detected_license_expression` in ScanCode keys and `detected_license_expression_spdx`, matches with
 * lines, scores and rule identifiers, `copyrights`/`holders`/`authors`). Native: no ScanCode process, one read
 * per file, binary files skipped, a per-file time budget. The engine is src/analysis/licenses.
 */
import { DEFAULT_TREE_SCAN, scanTree } from '../../analysis/licenses/tree-scan.js';
import type { Checker, Json } from '../types.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  async run(ctx) {
    const output = await scanTree(ctx.repo, ctx.signal, DEFAULT_TREE_SCAN);
    return output as unknown as Json;
  },
};
