/**
 * Loaded with `node --import <this file>` by loaded-modules.ts: records every module the process loads into
 * the file named by OPENCHECKER_MODULE_TRACE, one absolute path or URL a line. ES modules are recorded by a
 * loader hook (module-trace-hooks.ts) as they load; CommonJS modules required by other CommonJS modules do
 * not pass through Node 20's loader hooks, so the require cache is added when the process exits.
 */
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const file = process.env.OPENCHECKER_MODULE_TRACE;
if (!file) throw new Error('module-trace: set OPENCHECKER_MODULE_TRACE to the file to write');
register('./module-trace-hooks.js', import.meta.url, { data: { file } });
process.on('exit', () => {
  const cached = Object.keys(createRequire(import.meta.url).cache);
  if (cached.length > 0) appendFileSync(file, `${cached.join('\n')}\n`);
});
