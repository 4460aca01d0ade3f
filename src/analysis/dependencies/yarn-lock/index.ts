/**
 * `yarn.lock`, classic (v1, parsed by ./v1-parser.ts) and Berry (v2+, `__metadata` header, parsed with
 * @yarnpkg/parsers). Entries are keyed by descriptors (`name@range`); each entry's `dependencies` name
 * descriptors again, which gives the graph. Berry records workspaces as entries (`@workspace:`), so their
 * dependencies are the direct ones; classic files do not, so direct/dev come from the package.json beside the
 * lockfile and the workspace members it lists.
 */
import { parseSyml } from '@yarnpkg/parsers';
import { gitCommit, npmAliasTarget, npmResolution } from '../npm-common.js';
import { purlOf } from '../purl.js';
import { MalformedFileError, asString, baseName, dirName, isObject, packageRecord, stringEntries } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { workspaceManifests } from '../workspaces.js';
import { parseYarnV1 } from './v1-parser.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'yarn-lock',
  version: 2,
  ecosystem: 'npm',
  matches: (path) => baseName(path) === 'yarn.lock',
  async extract(repo, path) {
    const text = await readLockfile(repo, path);
    const manifests = isBerry(text) ? [] : await workspaceManifests(repo, dirName(path));
    return parseYarnLock(text, path, manifests);
  },
};

interface Entry {
  readonly descriptors: readonly string[];
  readonly line: number;
  readonly fields: Record<string, unknown>;
}

function isBerry(text: string): boolean {
  return /^__metadata:/m.test(text);
}

/** The package name of a descriptor `name@range` (scoped names start with `@`). */
export function descriptorName(descriptor: string): string {
  const at = descriptor.indexOf('@', descriptor.startsWith('@') ? 1 : 0);
  return at < 0 ? descriptor : descriptor.slice(0, at);
}

/** Header lines (column 0, ending with `:`) with their descriptors, for Berry files' line numbers. */
function headerLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let lineNumber = 0;
  for (const line of text.split('\n')) {
    lineNumber++;
    const trimmed = line.trimEnd();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(' ') || !trimmed.endsWith(':')) continue;
    const header = trimmed.slice(0, -1);
    const unquoted = header.startsWith('"') && header.endsWith('"') ? header.slice(1, -1) : header;
    for (const descriptor of unquoted.split(', ')) lines.set(descriptor.replace(/^"|"$/g, ''), lineNumber);
  }
  return lines;
}

function berryEntries(text: string): Entry[] {
  let document: unknown;
  try {
    document = parseSyml(text);
  } catch (err) {
    throw new MalformedFileError(`not a valid yarn lockfile: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!isObject(document)) throw new MalformedFileError('a yarn lockfile must hold a mapping');
  const lines = headerLines(text);
  const entries: Entry[] = [];
  for (const [key, fields] of Object.entries(document)) {
    if (key === '__metadata' || !isObject(fields)) continue;
    const descriptors = key.split(',').map((descriptor) => descriptor.trim());
    entries.push({ descriptors, line: lines.get(descriptors[0] as string) ?? 0, fields });
  }
  return entries;
}

/** Name, version and origin of a Berry entry, from its `resolution` (`name@npm:1.2.3`, `name@workspace:.`). */
function berryIdentity(entry: Entry): Pick<PackageRecord, 'name' | 'version' | 'resolution' | 'commit'> | undefined {
  const resolution = asString(entry.fields.resolution) ?? entry.descriptors[0] ?? '';
  const name = descriptorName(resolution);
  const reference = resolution.slice(name.length + 1);
  const version = asString(entry.fields.version) ?? '';
  // Patched copies (`patch:`) repeat a package that is also locked unpatched.
  if (reference.startsWith('patch:')) return undefined;
  if (reference.startsWith('npm:')) return { name, version, resolution: 'registry' };
  if (/^(workspace|file|link|portal):/.test(reference)) return { name, version, resolution: 'local' };
  const commit = gitCommit(resolution);
  if (commit !== undefined || /^(git|github|ssh|https?:\/\/.*(\.git|#commit[:=]))/.test(reference)) {
    return { name, version, resolution: 'git', commit };
  }
  if (/^https?:/.test(reference)) return { name, version, resolution: 'url' };
  return { name, version };
}

function isRootWorkspace(entry: Entry): boolean {
  return (asString(entry.fields.resolution) ?? entry.descriptors[0] ?? '').endsWith('@workspace:.');
}

/** Name, version and origin of a classic entry: aliases (`a@npm:b@^1`) name the real package. */
function v1Identity(entry: Entry): Pick<PackageRecord, 'name' | 'version' | 'resolution' | 'commit'> {
  const descriptor = entry.descriptors[0] as string;
  const keyName = descriptorName(descriptor);
  const range = descriptor.slice(keyName.length + 1);
  const name = npmAliasTarget(range) ?? keyName;
  const version = asString(entry.fields.version) ?? '';
  const resolved = asString(entry.fields.resolved);
  if (/^(file|link):/.test(range)) return { name, version, resolution: 'local' };
  const origin = npmResolution(resolved);
  if (origin.resolution === 'git' || /^(git|github:|gitlab:|bitbucket:|ssh:)/.test(range)) {
    return { name, version, resolution: 'git', commit: origin.commit ?? gitCommit(range) };
  }
  // Classic yarn appends the tarball's sha1 (`#<40 hex>`) to registry URLs: that is not a git commit.
  return { name, version, resolution: resolved && /\/-\/[^/]+\.tgz/.test(resolved) ? 'registry' : origin.resolution };
}

export function parseYarnLock(text: string, path: string, manifests: readonly unknown[] = []): PackageRecord[] {
  const berry = isBerry(text);
  const entries: Entry[] = berry ? berryEntries(text) : parseYarnV1(text);
  const identities = entries.map((entry) => (berry ? berryIdentity(entry) : v1Identity(entry)));
  const purlByDescriptor = new Map<string, string>();
  entries.forEach((entry, index) => {
    const identity = identities[index];
    if (!identity) return;
    const purl = purlOf('npm', identity.name, identity.version);
    for (const descriptor of entry.descriptors) {
      purlByDescriptor.set(descriptor, purl);
      // Berry binds file:/portal: descriptors to their workspace (`::locator=…`); dependents omit that.
      const bound = descriptor.indexOf('::');
      if (bound > 0 && !purlByDescriptor.has(descriptor.slice(0, bound))) purlByDescriptor.set(descriptor.slice(0, bound), purl);
    }
  });
  // Direct dependencies: of workspace entries (Berry) or declared by the manifests (classic).
  const direct = new Set<string>();
  const devOnly = new Set<string>();
  const addDeclared = (deps: Iterable<[string, string]>, into: Set<string>): void => {
    for (const [name, range] of deps) {
      const purl = purlByDescriptor.get(`${name}@${range}`) ?? purlByDescriptor.get(`${name}@npm:${range}`);
      if (purl) into.add(purl);
    }
  };
  const prodDirect = new Set<string>();
  for (const manifest of manifests) {
    if (!isObject(manifest)) continue;
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) addDeclared(stringEntries(manifest[field]), prodDirect);
    addDeclared(stringEntries(manifest.devDependencies), devOnly);
  }
  entries.forEach((entry, index) => {
    if (berry && identities[index]?.resolution === 'local') {
      addDeclared(stringEntries(entry.fields.dependencies), prodDirect);
      addDeclared(stringEntries(entry.fields.peerDependencies), prodDirect);
    }
  });
  for (const purl of prodDirect) direct.add(purl);
  for (const purl of devOnly) direct.add(purl);
  const knowDirect = berry || manifests.length > 0;
  const records: PackageRecord[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const identity = identities[index];
    // The root workspace (`name@workspace:.`) is the project itself, as in OSV-Scanner; other workspaces stay.
    if (!identity || (berry && isRootWorkspace(entry))) return;
    const purl = purlByDescriptor.get(entry.descriptors[0] as string) as string;
    // One package can be locked under two headers (e.g. an alias and its plain name): report it once.
    if (seen.has(purl)) return;
    seen.add(purl);
    const dependsOn = new Set<string>();
    for (const field of ['dependencies', 'optionalDependencies']) {
      for (const [name, range] of stringEntries(entry.fields[field])) {
        const target = purlByDescriptor.get(`${name}@${range}`);
        if (target) dependsOn.add(target);
      }
    }
    records.push(
      packageRecord('npm', path, {
        ...identity,
        direct: knowDirect ? direct.has(purl) : undefined,
        dev: knowDirect && direct.has(purl) ? devOnly.has(purl) && !prodDirect.has(purl) : undefined,
        line: entry.line || undefined,
        dependsOn: [...dependsOn],
      }),
    );
  });
  return records;
}
