/**
 * eol-checker: whether the project is on the end-of-life list. Found: `{"eol_status", "eol_release",
 * "eol_time"}` from its entry; not listed: the same keys with empty strings (upstream's shape). Needs no
 * checkout: the answer comes from the list alone.
 */
import type { Checker } from '../types.js';
import { eolResult, lookupEol } from './eol-list.js';
import { loadEolList, resolveEolListPath } from './load.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  async run(ctx) {
    const { path, source } = await resolveEolListPath(ctx.config.OpenCheck.eol_list_path, ctx.configDir);
    ctx.log.debug({ path, source }, 'EOL list');
    const index = await loadEolList(path, ctx.signal);
    return eolResult(lookupEol(index, ctx.task.projectUrl));
  },
};
