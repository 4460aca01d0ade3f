/**
 * npm `package-lock.json` and `npm-shrinkwrap.json`, lockfile versions 1 to 3.
 *
 * v2/v3 files have a flat `packages` map keyed by install path (`node_modules/a/node_modules/b`); the graph is
 * rebuilt with Node's module resolution over those paths, following `link` entries to workspace folders.
 * v1 files only have the nested `dependencies` tree; `requires` resolve up that tree, and direct
 * dependencies come from the package.json beside the lockfile (read through the same repository view).
 *
 * As in OSV-Scanner: v2/v3 folder entries (`file:` dependencies and workspace members, named by their `name`
 * or their folder) are packages, `link` entries are not; a v1 `file:`, git or tarball `version` gives no
 * version (a git one gives the commit); git commits come from `resolved` (v2/v3) or `version` (v1). A
 * package-lock.json beside an npm-shrinkwrap.json is ignored, as npm ignores it.
 */
import type { RepoView } from '../../../lib/repo/repo-view.js';
import { LineLocator } from '../lines.js';
import { declaredDeps, npmAliasTarget, npmResolution, type DeclaredDeps } from '../npm-common.js';
import { purlOf } from '../purl.js';
import { MalformedFileError, asString, baseName, dirName, isObject, joinPath, packageRecord, parseJsonText, stringEntries } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'package-lock',
  version: 2,
  ecosystem: 'npm',
  matches(path) {
    const name = baseName(path);
    return name === 'package-lock.json' || name === 'npm-shrinkwrap.json';
  },
  async extract(repo, path) {
    // npm itself ignores package-lock.json when npm-shrinkwrap.json sits beside it (so does OSV-Scanner).
    if (baseName(path) === 'package-lock.json' && (await repo.exists(joinPath(dirName(path), 'npm-shrinkwrap.json')))) return [];
    const text = await readLockfile(repo, path);
    return parsePackageLock(text, path, await siblingManifest(repo, path));
  },
};

/** The package.json beside the lockfile, for v1 files (which do not say which dependencies are direct). */
async function siblingManifest(repo: RepoView, path: string): Promise<unknown> {
  const manifest = joinPath(dirName(path), 'package.json');
  if (!(await repo.exists(manifest))) return undefined;
  const parsed = await repo.parseJson(manifest);
  return parsed.ok ? parsed.value : undefined;
}

export function parsePackageLock(text: string, path: string, manifest?: unknown): PackageRecord[] {
  const document = parseJsonText(text, path);
  if (!isObject(document)) throw new MalformedFileError('a package-lock file must hold a JSON object');
  if (isObject(document.packages)) return fromPackages(document.packages, text, path);
  if (isObject(document.dependencies)) return fromDependencies(document.dependencies, text, path, manifest);
  if (document.lockfileVersion === undefined) throw new MalformedFileError('no lockfileVersion, packages or dependencies: not a package-lock file');
  return [];
}

// ------------------------------------------------------------------------------------------- v2 and v3

interface Entry {
  readonly key: string;
  readonly value: Record<string, unknown>;
}

/** The package name an install path ends with: `a/node_modules/@s/b` → `@s/b`. */
function nameFromKey(key: string): string {
  const cut = key.lastIndexOf('node_modules/');
  return cut < 0 ? baseName(key) : key.slice(cut + 'node_modules/'.length);
}

/** Node's lookup of `dep` from the package installed at `key`: nearest `node_modules/dep` up the folders. */
function resolveFrom(entries: ReadonlyMap<string, Entry>, key: string, dep: string): Entry | undefined {
  const segments = key ? key.split('/') : [];
  for (let i = segments.length; i >= 0; i--) {
    if (i > 0 && segments[i - 1] === 'node_modules') continue;
    const candidate = joinPath(segments.slice(0, i).join('/'), `node_modules/${dep}`);
    const found = entries.get(candidate);
    if (found) return followLink(entries, found);
  }
  return undefined;
}

function followLink(entries: ReadonlyMap<string, Entry>, entry: Entry): Entry | undefined {
  if (entry.value.link !== true) return entry;
  const target = asString(entry.value.resolved);
  return target === undefined ? undefined : entries.get(target);
}

function fromPackages(packages: Record<string, unknown>, text: string, path: string): PackageRecord[] {
  const entries = new Map<string, Entry>();
  for (const [key, value] of Object.entries(packages)) {
    if (isObject(value)) entries.set(key, { key, value });
  }
  // Direct dependencies: declared by the root or by a workspace member, installed beside it or hoisted.
  const declaredBy = new Map<string, DeclaredDeps>();
  for (const entry of entries.values()) {
    if (!entry.key.includes('node_modules/') || entry.key === '') declaredBy.set(entry.key, declaredDeps(entry.value));
  }
  const purls = new Map<string, string>();
  const purlFor = (entry: Entry): string => {
    let purl = purls.get(entry.key);
    if (purl === undefined) {
      purl = purlOf('npm', asString(entry.value.name) ?? nameFromKey(entry.key), asString(entry.value.version) ?? '');
      purls.set(entry.key, purl);
    }
    return purl;
  };
  const directNames = new Set<string>();
  for (const [owner, declared] of declaredBy) {
    for (const name of declared.all) {
      const target = resolveFrom(entries, owner, name);
      if (target) directNames.add(target.key);
    }
  }
  const locator = new LineLocator(text);
  const records: PackageRecord[] = [];
  for (const entry of entries.values()) {
    const { key, value } = entry;
    if (key === '' || value.link === true) continue;
    const isMember = !key.includes('node_modules/');
    const name = asString(value.name) ?? nameFromKey(key);
    if (!name) continue;
    const dependsOn = new Set<string>();
    const depFields = isMember ? ['dependencies', 'optionalDependencies', 'peerDependencies', 'devDependencies'] : ['dependencies', 'optionalDependencies', 'peerDependencies'];
    for (const field of depFields) {
      for (const [dep] of stringEntries(value[field])) {
        const target = resolveFrom(entries, key, dep);
        if (target && target.key !== '') dependsOn.add(purlFor(target));
      }
    }
    const resolved = asString(value.resolved);
    records.push(
      packageRecord('npm', path, {
        name,
        version: asString(value.version) ?? '',
        direct: isMember ? undefined : directNames.has(key),
        dev: value.dev === true,
        declaredLicense: asString(value.license),
        line: locator.findJsonKey(key, true),
        dependsOn: [...dependsOn],
        ...(isMember ? { resolution: 'local' as const } : npmResolution(resolved)),
      }),
    );
  }
  return records;
}

// ------------------------------------------------------------------------------------------------- v1

interface Node {
  readonly name: string;
  readonly value: Record<string, unknown>;
  readonly parent: Node | undefined;
  readonly children: Map<string, Node>;
  record?: PackageRecord;
}

/** `npm:real@1.2.3` aliases and git URLs in v1 `version` fields. */
function v1Identity(key: string, version: string): Pick<PackageRecord, 'name' | 'version' | 'resolution' | 'commit'> {
  const alias = npmAliasTarget(version);
  if (alias !== undefined) return { name: alias, version: version.slice(4 + alias.length + 1) };
  // A plain version has neither `:` nor `/`; anything else is a git URL, a path or a tarball URL.
  const resolution = /[:/]/.test(version) ? npmResolution(version) : {};
  if (resolution.resolution === 'git' || resolution.resolution === 'local' || resolution.resolution === 'url') {
    // The version of a git, file: or tarball dependency is not in a v1 file; a git one keeps its commit.
    return { name: key, version: '', ...resolution };
  }
  return { name: key, version };
}

function fromDependencies(dependencies: Record<string, unknown>, text: string, path: string, manifest: unknown): PackageRecord[] {
  const locator = new LineLocator(text);
  const declared = manifest === undefined ? undefined : declaredDeps(manifest);
  const nodes: Node[] = [];
  const build = (deps: Record<string, unknown>, parent: Node | undefined, into: Map<string, Node>): void => {
    for (const [name, value] of Object.entries(deps)) {
      if (!isObject(value)) continue;
      const node: Node = { name, value, parent, children: new Map() };
      into.set(name, node);
      nodes.push(node);
      const line = locator.findJsonKey(name, true);
      const identity = v1Identity(name, asString(value.version) ?? '');
      node.record = packageRecord('npm', path, {
        ...identity,
        direct: declared && parent === undefined ? declared.all.has(name) : parent === undefined ? undefined : false,
        dev: value.dev === true,
        line,
        resolution: identity.resolution ?? npmResolution(asString(value.resolved)).resolution,
      });
      if (isObject(value.dependencies)) build(value.dependencies, node, node.children);
    }
  };
  const top = new Map<string, Node>();
  build(dependencies, undefined, top);
  const lookup = (from: Node, dep: string): Node | undefined => {
    for (let scope: Node | undefined = from; scope; scope = scope.parent) {
      const found = scope.children.get(dep);
      if (found) return found;
    }
    return top.get(dep);
  };
  return nodes.map((node) => {
    const record = node.record as PackageRecord;
    const dependsOn = stringEntries(node.value.requires)
      .map(([dep]) => lookup(node, dep)?.record?.purl)
      .filter((purl): purl is string => purl !== undefined);
    return { ...record, dependsOn };
  });
}
