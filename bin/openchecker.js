#!/usr/bin/env node
// Entry point of the `openchecker` command: the compiled CLI lives in dist/ (built by `npm ci` via `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('openchecker: the CLI is not built yet. Run `npm ci` (or `npm run build`) in the checkout first.\n');
  process.exit(1);
}
const { main } = await import(entry.href);
await main(process.argv);
