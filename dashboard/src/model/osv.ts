/**
 * osv-scanner output (`{"results":[{"source":{path},"packages":[{"package":{name,version,ecosystem},
 * "vulnerabilities":[OSV records],"groups":[{ids,aliases,max_severity}]}]}]}`) as rows grouped by package.
 * A group is one advisory under all its ids (GHSA-…, CVE-…); its max_severity is a CVSS base score.
 */
import { asArray, asNumber, asString, isObject, type JsonObject } from './json.js';

export type SeverityLevel = 'critical' | 'high' | 'medium' | 'low' | 'unknown';

export interface Severity {
  level: SeverityLevel;
  /** CVSS base score when known. */
  score: number | null;
}

export interface Advisory {
  id: string;
  aliases: string[];
  summary: string;
  severity: Severity;
  url: string;
  fixed: string[];
}

export interface PackageVulnerabilities {
  name: string;
  version: string;
  ecosystem: string;
  source: string;
  advisories: Advisory[];
}

export interface VulnerabilityReport {
  packages: PackageVulnerabilities[];
  counts: Record<SeverityLevel, number>;
  total: number;
}

export const SEVERITY_ORDER: readonly SeverityLevel[] = ['critical', 'high', 'medium', 'low', 'unknown'];

/** CVSS v3/v4 qualitative rating of a base score. */
export function levelOfScore(score: number | null): SeverityLevel {
  if (score === null) return 'unknown';
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'unknown';
}

/** GitHub advisories' database_specific.severity words. */
function levelOfWord(word: string | null): SeverityLevel {
  switch (word?.toUpperCase()) {
    case 'CRITICAL':
      return 'critical';
    case 'HIGH':
      return 'high';
    case 'MODERATE':
    case 'MEDIUM':
      return 'medium';
    case 'LOW':
      return 'low';
    default:
      return 'unknown';
  }
}

export function isOsvOutput(value: unknown): value is JsonObject {
  return isObject(value) && Array.isArray(value.results);
}

/** The advisory's page in the OSV database, which holds every id osv-scanner reports (GHSA, CVE, PYSEC, GO…). */
function advisoryUrl(id: string): string {
  return `https://osv.dev/vulnerability/${encodeURIComponent(id)}`;
}

function fixedVersions(record: JsonObject | undefined, packageName: string): string[] {
  const fixed = new Set<string>();
  for (const affected of asArray(record?.affected)) {
    if (!isObject(affected)) continue;
    const pkg = isObject(affected.package) ? asString(affected.package.name) : null;
    if (pkg && pkg !== packageName) continue;
    for (const range of asArray(affected.ranges)) {
      for (const event of isObject(range) ? asArray(range.events) : []) {
        const version = isObject(event) ? asString(event.fixed) : null;
        if (version) fixed.add(version);
      }
    }
  }
  return [...fixed];
}

function advisoriesOf(entry: JsonObject, packageName: string): Advisory[] {
  const records = new Map<string, JsonObject>();
  for (const vuln of asArray(entry.vulnerabilities)) {
    const id = isObject(vuln) ? asString(vuln.id) : null;
    if (id && isObject(vuln)) records.set(id, vuln);
  }
  const groups = asArray(entry.groups).filter(isObject);
  // Without groups (older osv-scanner), every vulnerability is its own group.
  const grouped: JsonObject[] = groups.length > 0 ? groups : [...records.keys()].map((id) => ({ ids: [id] }));
  return grouped.map((group) => {
    const ids = asArray(group.ids).map(asString).filter((id): id is string => id !== null);
    const record = ids.map((id) => records.get(id)).find((r) => r !== undefined);
    const id = ids[0] ?? asString(record?.id) ?? 'unknown';
    const aliases = new Set<string>([...ids.slice(1), ...asArray(group.aliases).map(asString), ...asArray(record?.aliases).map(asString)].filter((a): a is string => a !== null && a !== id));
    const score = asNumber(group.max_severity);
    const fromWord = isObject(record?.database_specific) ? levelOfWord(asString(record.database_specific.severity)) : 'unknown';
    const level = score !== null ? levelOfScore(score) : fromWord;
    return {
      id,
      aliases: [...aliases].sort(),
      summary: asString(record?.summary) ?? asString(record?.details)?.split('\n')[0] ?? '',
      severity: { level, score },
      url: advisoryUrl(id),
      fixed: fixedVersions(record, packageName),
    };
  });
}

export function vulnerabilityReport(output: JsonObject): VulnerabilityReport {
  const packages: PackageVulnerabilities[] = [];
  for (const result of asArray(output.results)) {
    if (!isObject(result)) continue;
    const source = isObject(result.source) ? (asString(result.source.path) ?? '') : '';
    for (const entry of asArray(result.packages)) {
      if (!isObject(entry)) continue;
      const pkg = isObject(entry.package) ? entry.package : {};
      const name = asString(pkg.name) ?? 'unknown package';
      const advisories = advisoriesOf(entry, name).sort(
        (a, b) => SEVERITY_ORDER.indexOf(a.severity.level) - SEVERITY_ORDER.indexOf(b.severity.level) || (b.severity.score ?? 0) - (a.severity.score ?? 0),
      );
      if (advisories.length === 0) continue;
      packages.push({ name, version: asString(pkg.version) ?? '', ecosystem: asString(pkg.ecosystem) ?? '', source, advisories });
    }
  }
  const worst = (p: PackageVulnerabilities): number => SEVERITY_ORDER.indexOf(p.advisories[0]?.severity.level ?? 'unknown');
  packages.sort((a, b) => worst(a) - worst(b) || a.name.localeCompare(b.name));
  const counts: Record<SeverityLevel, number> = { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
  for (const p of packages) for (const a of p.advisories) counts[a.severity.level]++;
  return { packages, counts, total: packages.reduce((n, p) => n + p.advisories.length, 0) };
}
