/**
 * dependency-update-tool-checker: which automated dependency-update tools (Dependabot, Renovate, PyUp, Scala
 * Steward) the repository configures. Output is upstream's (Scorecard's) list of
 * `{name, url, desc, files: [{path, file_type, offset}]}` with repository-relative paths; none gives `[]`.
 */
import type { Checker } from '../types.js';
import { findDependencyUpdateTools } from '../../analysis/scorecard/dependency-update-tools.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  async run(ctx) {
    return findDependencyUpdateTools(ctx.repo);
  },
};
