/**
 * Maven's `pom.xml` (parsed with fast-xml-parser, `parseTagValue: false` so versions stay strings), without
 * any network: the `<dependencies>` of the project, with `${...}` placeholders resolved from `<properties>`,
 * the project's and parent's coordinates (`project.version`, `project.parent.version`, ...), and missing
 * versions taken from `<dependencyManagement>`. A parent POM found in the repository (its `relativePath`,
 * default `../pom.xml`, whose coordinates do not contradict the `<parent>` declaration) contributes its
 * properties, its managed versions and its own `<dependencies>` (inherited, as Maven and OSV-Scanner do),
 * up the chain. A version range gives its lower bound (`[1.2,2.0)` is 1.2), as in OSV-Scanner. A dependency
 * declared twice counts once, its last declaration winning. Scope `test` marks dev dependencies. Every
 * declared dependency is direct; the POM has no graph.
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
  version: 2,
  ecosystem: 'Maven',
  matches: (path) => baseName(path) === 'pom.xml',
  async extract(repo, path) {
    const text = await readLockfile(repo, path);
    const project = parsePom(text);
    const parents: ParentPom[] = [];
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
  readonly type?: string;
  readonly classifier?: string;
}

/** A parent POM read from the repository, with where it is (for inherited dependencies' lines). */
export interface ParentPom {
  readonly pom: Pom;
  readonly path: string;
  readonly text: string;
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
    return [{ groupId, artifactId, version: asString(dep.version), scope: asString(dep.scope), optional: asString(dep.optional), type: asString(dep.type), classifier: asString(dep.classifier) }];
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
async function collectParents(repo: RepoView, path: string, pom: Pom, into: ParentPom[], seen = new Set<string>([path])): Promise<void> {
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
  let text: string;
  try {
    text = await repo.readText(parentPath);
    parsed = parsePom(text);
  } catch {
    return; // a broken parent only costs the values it would have supplied
  }
  // Another project's POM (different coordinates) is not this parent; one that names none cannot tell.
  const groupId = parsed.groupId ?? parsed.parent?.groupId;
  if ((parsed.artifactId !== undefined && parsed.artifactId !== parent.artifactId) || (groupId !== undefined && groupId !== parent.groupId)) return;
  into.push({ pom: parsed, path: parentPath, text });
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

/**
 * The version a Maven version spec names: a range gives its lower bound (`[1.2,2.0)`, `[1.2]`, `[1.2,)` are
 * 1.2), as OSV-Scanner reads it; a range without one (`(,2.0]`) names none.
 */
export function mavenVersion(spec: string): string {
  const trimmed = spec.trim();
  if (!/^[[(]/.test(trimmed)) return trimmed;
  return /^[[(]\s*([^,\])]*)/.exec(trimmed)?.[1]?.trim() ?? '';
}

/** A dependency's identity for duplicates: one artifact per group, artifact, type and classifier. */
function dependencyKey(dep: Dependency, interpolate: (value: string) => string): string {
  return [dep.groupId, dep.artifactId, dep.type ?? 'jar', dep.classifier ?? ''].map(interpolate).join(':');
}

export function pomPackages(text: string, path: string, pom: Pom, parents: readonly ParentPom[] = []): PackageRecord[] {
  const interpolate = interpolator(
    pom,
    parents.map((parent) => parent.pom),
  );
  // Managed versions: the farthest parent first, so nearer POMs and later declarations win.
  const managed = new Map<string, Dependency>();
  for (const source of [...parents.map((parent) => parent.pom)].reverse().concat(pom)) {
    for (const dep of source.managed) managed.set(`${interpolate(dep.groupId)}:${interpolate(dep.artifactId)}`, dep);
  }
  // The project's dependencies, then those inherited from its parents that it does not declare itself;
  // a dependency declared twice in one POM counts once, the last declaration winning (as in Maven).
  interface Declared {
    readonly dep: Dependency;
    readonly sourceFile: string;
    readonly text: string;
  }
  const declared = new Map<string, Declared>();
  for (const source of [{ pom, path, text }, ...parents]) {
    const own = new Map<string, Declared>();
    for (const dep of source.pom.dependencies) own.set(dependencyKey(dep, interpolate), { dep, sourceFile: source.path, text: source.text });
    for (const [key, entry] of own) if (!declared.has(key)) declared.set(key, entry);
  }
  const locators = new Map<string, { locator: LineLocator; excluded: [number, number][] }>();
  const locate = (entry: Declared): number | undefined => {
    let found = locators.get(entry.sourceFile);
    if (!found) locators.set(entry.sourceFile, (found = { locator: new LineLocator(entry.text), excluded: excludedRanges(entry.text) }));
    const { locator, excluded } = found;
    return locator.find(`<artifactId>${entry.dep.artifactId}</artifactId>`, (after) => !excluded.some(([start, end]) => after > start && after < end));
  };
  const records = new Map<string, PackageRecord>();
  for (const entry of declared.values()) {
    const { dep } = entry;
    const groupId = interpolate(dep.groupId);
    const artifactId = interpolate(dep.artifactId);
    const management = managed.get(`${groupId}:${artifactId}`);
    const rawVersion = dep.version ?? management?.version;
    const resolved = rawVersion === undefined ? '' : mavenVersion(interpolate(rawVersion));
    const scope = dep.scope ?? management?.scope;
    const record = packageRecord('Maven', entry.sourceFile, {
      name: `${groupId}:${artifactId}`,
      // A placeholder nothing in the repository defines: the version is unknown, not `${x}`.
      version: resolved.includes('${') ? '' : resolved,
      direct: true,
      dev: scope === 'test',
      line: locate(entry),
      resolution: scope === 'system' ? 'local' : 'registry',
    });
    // Two artifacts of one package and version (a classifier, a type) are one package.
    if (!records.has(record.purl)) records.set(record.purl, record);
  }
  return [...records.values()];
}
