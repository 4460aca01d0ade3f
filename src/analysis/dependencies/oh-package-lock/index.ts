/**
 * OpenHarmony's `oh-package-lock.json5` (ohpm). `specifiers` maps each `name@range` asked for to the
 * `name@version` key locked in `packages`; each package's `dependencies` are ranges resolved through
 * `specifiers` again, which gives the graph. Direct and dev come from the `oh-package.json5` beside it.
 * Packages are reported in the OHPM ecosystem (`pkg:ohpm/...`); upstream fed this file to OSV-Scanner renamed
 * as package-lock.json, so its results named them npm packages.
 */
import JSON5 from 'json5';
import type { RepoView } from '../../../lib/repo/repo-view.js';
import { LineLocator } from '../lines.js';
import { purlOf } from '../purl.js';
import { MalformedFileError, asString, baseName, dirName, isObject, joinPath, packageRecord, stringEntries } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'oh-package-lock',
  version: 1,
  ecosystem: 'OHPM',
  matches: (path) => baseName(path) === 'oh-package-lock.json5',
  async extract(repo, path) {
    return parseOhPackageLock(await readLockfile(repo, path), path, await manifestOf(repo, path));
  },
};

async function manifestOf(repo: RepoView, path: string): Promise<unknown> {
  const manifest = joinPath(dirName(path), 'oh-package.json5');
  if (!(await repo.exists(manifest))) return undefined;
  try {
    return JSON5.parse(await repo.readText(manifest));
  } catch {
    return undefined; // a broken manifest only costs the direct/dev flags
  }
}

function parseJson5(text: string): unknown {
  try {
    return JSON5.parse(text);
  } catch (err) {
    throw new MalformedFileError(`not valid JSON5: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function parseOhPackageLock(text: string, path: string, manifest?: unknown): PackageRecord[] {
  const document = parseJson5(text);
  if (!isObject(document) || !isObject(document.packages)) throw new MalformedFileError('no "packages" object: not an oh-package-lock file');
  const specifiers = new Map(stringEntries(document.specifiers));
  const purls = new Map<string, string>();
  for (const [key, entry] of Object.entries(document.packages)) {
    if (!isObject(entry)) continue;
    const at = key.lastIndexOf('@');
    const name = asString(entry.name) ?? (at > 0 ? key.slice(0, at) : key);
    purls.set(key, purlOf('OHPM', name, asString(entry.version) ?? ''));
  }
  const resolve = (name: string, range: string): string | undefined => {
    const spec = `${name}@${range}`;
    return purls.get(specifiers.get(spec) ?? spec);
  };
  const prod = new Set<string>();
  const dev = new Set<string>();
  if (isObject(manifest)) {
    for (const [name, range] of [...stringEntries(manifest.dependencies), ...stringEntries(manifest.dynamicDependencies)]) {
      const purl = resolve(name, range);
      if (purl) prod.add(purl);
    }
    for (const [name, range] of stringEntries(manifest.devDependencies)) {
      const purl = resolve(name, range);
      if (purl) dev.add(purl);
    }
  }
  const locator = new LineLocator(text);
  const records: PackageRecord[] = [];
  for (const [key, entry] of Object.entries(document.packages)) {
    const purl = purls.get(key);
    if (!isObject(entry) || purl === undefined) continue;
    const dependsOn = stringEntries(entry.dependencies)
      .map(([name, range]) => resolve(name, range))
      .filter((target): target is string => target !== undefined);
    const registryType = asString(entry.registryType);
    const resolved = asString(entry.resolved) ?? '';
    const at = key.lastIndexOf('@');
    records.push(
      packageRecord('OHPM', path, {
        name: asString(entry.name) ?? (at > 0 ? key.slice(0, at) : key),
        version: asString(entry.version) ?? '',
        direct: manifest === undefined ? undefined : prod.has(purl) || dev.has(purl),
        dev: manifest === undefined ? undefined : dev.has(purl) && !prod.has(purl),
        line: locator.findJsonKey(key, true),
        dependsOn,
        resolution: registryType === 'local' || !/^[a-z]+:/i.test(resolved) ? 'local' : registryType === 'ohpm' ? 'registry' : 'url',
      }),
    );
  }
  return records;
}
