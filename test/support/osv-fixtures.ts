/** Recorded OSV records (from the OSV API samples) for tests, read from the source tree. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/lib/paths.js';
import type { OsvVulnerability } from '../../src/analysis/osv/types.js';

export const FIXTURE_IDS = ['GHSA-269g-pwp5-87pp', 'GHSA-whgm-jr23-g3j9', 'GO-2022-0274', 'PYSEC-2020-73', 'RUSTSEC-2022-0013'] as const;

export function fixtureDir(): string {
  return join(packageRoot(), 'src', 'analysis', 'osv', 'fixtures');
}

export function fixtureRecord(id: (typeof FIXTURE_IDS)[number]): OsvVulnerability {
  return JSON.parse(readFileSync(join(fixtureDir(), `${id}.json`), 'utf8')) as OsvVulnerability;
}
