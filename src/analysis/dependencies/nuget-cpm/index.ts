/**
 * NuGet central package management (MSBuild XML, parsed with fast-xml-parser): `Directory.Packages.props` pins
 * each package's version once for a whole repository (`<PackageVersion Include="Name" Version="1.2.3"/>`, and
 * `<GlobalPackageReference>` for packages every project gets, analyzers mostly); `Directory.Build.props` can add
 * `<PackageReference Include Version>` to every project; the older CentralPackageVersions SDK's `packages.props`
 * pins with `<PackageReference Update Version>`. A version may be an attribute or a child element, and may be an
 * MSBuild property (`$(SerilogVersion)`) defined in the same file.
 *
 * OSV-SCALIBR (dotnet/nugetcpm) reads `<PackageReference Include Version>` from the first two files and skips an
 * entry without a name or a version; this reads the other item types too. `[1.2.3]` (exactly 1.2.3) gives 1.2.3, a
 * range or a property defined elsewhere gives ''. `PrivateAssets="all"` and global references are build-time
 * only: dev.
 */
import { XMLParser } from 'fast-xml-parser';
import { LineLocator } from '../lines.js';
import { MalformedFileError, asString, baseName, isObject, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

const FILES = new Set(['directory.packages.props', 'directory.build.props', 'packages.props']);

export const extractor: Extractor = {
  name: 'nuget-cpm',
  version: 1,
  ecosystem: 'NuGet',
  matches: (path) => FILES.has(baseName(path).toLowerCase()),
  async extract(repo, path) {
    return parseCentralPackages(await readLockfile(repo, path), path);
  },
};

const ITEMS = ['PackageVersion', 'GlobalPackageReference', 'PackageReference'] as const;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => name === 'ItemGroup' || name === 'PropertyGroup' || (ITEMS as readonly string[]).includes(name),
  processEntities: false,
});

/** A value's text: an attribute string, or a child element's text (`<Version>1.2.3</Version>`). */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (isObject(value)) return asString(value['#text'])?.trim();
  return undefined;
}

/** The version a NuGet version string pins: `1.2.3` or `[1.2.3]`; '' for a range. */
function pinnedVersion(version: string): string {
  const exact = /^\[\s*([^,\s\]]+)\s*\]$/.exec(version);
  if (exact) return exact[1] as string;
  return /^[0-9A-Za-z.+-]+$/.test(version) ? version : '';
}

export function parseCentralPackages(text: string, path: string): PackageRecord[] {
  let document: unknown;
  try {
    document = parser.parse(text, true);
  } catch (err) {
    throw new MalformedFileError(`not valid XML: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!isObject(document) || !('Project' in document)) throw new MalformedFileError('no <Project> element: not an MSBuild file');
  const project = isObject(document.Project) ? document.Project : {};
  const properties = new Map<string, string>();
  for (const group of Array.isArray(project.PropertyGroup) ? project.PropertyGroup : []) {
    if (!isObject(group)) continue;
    for (const [name, value] of Object.entries(group)) {
      const content = textOf(value);
      if (!name.startsWith('@') && content !== undefined) properties.set(name.toLowerCase(), content);
    }
  }
  const expand = (value: string): string => value.replace(/\$\(([A-Za-z_][\w.-]*)\)/g, (whole, name: string) => properties.get(name.toLowerCase()) ?? whole);
  const locator = new LineLocator(text);
  const records: PackageRecord[] = [];
  for (const group of Array.isArray(project.ItemGroup) ? project.ItemGroup : []) {
    if (!isObject(group)) continue;
    for (const item of ITEMS) {
      for (const entry of Array.isArray(group[item]) ? group[item] : []) {
        if (!isObject(entry)) continue;
        const attribute = asString(entry['@Include']) !== undefined ? 'Include' : 'Update';
        const name = asString(entry[`@${attribute}`])?.trim();
        const written = textOf(entry['@Version']) ?? textOf(entry.Version) ?? textOf(entry['@VersionOverride']);
        if (!name || !written) continue;
        const version = expand(written);
        const privateAssets = (textOf(entry['@PrivateAssets']) ?? textOf(entry.PrivateAssets))?.toLowerCase();
        records.push(
          packageRecord('NuGet', path, {
            name,
            version: version.includes('$(') ? '' : pinnedVersion(version),
            direct: true,
            dev: item === 'GlobalPackageReference' || privateAssets === 'all',
            line: locator.find(`${attribute}="${name}"`),
            resolution: 'registry',
          }),
        );
      }
    }
  }
  return records;
}
