/**
 * Semantic Versioning 2.0 (OSV `SEMVER` ranges; npm, crates.io, Go, Pub, Hex, OHPM versions), through the
 * `semver` package npm itself uses. OSV's SEMVER ranges carry versions without a `v` (Go's are stripped), and
 * some records hold partial versions (`1.2`), which the spec says to read as `1.2.0`; `coerce` keeps their
 * pre-release and build parts so `1.0-rc.1` still sorts before `1.0`.
 */
import { coerce, parse, type SemVer } from 'semver';
import type { VersionScheme } from './scheme.js';

const cache = new Map<string, SemVer | null>();
const CACHE_LIMIT = 100_000;

export function parseSemver(version: string): SemVer | null {
  let parsed = cache.get(version);
  if (parsed !== undefined) return parsed;
  const text = version.trim().replace(/^[vV]/, '');
  parsed = parse(text) ?? (/^\d+(\.\d+)?([-+].*)?$/.test(text) ? coerce(text, { includePrerelease: true }) : null);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(version, parsed);
  return parsed;
}

export const semverScheme: VersionScheme = {
  name: 'semver',
  valid: (version) => parseSemver(version) !== null,
  // Build metadata does not change precedence (SemVer §10), so `1.0.0+a` equals `1.0.0`.
  compare: (a, b) => {
    const left = parseSemver(a);
    const right = parseSemver(b);
    if (!left || !right) throw new Error(`not a semantic version: ${left ? b : a}`);
    return left.compare(right);
  },
};
