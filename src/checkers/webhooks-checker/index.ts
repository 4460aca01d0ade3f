/**
 * webhooks-checker: the repository's webhooks, read with the caller's own token (the task's `access_token`,
 * as upstream: listing hooks needs admin rights on the repository, which the agent's configured token usually
 * lacks). Every page is read (upstream read the first 100 only); secrets are masked.
 *
 * Output keeps upstream's shape `{"access_token": bool, "error_msg": str|null, "webhooks_hooks": [...]}`. A
 * refused token or a hidden repository (GitHub answers 404 without admin rights) stays in `error_msg`, as
 * upstream, but says what happened instead of a bare "token invalid".
 */
import { PlatformError, RepoUrlError, platformClient } from '../../platforms/index.js';
import { commandError } from '../shared/platform-errors.js';
import type { Checker, Json } from '../types.js';
import { maskHook } from '../../analysis/scorecard/webhook-secret.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  async run(ctx) {
    const token = ctx.task.accessToken;
    if (!token) return { access_token: false, error_msg: null, webhooks_hooks: [] };
    try {
      const client = platformClient(ctx.task.projectUrl, { config: ctx.config, cache: ctx.cache, signal: ctx.signal, token });
      const hooks = await client.hooks();
      return { access_token: true, error_msg: null, webhooks_hooks: hooks.map(maskHook) };
    } catch (err) {
      // Upstream: other hosts → "Not supported platform." in error_msg, not an error.
      if (err instanceof RepoUrlError) return { access_token: true, error_msg: err.message, webhooks_hooks: [] as Json[] };
      if (err instanceof PlatformError && (err.kind === 'unauthorized' || err.kind === 'forbidden' || err.kind === 'not_found')) {
        return { access_token: true, error_msg: `token invalid: ${err.message}`, webhooks_hooks: [] as Json[] };
      }
      throw commandError(err);
    }
  },
};
