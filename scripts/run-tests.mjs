// Runs every compiled test file with node's test runner. Node 20's `--test` takes no globs, so the files are
// listed here; the runner prints its own "# pass N / # fail N" summary that CI recognises.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (name.endsWith('.test.js')) out.push(path);
  }
  return out;
}

const filter = process.argv[2];
const files = [...collect('dist/src', []), ...collect('dist/test', []), ...collect('dist/dashboard/test', [])]
  .filter((f) => !filter || f.includes(filter))
  .sort();
// `openchecker check` keeps a result cache in the user's cache folder, and agents a git cache in [Cache] git_dir:
// the suite gets its own, empty ones, so runs never read (or fill) the developer's caches and always start cold.
const cacheHome = mkdtempSync(join(tmpdir(), 'openchecker-test-cache-'));
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', '--test-timeout=420000', ...files], {
  stdio: 'inherit',
  env: { ...process.env, XDG_CACHE_HOME: cacheHome, OPENCHECKER_CACHE_GIT_DIR: join(cacheHome, 'git') },
});
rmSync(cacheHome, { recursive: true, force: true });
process.exit(result.status ?? 1);
