/**
 * Whether an OSV record affects a package version, evaluated locally (offline mode) as the OSV schema's
 * "Evaluation" section describes: a version is affected when an `affected[]` entry for the package lists it
 * in `versions`, or when one of its SEMVER/ECOSYSTEM ranges includes it. GIT ranges name commits, not
 * versions; without the repository's history only what needs none is evaluated (gitRangeIncludes).
 */
import { baseEcosystem, ecosystemScheme, semverScheme, type VersionScheme } from './versions/index.js';
import type { OsvAffected, OsvEvent, OsvRange, OsvVulnerability, PackageQuery } from './types.js';

/** Package names as the ecosystem compares them (PEP 503 for PyPI; case-insensitive where the registry is). */
export function normalizeName(ecosystem: string, name: string): string {
  switch (baseEcosystem(ecosystem)) {
    case 'PyPI':
      return name.toLowerCase().replace(/[-_.]+/g, '-');
    case 'Packagist':
    case 'NuGet':
    case 'Pub':
    case 'Hex':
      return name.toLowerCase();
    default:
      return name;
  }
}

function schemeFor(range: OsvRange, ecosystem: string): VersionScheme | null {
  if (range.type === 'SEMVER') return semverScheme;
  if (range.type === 'ECOSYSTEM') return ecosystemScheme(ecosystem);
  return null;
}

type Kind = 'introduced' | 'fixed' | 'last_affected' | 'limit';
interface Event {
  readonly kind: Kind;
  readonly version: string;
}

function eventOf(event: OsvEvent): Event | null {
  if (event.introduced !== undefined) return { kind: 'introduced', version: event.introduced };
  if (event.fixed !== undefined) return { kind: 'fixed', version: event.fixed };
  if (event.last_affected !== undefined) return { kind: 'last_affected', version: event.last_affected };
  if (event.limit !== undefined) return { kind: 'limit', version: event.limit };
  return null;
}

/** Whether `version` lies in the range. Events whose versions the scheme cannot read are skipped. */
export function rangeIncludes(range: OsvRange, ecosystem: string, version: string): boolean {
  const scheme = schemeFor(range, ecosystem);
  if (!scheme || !scheme.valid(version)) return false;
  const events: Event[] = [];
  const limits: string[] = [];
  for (const raw of range.events) {
    const event = eventOf(raw);
    if (!event) continue;
    // `introduced: "0"` means "since the first version", whatever the ecosystem's order calls 0.
    if (event.kind === 'introduced' && event.version === '0') {
      events.push(event);
    } else if (event.kind === 'limit') {
      if (event.version !== '*' && scheme.valid(event.version)) limits.push(event.version);
    } else if (scheme.valid(event.version)) {
      events.push(event);
    }
  }
  // A range with limits ends at them: the version must be below at least one.
  if (limits.length > 0 && !limits.some((limit) => scheme.compare(version, limit) < 0)) return false;
  const zero = (event: Event): boolean => event.kind === 'introduced' && event.version === '0';
  events.sort((a, b) => (zero(a) ? (zero(b) ? 0 : -1) : zero(b) ? 1 : scheme.compare(a.version, b.version)));
  let affected = false;
  for (const event of events) {
    if (event.kind === 'introduced') {
      if (zero(event) || scheme.compare(version, event.version) >= 0) affected = true;
    } else if (event.kind === 'fixed') {
      if (scheme.compare(version, event.version) >= 0) affected = false;
    } else if (event.kind === 'last_affected') {
      if (scheme.compare(version, event.version) > 0) affected = false;
    }
  }
  return affected;
}

/** A full or abbreviated (at least 7 hex digits) git commit hash. */
const COMMIT = /^[0-9a-f]{7,40}$/i;

/** Whether two hashes name the same commit: equal, or one an abbreviation (prefix) of the other. */
function sameCommit(a: string, b: string): boolean {
  if (!COMMIT.test(a) || !COMMIT.test(b)) return false;
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x.length <= y.length ? y.startsWith(x) : x.startsWith(y);
}

/**
 * Whether a GIT range includes the package, as far as that can be told without the repository's history
 * (deciding whether a commit lies between `introduced` and `fixed` needs the commit graph, which offline mode
 * does not have). Evaluated:
 * - `introduced: "0"` with no `fixed`, `last_affected` or `limit`: every commit is affected, so every version
 *   of the package is, pinned commit or not;
 * - a pinned commit (the query's `commit`, or a version that is itself a hash) equal to an event's commit:
 *   an `introduced` or `last_affected` commit is affected, a `fixed` or `limit` commit is not.
 * Any other commit or version is not matched by the range (the record can still match by its `versions`
 * list, which osv.dev fills from the repository's tags, or by other ranges).
 */
export function gitRangeIncludes(range: OsvRange, query: PackageQuery): boolean {
  const events = range.events.map(eventOf).filter((event): event is Event => event !== null);
  const open = events.every((event) => event.kind === 'introduced' && event.version === '0') && events.length > 0;
  if (open) return true;
  const commits = [query.commit, query.version].filter((value): value is string => typeof value === 'string' && COMMIT.test(value));
  for (const commit of commits) {
    // "Not affected" first: a fix commit listed again as introduced (a revert) is read as fixed.
    if (events.some((event) => (event.kind === 'fixed' || event.kind === 'limit') && sameCommit(event.version, commit))) return false;
    if (events.some((event) => (event.kind === 'introduced' || event.kind === 'last_affected') && sameCommit(event.version, commit))) return true;
  }
  return false;
}

function listsVersion(affected: OsvAffected, ecosystem: string, version: string): boolean {
  const versions = affected.versions ?? [];
  if (versions.includes(version)) return true;
  // `1.0` and `1.0.0` are one PyPI version; equal under the ecosystem's order counts as listed.
  const scheme = ecosystemScheme(ecosystem);
  if (!scheme || !scheme.valid(version)) return false;
  return versions.some((listed) => scheme.valid(listed) && scheme.compare(listed, version) === 0);
}

export function affectsPackage(affected: OsvAffected, query: PackageQuery): boolean {
  const pkg = affected.package;
  if (!pkg) return false;
  if (baseEcosystem(pkg.ecosystem) !== baseEcosystem(query.ecosystem)) return false;
  if (normalizeName(query.ecosystem, pkg.name) !== normalizeName(query.ecosystem, query.name)) return false;
  if (listsVersion(affected, query.ecosystem, query.version)) return true;
  return (affected.ranges ?? []).some((range) => (range.type === 'GIT' ? gitRangeIncludes(range, query) : rangeIncludes(range, query.ecosystem, query.version)));
}

/** Whether the record affects the package at the queried version (withdrawn records affect nothing). */
export function isAffected(record: OsvVulnerability, query: PackageQuery): boolean {
  if (record.withdrawn) return false;
  return (record.affected ?? []).some((affected) => affectsPackage(affected, query));
}
