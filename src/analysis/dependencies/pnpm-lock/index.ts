/**
 * `pnpm-lock.yaml`, lockfile versions 5.x, 6.x and 9.x.
 *
 * Packages are keyed by dependency path, whose shape changed with each version: `/name/1.0.0_peer@2` (v5),
 * `/name@1.0.0(peer@2)` (v6), `name@1.0.0(peer@2)` with the graph moved to `snapshots:` (v9). Peer-variant
 * copies of one version are reported once. Importers (the root project and workspace members) give the
 * direct dependencies; v5/v6 mark dev packages, v9 no longer does, so dev-only is derived from the graph.
 *
 * What counts follows OSV-Scanner: every `packages:` entry (an entry with no body too) whose path names a
 * version starting with a digit, or whose `name`/`version` fields say (git, tarball and `file:` entries);
 * paths naming no version (`/foo/bar`, `github.com/user/repo`, a bare host) are skipped. `link:` importers
 * are workspace folders, not packages. v9 versions that snapshots or importers reference without a
 * `packages:` entry of their own are reported too. Commits come from `resolution.commit` or a codeload
 * tarball URL.
 */
import { devOnly } from '../graph.js';
import { LineLocator } from '../lines.js';
import { purlOf } from '../purl.js';
import { MalformedFileError, asString, baseName, isObject, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { parseYamlLockfile } from '../yaml.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'pnpm-lock',
  version: 2,
  ecosystem: 'npm',
  matches: (path) => baseName(path) === 'pnpm-lock.yaml',
  async extract(repo, path) {
    return parsePnpmLock(await readLockfile(repo, path), path);
  },
};

type Style = 'slash' | 'at';

interface Identity {
  readonly name: string;
  readonly version: string;
}

/** Removes the peer-dependency suffix: `(react@18.2.0)` groups (v6+) or `_react@18.2.0` (v5). */
function stripPeers(version: string, style: Style): string {
  const paren = version.indexOf('(');
  const cut = paren >= 0 ? paren : style === 'slash' ? version.indexOf('_') : -1;
  return cut >= 0 ? version.slice(0, cut) : version;
}

/**
 * Name and version of a dependency path, as OSV-Scanner reads them; undefined when the path names no
 * registry version (the entry's own `name`/`version` fields may still say).
 *
 * Before v9 a path is `<host>/<name>/<version>` where the host is empty for the default registry
 * (`/foo/1.0.0`, `/@scope/foo/1.0.0`, `registry.example/foo/1.0.0`) or, from v6, `/<name>@<version>`. The
 * version must start with a digit: `github.com/user/repo/<commit>` and `/foo/bar` are not registry
 * versions. `file:` paths never encode one. Peer suffixes (`_peer@1.0.0`, `(peer@1.0.0)`) are dropped.
 * From v9 a key is `<name>@<version>` (the version may be a URL or `file:` path, then the entry says more).
 */
function parseKey(key: string, v9: boolean): Identity | undefined {
  if (key.startsWith('file:')) return undefined;
  if (v9) {
    const bare = stripPeers(key, 'at');
    const at = bare.indexOf('@', bare.startsWith('@') ? 1 : 0);
    if (at <= 0) return undefined;
    return { name: bare.slice(0, at), version: bare.slice(at + 1) };
  }
  // The peer suffix goes first: a `(…)` group may hold scoped names, whose `/` would split wrongly.
  const paren = key.indexOf('(');
  const parts = (paren >= 0 ? key.slice(0, paren) : key).split('/').slice(1);
  if (parts.length === 0 || parts[0] === '') return undefined;
  const nameParts = parts[0]?.startsWith('@') ? 2 : 1;
  let name = parts.slice(0, nameParts).join('/');
  let version = parts[nameParts] ?? '';
  if (version === '' && parts.length === nameParts) {
    // v6: `/name@version`.
    const at = name.lastIndexOf('@');
    if (at <= 0) return undefined;
    version = name.slice(at + 1);
    name = name.slice(0, at);
  }
  if (!/^\d/.test(version) || name === '' || name.endsWith('/')) return undefined;
  return { name, version: stripPeers(version, 'slash') };
}

function lockfileStyle(version: string): Style {
  return Number.parseFloat(version) < 6 ? 'slash' : 'at';
}

/** The dependency path a `name: ref` dependency points to; undefined for `link:` (local folders). */
function refToKey(name: string, ref: string, style: Style, v9: boolean): string | undefined {
  if (ref.startsWith('link:')) return undefined; // a workspace member, not a locked package
  if (ref.startsWith('file:')) return v9 ? `${name}@${ref}` : ref;
  if (ref.startsWith('/')) return ref; // v5/v6 aliases and non-registry packages: a full path
  if (v9 && /^(@[^/@]+\/)?[^@/]+@/.test(ref) && !/^\d/.test(ref)) return ref; // v9 aliases: `real@1.0.0`
  return style === 'slash' ? `/${name}/${ref}` : v9 ? `${name}@${ref}` : `/${name}@${ref}`;
}

/** `{name: ref}` (v5) or `{name: {specifier, version}}` (v6+) dependency maps, as name/ref pairs. */
function depRefs(value: unknown): [string, string][] {
  if (!isObject(value)) return [];
  const refs: [string, string][] = [];
  for (const [name, ref] of Object.entries(value)) {
    const version = isObject(ref) ? asString(ref.version) : asString(ref);
    if (version !== undefined) refs.push([name, version]);
  }
  return refs;
}

function originOf(entry: Record<string, unknown>, key: string): Pick<PackageRecord, 'resolution' | 'commit'> {
  const resolution = isObject(entry.resolution) ? entry.resolution : {};
  const commit = asString(resolution.commit);
  if (commit || asString(resolution.type) === 'git') return { resolution: 'git', commit: commit?.toLowerCase() };
  if (asString(resolution.directory) !== undefined || key.startsWith('file:') || key.includes('@file:')) return { resolution: 'local' };
  const tarball = asString(resolution.tarball);
  if (tarball && !/\/-\/[^/]+\.tgz$/.test(tarball)) return { resolution: /codeload\.|\.git\b|\/tar\.gz\//.test(tarball) ? 'git' : 'url', commit: /\/([0-9a-f]{40})$/i.exec(tarball)?.[1] };
  return { resolution: 'registry' };
}

export function parsePnpmLock(text: string, path: string): PackageRecord[] {
  const document = parseYamlLockfile(text);
  if (!isObject(document)) throw new MalformedFileError('a pnpm lockfile must hold a mapping');
  const lockfileVersion = asString(document.lockfileVersion);
  if (lockfileVersion === undefined) throw new MalformedFileError('no lockfileVersion: not a pnpm lockfile');
  const style = lockfileStyle(lockfileVersion);
  const v9 = Number.parseFloat(lockfileVersion) >= 9;
  const packages = isObject(document.packages) ? document.packages : {};
  const snapshots = isObject(document.snapshots) ? document.snapshots : {};

  // Every dependency path (package or snapshot, with or without peer suffix) → its package's purl.
  const identities = new Map<string, Identity>();
  const purlByKey = new Map<string, string>();
  const identify = (key: string, entry: unknown): string | undefined => {
    const parsed = parseKey(key, v9);
    // `name` and `version` are written when the path does not hold them (git, tarball, file: entries).
    const name = (isObject(entry) ? asString(entry.name) : undefined) || parsed?.name;
    const version = (isObject(entry) ? asString(entry.version) : undefined) || parsed?.version;
    if (!name || !version) return undefined;
    const purl = purlOf('npm', name, version);
    identities.set(purl, { name, version });
    purlByKey.set(key, purl);
    return purl;
  };
  for (const [key, entry] of Object.entries(packages)) identify(key, entry);
  // v9 snapshots whose package entry is missing (a hand-trimmed lockfile) still name a locked version.
  const snapshotOnly: string[] = [];
  for (const [key, entry] of Object.entries(snapshots)) {
    const packageKey = stripPeers(key, style);
    const inPackages = packageKey in packages;
    const purl = identify(key, inPackages ? packages[packageKey] : entry);
    if (purl && !inPackages && /^\d/.test(identities.get(purl)?.version ?? '')) snapshotOnly.push(key);
  }
  const resolveRef = (name: string, ref: string): string | undefined => {
    // Non-registry packages (git hosts, tarballs) are referenced by their full dependency path.
    const direct = purlByKey.get(ref);
    if (direct !== undefined) return direct;
    const key = refToKey(name, ref, style, v9);
    if (key === undefined) return undefined;
    return purlByKey.get(key) ?? purlByKey.get(stripPeers(key, style)) ?? (v9 ? undefined : purlByKey.get(key.replace(/^\//, '')));
  };

  // v9: a registry version referenced by an importer or a snapshot with no entry of its own is still locked.
  const referencedOnly = new Set<string>();
  if (v9) {
    const refSources = [...Object.values(snapshots), ...(isObject(document.importers) ? Object.values(document.importers) : [])];
    for (const source of refSources) {
      if (!isObject(source)) continue;
      for (const field of ['dependencies', 'optionalDependencies', 'devDependencies']) {
        for (const [name, ref] of depRefs(source[field])) {
          if (resolveRef(name, ref) !== undefined || !/^(@[^/@]+\/)?[^@/]+@\d|^\d/.test(ref)) continue;
          const key = /^\d/.test(ref) ? `${name}@${stripPeers(ref, style)}` : stripPeers(ref, style);
          const purl = identify(key, undefined);
          if (purl) referencedOnly.add(key);
        }
      }
    }
  }

  // The graph: v9 keeps it in snapshots; older versions in packages.
  const graph = new Map<string, Set<string>>();
  for (const [key, entry] of Object.entries(v9 ? snapshots : packages)) {
    const purl = purlByKey.get(key);
    if (!purl || !isObject(entry)) continue;
    let edges = graph.get(purl);
    if (!edges) graph.set(purl, (edges = new Set()));
    for (const field of ['dependencies', 'optionalDependencies']) {
      for (const [name, ref] of depRefs(entry[field])) {
        const target = resolveRef(name, ref);
        if (target && target !== purl) edges.add(target);
      }
    }
  }

  // Importers: `importers:` (workspaces, v5.3+ with more than one project, always in v9) or the top level.
  const importers = isObject(document.importers) ? Object.values(document.importers) : [document];
  const prodRoots = new Set<string>();
  const devRoots = new Set<string>();
  for (const importer of importers) {
    if (!isObject(importer)) continue;
    for (const field of ['dependencies', 'optionalDependencies']) {
      for (const [name, ref] of depRefs(importer[field])) {
        const purl = resolveRef(name, ref);
        if (purl) prodRoots.add(purl);
      }
    }
    for (const [name, ref] of depRefs(importer.devDependencies)) {
      const purl = resolveRef(name, ref);
      if (purl) devRoots.add(purl);
    }
  }
  const derivedDev = devOnly(new Map([...graph].map(([purl, edges]) => [purl, [...edges]])), prodRoots, devRoots);

  const locator = new LineLocator(text);
  const records = new Map<string, PackageRecord>();
  const entries: [string, Record<string, unknown>][] = Object.entries(packages).map(([key, entry]) => [key, isObject(entry) ? entry : {}]);
  for (const key of [...snapshotOnly, ...referencedOnly]) entries.push([key, {}]);
  for (const [key, entry] of entries) {
    const purl = purlByKey.get(key);
    if (!purl || records.has(purl)) continue;
    const identity = identities.get(purl) as Identity;
    const devFlag = asString(entry.dev);
    records.set(
      purl,
      packageRecord('npm', path, {
        name: identity.name,
        version: identity.version,
        direct: prodRoots.has(purl) || devRoots.has(purl),
        dev: devFlag === 'true' ? true : devFlag === 'false' ? false : derivedDev.has(purl),
        line: locator.findMappingKey(key),
        dependsOn: [...(graph.get(purl) ?? [])],
        ...originOf(entry, key),
      }),
    );
  }
  return [...records.values()];
}
