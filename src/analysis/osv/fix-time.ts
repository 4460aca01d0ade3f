/**
 * How long a project takes to fix vulnerabilities in its own code, from the OSV records whose affected package
 * is the project itself: for each record, the days from its publication (`published`, the public disclosure)
 * to the release of the first version that fixes it (the `fixed` events of the project's package, dated by the
 * registry that serves them). A fix released before the record was published (coordinated disclosure) counts
 * as 0 days: it was there when users learnt of the problem. Withdrawn records are left out.
 */
import { parse as parseToml } from 'smol-toml';
import type { RepoView } from '../../lib/repo/repo-view.js';
import type { Ecosystem } from '../dependencies/types.js';
import type { OsvVulnerability } from './types.js';

/** A package the repository publishes, named as its registry (and OSV) names it. */
export interface ProjectPackage {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  /** The manifest that names it (repository-relative). */
  readonly file: string;
}

type Dict = Record<string, unknown>;
const isDict = (value: unknown): value is Dict => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** The package a root manifest publishes, or null (not a manifest read here, private, unnamed, unparseable). */
export function projectPackageIn(file: string, text: string): ProjectPackage | null {
  const lower = file.toLowerCase();
  try {
    switch (lower) {
      case 'package.json': {
        const data: unknown = JSON.parse(text);
        return isDict(data) && data.private !== true && str(data.name) ? { ecosystem: 'npm', name: str(data.name) as string, file } : null;
      }
      case 'cargo.toml': {
        const pkg = (parseToml(text) as Dict).package;
        return isDict(pkg) && str(pkg.name) && pkg.publish !== false ? { ecosystem: 'crates.io', name: str(pkg.name) as string, file } : null;
      }
      case 'pyproject.toml': {
        const data = parseToml(text) as Dict;
        const name = (isDict(data.project) ? str(data.project.name) : null) ?? (isDict(data.tool) && isDict(data.tool.poetry) ? str(data.tool.poetry.name) : null);
        return name ? { ecosystem: 'PyPI', name, file } : null;
      }
      case 'go.mod': {
        const module = /^\s*module\s+("?)([^\s"]+)\1/m.exec(text)?.[2];
        return module ? { ecosystem: 'Go', name: module, file } : null;
      }
      case 'composer.json': {
        const data: unknown = JSON.parse(text);
        return isDict(data) && str(data.name) ? { ecosystem: 'Packagist', name: str(data.name) as string, file } : null;
      }
      case 'pom.xml': {
        const body = text.replace(/<parent>[\s\S]*?<\/parent>|<dependencies>[\s\S]*?<\/dependencies>|<build>[\s\S]*?<\/build>/g, '');
        const artifact = /<artifactId>\s*([^<\s]+)\s*<\/artifactId>/.exec(body)?.[1];
        const group = /<groupId>\s*([^<\s]+)\s*<\/groupId>/.exec(body)?.[1] ?? /<parent>[\s\S]*?<groupId>\s*([^<\s]+)\s*<\/groupId>/.exec(text)?.[1];
        return artifact && group && !group.includes('$') ? { ecosystem: 'Maven', name: `${group}:${artifact}`, file } : null;
      }
      default:
        return null;
    }
  } catch {
    return null;
  }
}

/** The packages the repository publishes, from its root manifests. */
export async function projectPackages(repo: RepoView): Promise<ProjectPackage[]> {
  const found: ProjectPackage[] = [];
  for (const file of await repo.files()) {
    if (file.path.includes('/') || !['package.json', 'cargo.toml', 'pyproject.toml', 'go.mod', 'composer.json', 'pom.xml'].includes(file.lowerName)) continue;
    const pkg = projectPackageIn(file.path, await repo.readText(file.path));
    if (pkg) found.push(pkg);
  }
  return found;
}

const normalize = (ecosystem: string, name: string): string => (ecosystem === 'PyPI' ? name.toLowerCase().replace(/[-_.]+/g, '-') : ecosystem === 'Go' ? name : name.toLowerCase());

/** The versions that fix the record for this package (`fixed` events of its non-GIT ranges). */
export function fixedVersions(record: OsvVulnerability, pkg: { ecosystem: string; name: string }): string[] {
  const versions = new Set<string>();
  for (const affected of record.affected ?? []) {
    const named = affected.package;
    if (!named || named.ecosystem.split(':')[0] !== pkg.ecosystem || normalize(pkg.ecosystem, named.name) !== normalize(pkg.ecosystem, pkg.name)) continue;
    for (const range of affected.ranges ?? []) {
      if (range.type === 'GIT') continue;
      for (const event of range.events) if (event.fixed) versions.add(event.fixed);
    }
  }
  return [...versions];
}

/** Days from `from` to `to`, one decimal, never below 0. */
export function daysBetween(from: string, to: string): number {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  return Math.max(0, Math.round(days * 10) / 10);
}

/** The mean of day counts, one decimal; null when there is none. */
export function meanDays(days: readonly number[]): number | null {
  if (days.length === 0) return null;
  return Math.round((days.reduce((sum, day) => sum + day, 0) / days.length) * 10) / 10;
}

export interface FixTime {
  readonly id: string;
  readonly package: string;
  readonly published: string;
  readonly fixed_version: string;
  readonly fixed_at: string;
  readonly days: number;
}

/**
 * The fix time of each record: the earliest release date among its fixed versions (dated by `dateOf`), or the
 * reason it could not be measured.
 */
export async function fixTimes(
  pkg: ProjectPackage,
  records: readonly OsvVulnerability[],
  dateOf: (version: string) => Promise<string | null>,
): Promise<{ measured: FixTime[]; unmeasured: { id: string; reason: string }[] }> {
  const measured: FixTime[] = [];
  const unmeasured: { id: string; reason: string }[] = [];
  for (const record of records) {
    if (record.withdrawn) continue;
    const published = typeof record.published === 'string' ? record.published : null;
    if (!published) {
      unmeasured.push({ id: record.id, reason: 'the record has no published date' });
      continue;
    }
    const versions = fixedVersions(record, pkg);
    if (versions.length === 0) {
      unmeasured.push({ id: record.id, reason: 'no fixed version (not fixed, or fixed only by commit)' });
      continue;
    }
    const dated = (await Promise.all(versions.map(async (version) => ({ version, at: await dateOf(version) })))).filter((entry): entry is { version: string; at: string } => entry.at !== null);
    const first = dated.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0];
    if (!first) {
      unmeasured.push({ id: record.id, reason: `the registry gave no release date for ${versions.join(', ')}` });
      continue;
    }
    measured.push({ id: record.id, package: `${pkg.ecosystem}:${pkg.name}`, published, fixed_version: first.version, fixed_at: first.at, days: daysBetween(published, first.at) });
  }
  return { measured, unmeasured };
}
