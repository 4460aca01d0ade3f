/**
 * dependency-update-tool-checker: which automated dependency-update tools (Dependabot, Renovate, PyUp, Scala
 * Steward) the repository configures. Output is upstream's (Scorecard's) list of
 * `{name, url, desc, files: [{path, file_type, offset}]}` with repository-relative paths; none gives `[]`.
 */
import type { Checker } from '../types.js';
import { declaresRenovate, groupFindings, RENOVATE, toolForBasename, type ToolMatch } from '../../analysis/scorecard/dependency-update-tools.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  async run(ctx) {
    const matches: ToolMatch[] = [];
    for (const file of await ctx.repo.files()) {
      const tool = toolForBasename(file.lowerName);
      if (tool) matches.push({ tool, path: file.path });
    }
    // Renovate also reads a `renovate` key in the root package.json. A package.json that does not parse
    // configures nothing; that is not this command's failure to report.
    if (await ctx.repo.exists('package.json')) {
      const parsed = await ctx.repo.parseJson('package.json');
      if (parsed.ok && declaresRenovate(parsed.value)) matches.push({ tool: RENOVATE, path: 'package.json' });
    }
    return groupFindings(matches);
  },
};
