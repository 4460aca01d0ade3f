/**
 * criticality-score: the OpenSSF criticality score of a GitHub repository, computed natively from the GitHub API
 * (upstream ran the legacy Python tool and parsed its log output). Result: `{"criticality_score": 0.71234,
 * "signals": {"created_since": …, …}}` — upstream's key plus the ten signals the score is made of.
 */
import { platformCall } from '../shared/platform-errors.js';
import { gitHubClient, parseRepoUrl } from '../../platforms/index.js';
import { CheckerInputError, type Checker } from '../types.js';
import { collectSignals } from './collect.js';
import { criticalityScore } from './score.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  run: (ctx) =>
    platformCall(async () => {
      const ref = parseRepoUrl(ctx.task.projectUrl);
      if (ref.platform !== 'github') throw new CheckerInputError('URL is not supported by criticality score: it needs a github.com repository');
      const client = gitHubClient(ref, { config: ctx.config, cache: ctx.cache, signal: ctx.signal });
      const signals = await collectSignals(client);
      return { criticality_score: criticalityScore(signals), signals };
    }),
};
