/**
 * Bun's text lockfile `bun.lock` (JSONC: comments and trailing commas, parsed with json5). `packages` is keyed
 * by install path (`parent/child` for nested copies), each value an array whose first item is
 * `name@version` (or `name@workspace:path`, `name@github:owner/repo#sha`, ...), and whose metadata object holds
 * the dependency ranges; `workspaces` holds each member's manifest, which gives the direct dependencies.
 * The binary `bun.lockb` is not read (Bun itself replaced it with bun.lock in 1.2).
 */
import JSON5 from 'json5';
import { devOnly } from '../graph.js';
import { LineLocator } from '../lines.js';
import { purlOf } from '../purl.js';
import { MalformedFileError, asString, baseName, commitOf, isObject, packageRecord, stringEntries } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'bun-lock',
  version: 1,
  ecosystem: 'npm',
  matches: (path) => baseName(path) === 'bun.lock',
  async extract(repo, path) {
    return parseBunLock(await readLockfile(repo, path), path);
  },
};

interface Entry {
  readonly key: string;
  readonly name: string;
  readonly version: string;
  readonly origin: Pick<PackageRecord, 'resolution' | 'commit'>;
  readonly meta: Record<string, unknown>;
}

function parseSpec(spec: string): { name: string; reference: string } {
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  return at < 0 ? { name: spec, reference: '' } : { name: spec.slice(0, at), reference: spec.slice(at + 1) };
}

function entryOf(key: string, value: unknown, workspaces: Record<string, unknown>): Entry | undefined {
  if (!Array.isArray(value) || typeof value[0] !== 'string') return undefined;
  const { name, reference } = parseSpec(value[0]);
  const meta = (value as unknown[]).find((item, index) => index > 0 && isObject(item));
  const base = { key, name, meta: isObject(meta) ? meta : {} };
  if (/^(workspace|file|link):/.test(reference)) {
    // A workspace member's version is in its manifest, kept under `workspaces`.
    const member = reference.startsWith('workspace:') ? workspaces[reference.slice('workspace:'.length)] : undefined;
    return { ...base, version: (isObject(member) ? asString(member.version) : undefined) ?? '', origin: { resolution: 'local' } };
  }
  if (/^(github:|git\+|git:|https?:\/\/.*\.git)/.test(reference)) {
    return { ...base, version: '', origin: { resolution: 'git', commit: commitOf(reference) ?? commitOf(`#${String(value[2] ?? '').split('-').pop()}`) } };
  }
  if (/^https?:/.test(reference)) return { ...base, version: '', origin: { resolution: 'url' } };
  return { ...base, version: reference, origin: { resolution: 'registry' } };
}

/** Package names along an install path: `@s/a/b` → [`@s/a`, `b`]. */
function pathNames(key: string): string[] {
  const parts = key.split('/');
  const names: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (part.startsWith('@') && i + 1 < parts.length) names.push(`${part}/${parts[++i] as string}`);
    else names.push(part);
  }
  return names;
}

/** Bun's resolution: the nearest `<ancestor path>/<dep>` up the install path, then the top level. */
function resolveFrom(entries: ReadonlyMap<string, Entry>, key: string, dep: string): Entry | undefined {
  const names = key ? pathNames(key) : [];
  for (let i = names.length; i >= 0; i--) {
    const found = entries.get([...names.slice(0, i), dep].join('/'));
    if (found) return found;
  }
  return undefined;
}

export function parseBunLock(text: string, path: string): PackageRecord[] {
  let document: unknown;
  try {
    document = JSON5.parse(text);
  } catch (err) {
    throw new MalformedFileError(`not valid JSONC: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!isObject(document) || !isObject(document.packages)) throw new MalformedFileError('no "packages" object: not a bun.lock file');
  const workspaces = isObject(document.workspaces) ? document.workspaces : {};
  const entries = new Map<string, Entry>();
  for (const [key, value] of Object.entries(document.packages)) {
    const entry = entryOf(key, value, workspaces);
    if (entry) entries.set(key, entry);
  }
  const purls = new Map<Entry, string>();
  const purlFor = (entry: Entry): string => {
    let purl = purls.get(entry);
    if (purl === undefined) purls.set(entry, (purl = purlOf('npm', entry.name, entry.version)));
    return purl;
  };
  const graph = new Map<string, string[]>();
  for (const entry of entries.values()) {
    const edges = new Set<string>();
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
      for (const [dep] of stringEntries(entry.meta[field])) {
        const target = resolveFrom(entries, entry.key, dep);
        if (target) edges.add(purlFor(target));
      }
    }
    graph.set(purlFor(entry), [...edges]);
  }
  const prodRoots = new Set<string>();
  const devRoots = new Set<string>();
  for (const [folder, manifest] of Object.entries(workspaces)) {
    if (!isObject(manifest)) continue;
    // Members' own dependencies may sit under the member's name when not hoisted.
    const scope = folder === '' ? '' : (asString(manifest.name) ?? '');
    for (const [field, roots] of [['dependencies', prodRoots], ['optionalDependencies', prodRoots], ['peerDependencies', prodRoots], ['devDependencies', devRoots]] as const) {
      for (const [dep] of stringEntries(manifest[field])) {
        const target = resolveFrom(entries, scope, dep);
        if (target) roots.add(purlFor(target));
      }
    }
  }
  const dev = devOnly(graph, prodRoots, devRoots);
  const locator = new LineLocator(text);
  const records = new Map<string, PackageRecord>();
  for (const entry of entries.values()) {
    const purl = purlFor(entry);
    const line = locator.findJsonKey(entry.key);
    if (records.has(purl)) continue;
    records.set(
      purl,
      packageRecord('npm', path, {
        name: entry.name,
        version: entry.version,
        direct: prodRoots.has(purl) || devRoots.has(purl),
        dev: dev.has(purl),
        line,
        dependsOn: graph.get(purl),
        ...entry.origin,
      }),
    );
  }
  return [...records.values()];
}
