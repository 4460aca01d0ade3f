/**
 * pinned-dependencies-checker: dependencies that are not pinned to an immutable version — actions (only a full
 * commit SHA pins), container images (only a digest pins; multi-stage builds and ARG-based images resolved),
 * docker-compose images, pip requirements, package.json ranges (and whether a lockfile fixes them), and
 * commands in workflow steps, shell scripts and Dockerfile RUN lines (`curl | sh`, `go install`, `pip install`,
 * `npm install`). Output keeps upstream's shape and adds `score` (Scorecard's Pinned-Dependencies, 0–10 or -1)
 * and `errors` (files that could not be parsed).
 */
import type { Checker, Json } from '../types.js';
import { collectDependencies } from '../../analysis/scorecard/pinned-dependencies/collect.js';
import { byType, pinnedDependenciesScore, tally, unpinnedMessage } from '../../analysis/scorecard/pinned-dependencies/evaluate.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  async run(ctx): Promise<Json> {
    const { dependencies, problems } = await collectDependencies(ctx.repo);
    const display = (path: string): string => ctx.repo.displayPath(path);
    const counts = tally(dependencies);
    const actions = dependencies.filter((dep) => dep.type === 'Action');
    return {
      analysis_results: {
        total_dependencies: counts.total,
        pinned_count: counts.pinned,
        unpinned_count: counts.total - counts.pinned,
        by_type: byType(dependencies),
        actions: { owned: tally(actions.filter((dep) => dep.owned)), third_party: tally(actions.filter((dep) => !dep.owned)) },
        findings: dependencies
          .filter((dep) => !dep.pinned)
          .map((dep) => ({ file: display(dep.path), line: dep.line, end_line: dep.endLine ?? dep.line, type: dep.type, name: dep.name, version: dep.version, message: unpinnedMessage(dep), snippet: dep.snippet })),
      },
      dependencies: dependencies.map((dep) => {
        const entry: { [key: string]: Json } = {
          name: dep.name,
          version: dep.version,
          dep_type: dep.type,
          file_path: display(dep.path),
          line_number: dep.line,
          end_line: dep.endLine ?? dep.line,
          is_pinned: dep.pinned,
          is_owned: dep.owned,
          snippet: dep.snippet,
        };
        if (dep.lockfile !== undefined) entry.lockfile = dep.lockfile === null ? null : display(dep.lockfile);
        return entry;
      }),
      errors: problems.map((problem) => ({ file: display(problem.path), error: problem.error })),
      score: pinnedDependenciesScore(dependencies),
    };
  },
};
