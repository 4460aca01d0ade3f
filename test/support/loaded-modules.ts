/**
 * Which modules a piece of code loads: runs `code` (an ES module body) in a fresh Node process traced by
 * module-trace.ts and returns the absolute paths of every module it loaded (built-in node: modules left out).
 * Node has no public list of loaded ES modules, so a loader hook records them as they load.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function loadedModules(code: string, env: Record<string, string> = {}): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'oc-module-trace-'));
  const file = join(dir, 'modules.txt');
  try {
    const result = spawnSync(process.execPath, ['--import', new URL('./module-trace.js', import.meta.url).href, '--input-type=module', '-e', code], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, ...env, OPENCHECKER_MODULE_TRACE: file },
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (result.status !== 0) throw new Error(`traced process exited ${result.status ?? result.signal}: ${result.stderr}`);
    const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line !== '' && !line.startsWith('node:'));
    return [...new Set(lines.map((line) => (line.startsWith('file:') ? fileURLToPath(line) : line)))].sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
