// `npm run bench [-- [--no-build] [name ...]]`: compiles the sources and benchmarks (tsconfig.test.json →
// dist/), then runs every dist/bench/*.bench.js, or those whose file name contains one of the given names
// (`npm run bench -- ingest`). Benchmarks run one after another, never in parallel: they measure the machine.
// --no-build runs what is already compiled. Exits non-zero if the build or any benchmark failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const unknownFlags = args.filter((arg) => arg.startsWith('-') && arg !== '--no-build');
if (unknownFlags.length > 0) {
  process.stderr.write(`run-bench: unknown option ${unknownFlags.join(', ')} (usage: npm run bench -- [--no-build] [name ...])\n`);
  process.exit(2);
}
const build = !args.includes('--no-build');
const names = args.filter((arg) => !arg.startsWith('-'));

if (build) {
  // The project's own TypeScript (the same as `npx tsc`), with an argument array and no shell.
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  process.stdout.write('run-bench: compiling (tsc -p tsconfig.test.json)\n');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.test.json'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write('run-bench: the build failed; fix the type errors above (or use --no-build to run the last build)\n');
    process.exit(result.status ?? 1);
  }
}

const dir = join(root, 'dist', 'bench');
const available = existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.bench.js')).sort() : [];
const chosen = names.length === 0 ? available : available.filter((file) => names.some((name) => file.includes(name)));
if (chosen.length === 0) {
  process.stderr.write(`run-bench: no benchmark matches ${names.join(', ') || '(any)'}; available: ${available.join(', ') || 'none (build first)'}\n`);
  process.exit(2);
}

const failed = [];
for (const file of chosen) {
  process.stdout.write(`\n=== ${file.replace(/\.bench\.js$/, '')} ===\n`);
  const started = Date.now();
  const result = spawnSync(process.execPath, [join(dir, file)], { cwd: root, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (result.status !== 0) {
    failed.push(file);
    process.stderr.write(`run-bench: ${file} failed (exit ${result.status ?? result.signal}) after ${seconds} s\n`);
  } else {
    process.stdout.write(`run-bench: ${file} finished in ${seconds} s\n`);
  }
}
process.exit(failed.length > 0 ? 1 : 0);
