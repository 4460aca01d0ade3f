/**
 * packaging-checker: whether workflows publish packages (npm, Maven, Gradle, PyPI, RubyGems, NuGet, Docker,
 * GoReleaser, Cargo, ko, Hex, semantic-release, sbt), as Scorecard's Packaging check (its job matchers, in
 * src/analysis/scorecard/packaging.ts). Output keeps upstream's list
 * of `{"matched", "file_path", "line_number"}` per workflow file (line 0 when unmatched) and adds `tool`, `job`
 * and, for files that do not parse, `error`.
 */
import { loadWorkflows } from '../../analysis/workflows/load.js';
import type { Checker, Json } from '../types.js';
import { findPackaging } from '../../analysis/scorecard/packaging.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  async run(ctx): Promise<Json> {
    const workflows = await loadWorkflows(ctx.repo);
    return workflows.map((workflow) => {
      const match = findPackaging(workflow);
      const entry: { [key: string]: Json } = {
        matched: match !== null,
        file_path: ctx.repo.displayPath(workflow.path),
        line_number: match?.line ?? 0,
        tool: match?.tool ?? null,
        job: match?.job ?? null,
      };
      if (workflow.error) entry.error = workflow.error;
      return entry;
    });
  },
};
