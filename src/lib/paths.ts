/** Locations inside the installed package (the same from src/ under tsc output in dist/src/). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: the folder holding package.json. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

/** The EOL list shipped with OpenChecker (upstream's list), used when none is configured. */
export function shippedEolList(): string {
  return join(packageRoot(), 'config', 'eol.yaml');
}
