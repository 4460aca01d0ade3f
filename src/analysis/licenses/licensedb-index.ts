/**
 * ScanCode's LicenseDB (2,356 licenses, 35,324 rules; CC-BY-4.0, see NOTICE) as one compact index, loaded once
 * per process.
 *
 * `npm run build` (scripts/build-licensedb-index.mjs) tokenises every rule and license text once and writes the
 * index beside the compiled module (dist/src/analysis/licenses/licensedb-index.bin): a process reads that one
 * file and views its token ids in place, never parsing the 46 MB of rule JSON. The index is keyed, as the SPDX
 * corpus is (corpus.ts), by a hash of the compiled modules that made it, and records the hash of the data file
 * it came from. A missing or stale index (running from sources, an edited tokenizer, a data file replaced
 * without a rebuild) is not used: the index is built in the process from the data file, so results never
 * depend on a stale file, only start-up time does. An installed package ships the index and not the raw data.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../../lib/paths.js';
import { buildLicenseDbColumns, parseLicenseDbData, sha256 } from './licensedb-build.js';
import { decodeLicenseDb, encodeLicenseDb, FORMAT, readLicenseDbHeader, type LicenseDb } from './licensedb-format.js';

export type { LicenseDb, LicenseDbLicense, LicenseDbRule, LicenseDbSource, RuleKind, TokenIds } from './licensedb-format.js';
export { hashTokenIds } from './licensedb-format.js';
export { isStopword, tokenize, tokenizeRule, tokenizeWithLines } from './licensedb-tokenize.js';

/** The raw data in a source checkout (the package ships the built index instead). */
export function licenseDbDataPath(): string {
  return join(packageRoot(), 'data', 'scancode-licensedb', 'licensedb.json.gz');
}

/** Where the build step writes the index: beside the compiled module. */
export function licenseDbIndexPath(): string {
  return fileURLToPath(new URL('./licensedb-index.bin', import.meta.url));
}

const MODULES = ['./licensedb-index.js', './licensedb-build.js', './licensedb-format.js', './licensedb-tokenize.js', './licensedb-postings.js'];

/**
 * What the stored index depends on besides the data: the code that made it, as compiled. From sources (tsx) the
 * compiled files are not there and the key is null: the index is built in the process.
 */
export function licenseDbCodeKey(): string | null {
  try {
    const hash = createHash('sha256').update(`format ${FORMAT}\n`);
    for (const file of MODULES) hash.update(readFileSync(new URL(file, import.meta.url)));
    return hash.digest('hex');
  } catch {
    return null;
  }
}

export interface LicenseDbPaths {
  /** The index file (default: beside the compiled module). */
  readonly index?: string;
  /** The raw data (default: data/scancode-licensedb/licensedb.json.gz in the package). */
  readonly data?: string;
}

/** Builds the index from the data file and writes it (the build step). */
export function writeLicenseDbIndex(paths: LicenseDbPaths = {}): { path: string; bytes: number; rules: number; licenses: number } {
  const key = licenseDbCodeKey();
  if (!key) throw new Error('the compiled LicenseDB modules are not beside licensedb-index.js: run tsc first');
  const bytes = buildIndexBytes(paths.data ?? licenseDbDataPath(), key);
  const path = paths.index ?? licenseDbIndexPath();
  writeFileSync(path, bytes);
  const db = decodeLicenseDb(bytes) as LicenseDb;
  return { path, bytes: bytes.length, rules: db.rules.length, licenses: db.licenses.length };
}

function buildIndexBytes(dataPath: string, key: string): Buffer {
  let gzipped: Buffer;
  try {
    gzipped = readFileSync(dataPath);
  } catch (error) {
    throw new Error(`LicenseDB data not found at ${dataPath} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  return encodeLicenseDb(buildLicenseDbColumns(parseLicenseDbData(gzipped), key, sha256(gzipped)));
}

export type LicenseDbFreshness = 'fresh' | 'missing' | 'stale-code' | 'stale-data' | 'unreadable';

/**
 * Whether the stored index may be used: built by this code, and from the data file when the data file is here
 * (a source checkout; an installed package has only the index, which its own build made).
 */
export function licenseDbIndexFreshness(paths: LicenseDbPaths = {}): LicenseDbFreshness {
  return checkIndex(paths).freshness;
}

function checkIndex(paths: LicenseDbPaths): { freshness: LicenseDbFreshness; bytes?: Buffer } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(paths.index ?? licenseDbIndexPath());
  } catch {
    return { freshness: 'missing' };
  }
  const header = readLicenseDbHeader(bytes);
  if (!header) return { freshness: 'unreadable' };
  const key = licenseDbCodeKey();
  if (!key || header.key !== key) return { freshness: 'stale-code' };
  const data = paths.data ?? licenseDbDataPath();
  // Hashing the 8 MB data file costs ~10 ms, paid only where the raw data is (a source checkout).
  if (existsSync(data) && sha256(readFileSync(data)) !== header.dataSha256) return { freshness: 'stale-data' };
  return { freshness: 'fresh', bytes };
}

let loaded: LicenseDb | null = null;

/**
 * The LicenseDB, kept for the process: the stored index when it is fresh (about 100 ms), else built here from the
 * data file (seconds). Throws when there is neither a usable index nor the data file.
 */
export function loadLicenseDb(paths?: LicenseDbPaths): LicenseDb {
  if (paths) return loadFrom(paths);
  loaded ??= loadFrom({});
  return loaded;
}

function loadFrom(paths: LicenseDbPaths): LicenseDb {
  const { bytes } = checkIndex(paths);
  const stored = bytes ? decodeLicenseDb(bytes) : null;
  if (stored) return stored;
  const data = paths.data ?? licenseDbDataPath();
  if (!existsSync(data)) {
    throw new Error(`the LicenseDB index is missing or stale and there is no data file at ${data} to rebuild it: run npm run build`);
  }
  return decodeLicenseDb(buildIndexBytes(data, licenseDbCodeKey() ?? 'in-process')) as LicenseDb;
}
