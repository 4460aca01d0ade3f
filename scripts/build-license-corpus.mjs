// Build step (appended to `npm run build`): normalises every SPDX license text once and writes the corpus
// beside the compiled module (dist/src/analysis/licenses/license-corpus.json), so that a process loads it in
// milliseconds instead of normalising ~700 texts (about a second of CPU). The file is keyed by the
// spdx-license-list version and a hash of the compiled normaliser: a stale file is ignored and the corpus is
// built in the process, so the output is never wrong, only slower. See src/analysis/licenses/corpus.ts.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const module = join(root, 'dist', 'src', 'analysis', 'licenses', 'corpus.js');
if (!existsSync(module)) {
  process.stderr.write(`build-license-corpus: ${module} not found; run tsc -p tsconfig.build.json first\n`);
  process.exit(1);
}
const { writePrecomputedCorpus } = await import(pathToFileURL(module).href);
const started = performance.now();
const { path, entries } = writePrecomputedCorpus();
process.stdout.write(`build-license-corpus: ${entries} license texts → ${path} (${Math.round(performance.now() - started)} ms)\n`);
