// Build step (appended to `npm run build`): tokenises ScanCode's LicenseDB (data/scancode-licensedb/) once and
// writes the index beside the compiled module (dist/src/analysis/licenses/licensedb-index.bin), so that a process
// loads it in milliseconds instead of parsing 37,680 texts. The index is keyed by a hash of the compiled modules
// and of the data file; a stale one is rebuilt in the process instead, see src/analysis/licenses/licensedb-index.ts.
// Usage: node scripts/build-licensedb-index.mjs [<compiled root>]   (default: dist; tests pass their own folder)
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = resolve(root, process.argv[2] ?? 'dist');
const module = join(compiled, 'src', 'analysis', 'licenses', 'licensedb-index.js');
if (!existsSync(module)) {
  process.stderr.write(`build-licensedb-index: ${module} not found; run tsc -p tsconfig.build.json first\n`);
  process.exit(1);
}
const { writeLicenseDbIndex } = await import(pathToFileURL(module).href);
const started = performance.now();
const { path, bytes, rules, licenses } = writeLicenseDbIndex();
const ms = Math.round(performance.now() - started);
process.stdout.write(
  `build-licensedb-index: ${rules} rules (${licenses} license texts) → ${path} (${(bytes / 1048576).toFixed(1)} MB, ${ms} ms)\n`,
);
