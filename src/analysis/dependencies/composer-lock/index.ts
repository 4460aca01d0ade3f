/**
 * PHP Composer's `composer.lock` (JSON): `packages` and `packages-dev` arrays with `name`, `version`,
 * `source`/`dist` (git references are commits), `license` (an array meaning any of them: joined with OR)
 * and `require` (the graph; platform requirements such as `php` and `ext-*` are not packages). Direct
 * dependencies come from the `composer.json` beside it.
 */
import type { RepoView } from '../../../lib/repo/repo-view.js';
import { LineLocator } from '../lines.js';
import { purlOf } from '../purl.js';
import { MalformedFileError, asString, baseName, dirName, isObject, joinPath, packageRecord, parseJsonText, stringEntries } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'composer-lock',
  version: 1,
  ecosystem: 'Packagist',
  matches: (path) => baseName(path) === 'composer.lock',
  async extract(repo, path) {
    return parseComposerLock(await readLockfile(repo, path), path, await manifestOf(repo, path));
  },
};

async function manifestOf(repo: RepoView, path: string): Promise<unknown> {
  const manifest = joinPath(dirName(path), 'composer.json');
  if (!(await repo.exists(manifest))) return undefined;
  const parsed = await repo.parseJson(manifest);
  return parsed.ok ? parsed.value : undefined;
}

/** Composer's license array: the package may be used under any one of them. */
function licenseOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return undefined;
  const licenses = value.filter((item): item is string => typeof item === 'string');
  if (licenses.length === 0) return undefined;
  return licenses.length === 1 ? licenses[0] : `(${licenses.join(' OR ')})`;
}

export function parseComposerLock(text: string, path: string, manifest?: unknown): PackageRecord[] {
  const document = parseJsonText(text, path);
  if (!isObject(document) || (!Array.isArray(document.packages) && !Array.isArray(document['packages-dev']))) {
    throw new MalformedFileError('no "packages" array: not a composer.lock');
  }
  const sections = [
    { dev: false, entries: (Array.isArray(document.packages) ? document.packages : []).filter(isObject) },
    { dev: true, entries: (Array.isArray(document['packages-dev']) ? document['packages-dev'] : []).filter(isObject) },
  ];
  const byName = new Map<string, string>();
  for (const { entries } of sections) {
    for (const entry of entries) {
      const name = asString(entry.name);
      if (name) byName.set(name.toLowerCase(), purlOf('Packagist', name, asString(entry.version) ?? ''));
    }
  }
  const declared = isObject(manifest) ? new Set([...stringEntries(manifest.require), ...stringEntries(manifest['require-dev'])].map(([name]) => name.toLowerCase())) : undefined;
  const locator = new LineLocator(text);
  const records: PackageRecord[] = [];
  for (const { dev, entries } of sections) {
    for (const entry of entries) {
      const name = asString(entry.name);
      if (!name) continue;
      const source = isObject(entry.source) ? entry.source : {};
      const dist = isObject(entry.dist) ? entry.dist : {};
      const type = asString(dist.type) ?? asString(source.type);
      const reference = asString(source.reference);
      records.push(
        packageRecord('Packagist', path, {
          name,
          version: asString(entry.version) ?? '',
          direct: declared ? declared.has(name.toLowerCase()) : undefined,
          dev,
          declaredLicense: licenseOf(entry.license),
          line: locator.find(`"name": ${JSON.stringify(name)}`),
          dependsOn: stringEntries(entry.require)
            .map(([dep]) => byName.get(dep.toLowerCase()))
            .filter((target): target is string => target !== undefined),
          resolution: type === 'path' ? 'local' : 'registry',
          commit: reference && /^[0-9a-f]{40}$/i.test(reference) ? reference.toLowerCase() : undefined,
        }),
      );
    }
  }
  return records;
}
