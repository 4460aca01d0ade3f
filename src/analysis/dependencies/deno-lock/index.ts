/**
 * Deno's `deno.lock` (JSON), versions 2 to 5. Resolved packages are keyed `name@version` in an `npm` map and a
 * `jsr` map: at the top level (v4, v5), under `packages` (v3), or under `npm.packages` (v2). An npm key may carry
 * the peer dependencies it was resolved with after `_` (`debug@4.3.4_supports-color@8.1.1`). `specifiers` maps
 * each requested specifier (`npm:chalk@5`) to what it resolved to; `workspace` lists the project's own
 * specifiers (the direct dependencies). Each entry's `dependencies` name others (the graph). Remote modules
 * (`remote`, by URL) are not packages.
 *
 * As OSV-SCALIBR (javascript/denolock): one package per key, the peer suffix dropped; JSR names without their
 * leading `@` (`std/path`), npm names as written. OSV has no JSR ecosystem: those packages are for the SBOM only.
 */
import { LineLocator } from '../lines.js';
import { purlOf } from '../purl.js';
import { MalformedFileError, asString, baseName, isObject, packageRecord, parseJsonText } from '../record.js';
import type { Ecosystem, Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'deno-lock',
  version: 1,
  ecosystem: 'npm',
  matches: (path) => baseName(path) === 'deno.lock',
  async extract(repo, path) {
    return parseDenoLock(await readLockfile(repo, path), path);
  },
};

/** `name@version`, `@scope/name@version` → name and version, the peer suffix (`_peer@1.0.0`) dropped. */
export function splitKey(key: string): [name: string, version: string] | undefined {
  const at = key.indexOf('@', key.startsWith('@') ? key.indexOf('/') + 1 : 1);
  if (at <= 0) return undefined;
  const name = key.slice(0, at);
  const version = key.slice(at + 1).split('_')[0] as string;
  return name && version && !name.endsWith('/') ? [name, version] : undefined;
}

interface Entry {
  readonly registry: 'npm' | 'jsr';
  readonly key: string;
  readonly name: string;
  readonly version: string;
  readonly value: Record<string, unknown>;
}

/** `jsr:@std/path@^1.0.0` → registry, name and requested range (possibly empty). */
function splitSpecifier(specifier: string): { registry: string; name: string; range: string } | undefined {
  const match = /^(npm|jsr):\/?(@?[^@]+)(?:@(.*))?$/.exec(specifier);
  return match ? { registry: match[1] as string, name: match[2] as string, range: match[3] ?? '' } : undefined;
}

export function parseDenoLock(text: string, path: string): PackageRecord[] {
  const document = parseJsonText(text, path);
  if (!isObject(document) || document.version === undefined) throw new MalformedFileError('no "version": not a deno.lock');
  const packages = isObject(document.packages) ? document.packages : {};
  const npmV2 = isObject(document.npm) && isObject(document.npm.packages) ? document.npm.packages : undefined;
  const maps: ['npm' | 'jsr', unknown][] = [
    ['npm', npmV2 ?? document.npm],
    ['npm', packages.npm],
    ['jsr', document.jsr],
    ['jsr', packages.jsr],
  ];
  const entries: Entry[] = [];
  const seen = new Set<string>();
  for (const [registry, map] of maps) {
    if (!isObject(map)) continue;
    for (const [key, value] of Object.entries(map)) {
      const split = splitKey(key);
      if (!split || seen.has(`${registry}:${split[0]}@${split[1]}`)) continue;
      seen.add(`${registry}:${split[0]}@${split[1]}`);
      entries.push({ registry, key, name: split[0], version: split[1], value: isObject(value) ? value : {} });
    }
  }
  const ecosystemOf = (registry: string): Ecosystem => (registry === 'jsr' ? 'JSR' : 'npm');
  const nameOf = (registry: string, name: string): string => (registry === 'jsr' ? name.replace(/^@/, '') : name);
  const purlOfEntry = (entry: Entry): string => purlOf(ecosystemOf(entry.registry), nameOf(entry.registry, entry.name), entry.version);
  const specifiers = isObject(document.specifiers) ? document.specifiers : isObject(packages.specifiers) ? packages.specifiers : isObject(document.npm) && isObject(document.npm.specifiers) ? document.npm.specifiers : {};
  /** The entry a specifier or a dependency reference resolved to. */
  const resolve = (reference: string, registry: 'npm' | 'jsr'): Entry | undefined => {
    const resolved = asString(specifiers[reference]);
    const requested = splitSpecifier(reference) ?? splitSpecifier(`${registry}:${reference}`);
    if (!requested) return undefined;
    const candidates = entries.filter((entry) => entry.registry === requested.registry && entry.name === requested.name);
    if (resolved !== undefined) {
      // v4+: the bare version; v2/v3: `npm:name@version` or `name@version`.
      const version = /^\d/.test(resolved) ? resolved.split('_')[0] : splitKey(resolved.replace(/^(npm|jsr):/, ''))?.[1];
      return candidates.find((entry) => entry.version === version);
    }
    return candidates.find((entry) => entry.version === requested.range) ?? (candidates.length === 1 ? candidates[0] : undefined);
  };
  const workspace = isObject(document.workspace) ? document.workspace : undefined;
  const roots = new Set<Entry>();
  const addRoots = (list: unknown): void => {
    for (const specifier of Array.isArray(list) ? list : []) {
      const entry = typeof specifier === 'string' ? resolve(specifier, 'npm') : undefined;
      if (entry) roots.add(entry);
    }
  };
  if (workspace) {
    addRoots(workspace.dependencies);
    if (isObject(workspace.packageJson)) addRoots(workspace.packageJson.dependencies);
    for (const member of isObject(workspace.members) ? Object.values(workspace.members) : []) {
      if (!isObject(member)) continue;
      addRoots(member.dependencies);
      if (isObject(member.packageJson)) addRoots(member.packageJson.dependencies);
    }
  }
  const locator = new LineLocator(text);
  return entries.map((entry) => {
    const dependencies = entry.value.dependencies;
    const references = Array.isArray(dependencies) ? dependencies.filter((item): item is string => typeof item === 'string') : isObject(dependencies) ? Object.values(dependencies).filter((item): item is string => typeof item === 'string') : [];
    const dependsOn = references
      .map((reference) => resolve(reference, entry.registry))
      .filter((target): target is Entry => target !== undefined)
      .map(purlOfEntry);
    return packageRecord(ecosystemOf(entry.registry), path, {
      name: nameOf(entry.registry, entry.name),
      version: entry.version,
      direct: workspace ? roots.has(entry) : undefined,
      line: locator.findJsonKey(entry.key),
      dependsOn,
      resolution: 'registry',
    });
  });
}
