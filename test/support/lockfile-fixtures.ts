/** Helpers for the extractors' tests: fixture files live in the source tree, beside each extractor. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/lib/paths.js';
import type { PackageRecord } from '../../src/analysis/dependencies/types.js';

/** The text of `src/analysis/dependencies/<extractor>/fixtures/<file>` (read from the source tree, also under dist/). */
export function fixture(extractor: string, file: string): string {
  return readFileSync(join(packageRoot(), 'src', 'analysis', 'dependencies', extractor, 'fixtures', file), 'utf8');
}

/** The one package named `name` (and `version`, when given); throws when there is not exactly one. */
export function onePackage(packages: readonly PackageRecord[], name: string, version?: string): PackageRecord {
  const found = packages.filter((pkg) => pkg.name === name && (version === undefined || pkg.version === version));
  if (found.length !== 1) throw new Error(`expected one ${name}${version ? `@${version}` : ''}, found ${found.length}`);
  return found[0] as PackageRecord;
}

/** `name@version` of every package, sorted: a compact value to compare whole extractions with. */
export function ids(packages: readonly PackageRecord[]): string[] {
  return packages.map((pkg) => `${pkg.name}@${pkg.version}`).sort();
}

/** Converts a fixture to CRLF line endings. */
export function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
