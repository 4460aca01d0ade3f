/**
 * Clojure CLI's `deps.edn` (EDN, parsed with edn-data): `:deps` maps each library symbol (`group/artifact`, or
 * `artifact` for `artifact/artifact`) to its coordinate: `{:mvn/version "1.2.3"}` for a Maven artifact,
 * `{:git/url ... :git/sha "..."}` for a repository, `{:local/root "../x"}` for a folder. `:aliases` add more under
 * `:extra-deps`, `:replace-deps`, `:override-deps` and `:default-deps`.
 *
 * As OSV-SCALIBR (clojure/depsedn): every dependency map, wherever it is, gives Maven packages for its
 * `:mvn/version` coordinates, each name and version once; folders are skipped. Repository coordinates, which it
 * skips, are kept here with their commit. A deps.edn is a manifest: every package is direct, and those only an
 * alias brings in are dev (an alias is an optional classpath: tests, builds, tooling).
 */
import { parseEDNString } from 'edn-data';
import { LineLocator } from '../lines.js';
import { MalformedFileError, baseName, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'deps-edn',
  version: 1,
  ecosystem: 'Maven',
  matches: (path) => baseName(path) === 'deps.edn',
  async extract(repo, path) {
    return parseDepsEdn(await readLockfile(repo, path), path);
  },
};

const DEPENDENCY_MAPS = new Set(['deps', 'extra-deps', 'replace-deps', 'override-deps', 'default-deps']);

interface Found {
  readonly lib: string;
  readonly version: string;
  readonly commit?: string;
  readonly dev: boolean;
}

/** The name of an EDN symbol or keyword as edn-data returns it (`{sym: 'a/b'}`, `{key: 'a/b'}` or a string). */
function symbolName(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    if ('sym' in value && typeof value.sym === 'string') return value.sym;
    if ('key' in value && typeof value.key === 'string') return value.key;
  }
  return undefined;
}

function stringAt(coordinate: Map<unknown, unknown>, key: string): string | undefined {
  const value = coordinate.get(key);
  return typeof value === 'string' ? value : undefined;
}

/** Walks every map of the document, collecting the entries of dependency maps; `dev` below `:aliases`. */
function collect(value: unknown, dev: boolean, into: Found[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, dev, into);
    return;
  }
  if (!(value instanceof Map)) return;
  for (const [key, child] of value) {
    const name = symbolName(key);
    if (name !== undefined && DEPENDENCY_MAPS.has(name) && child instanceof Map) {
      for (const [lib, coordinate] of child) {
        const libName = symbolName(lib);
        if (!libName || !(coordinate instanceof Map)) continue;
        const mvn = stringAt(coordinate, 'mvn/version');
        const sha = stringAt(coordinate, 'git/sha') ?? stringAt(coordinate, 'sha');
        if (mvn) into.push({ lib: libName, version: mvn, dev });
        else if (sha) into.push({ lib: libName, version: '', commit: sha, dev });
      }
      continue;
    }
    collect(child, dev || name === 'aliases', into);
  }
}

/** `group/artifact` → `group:artifact`; a bare `artifact` is `artifact:artifact`. */
function mavenName(lib: string): string {
  const cut = lib.indexOf('/');
  return cut < 0 ? `${lib}:${lib}` : `${lib.slice(0, cut)}:${lib.slice(cut + 1)}`;
}

export function parseDepsEdn(text: string, path: string): PackageRecord[] {
  let document: unknown;
  try {
    document = parseEDNString(text, { mapAs: 'map', keywordAs: 'string', listAs: 'array', setAs: 'array' });
  } catch (err) {
    throw new MalformedFileError(`not valid EDN: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (document === null || document === undefined) {
    // edn-data answers null for an unclosed form instead of failing; an empty file (comments only) has no form.
    if (text.replace(/;.*$/gm, '').trim() === '') return [];
    throw new MalformedFileError('not valid EDN: a form is not closed');
  }
  if (!(document instanceof Map)) throw new MalformedFileError('a deps.edn must hold a map');
  const found: Found[] = [];
  // The project's own :deps first, so a library an alias also names is not dev.
  collect(new Map([['deps', document.get('deps')]]), false, found);
  document.delete('deps');
  collect(document, false, found);
  const locator = new LineLocator(text);
  const seen = new Set<string>();
  const records: PackageRecord[] = [];
  for (const dependency of found) {
    const name = mavenName(dependency.lib);
    const key = `${name}@${dependency.version}@${dependency.commit ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    records.push(
      packageRecord('Maven', path, {
        name,
        version: dependency.version,
        direct: true,
        dev: dependency.dev,
        line: locator.find(dependency.lib, (after) => /[\s{,]/.test(text[after] ?? ' ')),
        resolution: dependency.commit !== undefined ? 'git' : 'registry',
        commit: dependency.commit && /^[0-9a-f]{7,40}$/i.test(dependency.commit) ? dependency.commit.toLowerCase() : undefined,
      }),
    );
  }
  return records;
}
