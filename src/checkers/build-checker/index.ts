/**
 * build-checker: how often do builds of the default branch succeed? Reads the completed GitHub Actions runs of
 * the default branch (`GET /repos/{o}/{r}/actions/runs`), the most recent `[SupplyChain] build_max_runs` created
 * in the last `build_window_days`, and reports the share that succeeded, overall and per workflow. The fields are
 * those OSS Compass's v2 `trusted_build_success` reads (`build_success_rate`, else `success_rate`). Gitee and
 * GitCode have no API for their pipelines' runs (Gitee Go's and GitCode's pipelines are served by other
 * services with their own credentials), so there the command says so.
 */
import { platformCall } from '../shared/platform-errors.js';
import { CheckerInputError } from '../types.js';
import { GitHubClient, PLATFORM_LABEL, platformClient } from '../../platforms/index.js';
import type { Checker, Json } from '../types.js';
import { evaluateBuilds } from './evaluate.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  run: (ctx) =>
    platformCall(async (): Promise<Json> => {
      const client = platformClient(ctx.task.projectUrl, { config: ctx.config, cache: ctx.cache, signal: ctx.signal });
      if (!(client instanceof GitHubClient)) {
        throw new CheckerInputError(`${PLATFORM_LABEL[client.ref.platform]}'s API offers no CI pipeline runs to read; build-checker reads GitHub Actions runs (GitHub projects only)`);
      }
      const repo = await client.repository();
      const branch = repo.defaultBranch;
      if (!branch) throw new CheckerInputError('GitHub did not say which branch is the default one (an empty repository?)');
      const settings = ctx.config.SupplyChain;
      const since = new Date(Date.now() - settings.build_window_days * 86_400_000);
      const { runs, totalCount } = await client.workflowRuns({ branch, since, maxRuns: settings.build_max_runs });
      const result = evaluateBuilds(runs, { branch, maxRuns: settings.build_max_runs, days: settings.build_window_days, since: since.toISOString().slice(0, 10) });
      result.runs_listed = runs.length;
      if (totalCount !== null) result.runs_in_window = totalCount;
      if (!client.authenticated) result.note = 'read without a token ([Github] access_key): 60 requests an hour, public repositories only';
      return result;
    }),
};
