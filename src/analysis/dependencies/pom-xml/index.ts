/**
 * Maven's `pom.xml` (parsed with fast-xml-parser, `parseTagValue: false` so versions stay strings), without
 * any network: the `<dependencies>` of the project, with `${...}` placeholders resolved from `<properties>`,
 * the project's and parent's coordinates (`project.version`, `project.parent.version`, ...), and missing
 * versions taken from `<dependencyManagement>`. A parent POM found in the repository (its `relativePath`,
 * default `../pom.xml`, with matching coordinates) contributes its properties and managed versions, up the
 * chain. Scope `test` marks dev dependencies. Every declared dependency is direct; the POM has no graph.
 * Not resolved (no network): parents and imported BOMs outside the repository, profiles, plugins.
 */
import { XMLParser } from 'fast-xml-parser';
import type { RepoView } from '../../../lib/repo/repo-view.js';
import { LineLocator } from '../lines.js';
import { MalformedFileError, asString, baseName, dirName, isObject, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'pom-xml',
  version: 1,
  ecosystem: 'Maven',
  matches: (path) => baseName(path) === 'pom.xml',
  async extract(repo, path) {
    const text = await readLockfile(repo, path);
    const project = parsePom(text);
    const parents: Pom[] = [];
    await collectParents(repo, path, project, parents);
    return pomPackages(text, path, project, parents);
  },
};

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'dependency',
});

interface Dependency {
  readonly groupId: string;
  readonly artifactId: string;
  readonly version?: string;
  readonly scope?: string;
  readonly optional?: string;
}

export interface Pom {
  readonly groupId?: string;
  readonly artifactId?: string;
  readonly version?: string;
  readonly parent?: { groupId?: string; artifactId?: string; version?: string; relativePath?: string };
  readonly properties: Record<string, string>;
  readonly managed: Dependency[];
  readonly dependencies: Dependency[];
}

function dependencies(section: unknown): Dependency[] {
  if (!isObject(section) || !Array.isArray(section.dependency)) return [];
  return section.dependency.filter(isObject).flatMap((dep) => {
    const groupId = asString(dep.groupId);
    const artifactId = asString(dep.artifactId);
    if (!groupId || !artifactId) return [];
    return [{ groupId, artifactId, version: asString(dep.version), scope: asString(dep.scope), optional: asString(dep.optional) }];
  });
}

export function parsePom(text: string): Pom {
  let document: unknown;
  try {
    document = parser.parse(text, true);
  } catch (err) {
    throw new MalformedFileError(`not valid XML: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!isObject(document) || !isObject(document.project)) throw new MalformedFileError('no <project> element: not a Maven POM');
  const project = document.project;
  const properties: Record<string, string> = {};
  if (isObject(project.properties)) {
    for (const [key, value] of Object.entries(project.properties)) if (typeof value === 'string') properties[key] = value;
  }
  const parent = isObject(project.parent) ? project.parent : undefined;
  return {
    groupId: asString(project.groupId),
    artifactId: asString(project.artifactId),
    version: asString(project.version),
    parent: parent && {
      groupId: asString(parent.groupId),
      artifactId: asString(parent.artifactId),
      version: asString(parent.version),
      relativePath: asString(parent.relativePath),
    },
    properties,
    managed: dependencies(isObject(project.dependencyManagement) ? project.dependencyManagement.dependencies : undefined),
    dependencies: dependencies(project.dependencies),
  };
}

/** Parent POMs found in the repository, nearest first (at most 10 levels; a cycle stops the walk). */
async function collectParents(repo: RepoView, path: string, pom: Pom, into: Pom[], seen = new Set<string>([path])): Promise<void> {
  const parent = pom.parent;
  if (!parent || into.length >= 10) return;
  let candidate = [dirName(path), parent.relativePath ?? '../pom.xml'].filter(Boolean).join('/');
  if (!candidate.endsWith('.xml')) candidate += '/pom.xml';
  const parts: string[] = [];
  for (const part of candidate.split('/')) {
    if (part === '..') {
      if (parts.length === 0) return; // outside the repository
      parts.pop();
    } else if (part !== '.' && part !== '') parts.push(part);
  }
  const parentPath = parts.join('/');
  if (seen.has(parentPath) || !(await repo.exists(parentPath))) return;
  seen.add(parentPath);
  let parsed: Pom;
  try {
    parsed = parsePom(await repo.readText(parentPath));
  } catch {
    return; // a broken parent only costs the values it would have supplied
  }
  if (parsed.artifactId !== parent.artifactId || (parsed.groupId ?? parsed.parent?.groupId) !== parent.groupId) return;
  into.push(parsed);
  await collectParents(repo, parentPath, parsed, into, seen);
}

/** Resolves `${name}` placeholders (nested ones too), leaving unknown ones in place. */
function interpolator(pom: Pom, parents: readonly Pom[]): (value: string) => string {
  const values = new Map<string, string>();
  for (const source of [...parents].reverse().concat(pom)) {
    for (const [key, value] of Object.entries(source.properties)) values.set(key, value);
  }
  const version = pom.version ?? pom.parent?.version;
  const groupId = pom.groupId ?? pom.parent?.groupId;
  const builtins: Record<string, string | undefined> = {
    'project.version': version,
    'pom.version': version,
    version,
    'project.groupId': groupId,
    'pom.groupId': groupId,
    'project.artifactId': pom.artifactId,
    'project.parent.version': pom.parent?.version,
    'parent.version': pom.parent?.version,
    'project.parent.groupId': pom.parent?.groupId,
  };
  for (const [key, value] of Object.entries(builtins)) if (value !== undefined && !values.has(key)) values.set(key, value);
  const resolve = (value: string, depth: number): string =>
    depth > 10 ? value : value.replace(/\$\{([^}]+)\}/g, (whole, key: string) => (values.has(key) ? resolve(values.get(key) as string, depth + 1) : whole));
  return (value) => resolve(value, 0);
}

/** Offsets of sections whose `<dependency>` elements are not the project's dependencies. */
function excludedRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const tag of ['dependencyManagement', 'build', 'profiles', 'reporting', 'parent']) {
    let at = text.indexOf(`<${tag}>`);
    while (at >= 0) {
      const end = text.indexOf(`</${tag}>`, at);
      if (end < 0) break;
      ranges.push([at, end]);
      at = text.indexOf(`<${tag}>`, end);
    }
  }
  return ranges;
}

export function pomPackages(text: string, path: string, pom: Pom, parents: readonly Pom[] = []): PackageRecord[] {
  const interpolate = interpolator(pom, parents);
  const managed = new Map<string, Dependency>();
  for (const source of [pom, ...parents]) {
    for (const dep of source.managed) {
      const key = `${interpolate(dep.groupId)}:${interpolate(dep.artifactId)}`;
      if (!managed.has(key)) managed.set(key, dep);
    }
  }
  const locator = new LineLocator(text);
  const excluded = excludedRanges(text);
  const records: PackageRecord[] = [];
  for (const dep of pom.dependencies) {
    const groupId = interpolate(dep.groupId);
    const artifactId = interpolate(dep.artifactId);
    const management = managed.get(`${groupId}:${artifactId}`);
    const rawVersion = dep.version ?? management?.version;
    const version = rawVersion === undefined ? '' : interpolate(rawVersion);
    const scope = dep.scope ?? management?.scope;
    const needle = `<artifactId>${dep.artifactId}</artifactId>`;
    records.push(
      packageRecord('Maven', path, {
        name: `${groupId}:${artifactId}`,
        // A placeholder nothing in the repository defines: the version is unknown, not `${x}`.
        version: version.includes('${') ? '' : version,
        direct: true,
        dev: scope === 'test',
        line: locator.find(needle, (after) => !excluded.some(([start, end]) => after > start && after < end)),
        resolution: scope === 'system' ? 'local' : 'registry',
      }),
    );
  }
  return records;
}
