/** Package URLs (purl spec) for the OSV ecosystems, built with packageurl-js. */
import { PackageURL } from 'packageurl-js';
import type { Ecosystem } from './types.js';

/** purl `type` of each OSV ecosystem (https://github.com/package-url/purl-spec/blob/main/PURL-TYPES.rst). */
const PURL_TYPES: Readonly<Record<Ecosystem, string>> = {
  npm: 'npm',
  PyPI: 'pypi',
  Go: 'golang',
  'crates.io': 'cargo',
  Maven: 'maven',
  RubyGems: 'gem',
  Packagist: 'composer',
  NuGet: 'nuget',
  Pub: 'pub',
  Hex: 'hex',
  ConanCenter: 'conan',
  CRAN: 'cran',
  OHPM: 'ohpm',
  Hackage: 'hackage',
  SwiftURL: 'swift',
  CocoaPods: 'cocoapods',
  JSR: 'jsr',
  vcpkg: 'vcpkg',
  asdf: 'asdf',
  mise: 'mise',
  generic: 'generic',
};

/** Splits an ecosystem's package name into the purl namespace and name. */
function splitName(ecosystem: Ecosystem, name: string): [namespace: string | undefined, name: string] {
  let cut = -1;
  switch (ecosystem) {
    case 'npm':
    case 'OHPM':
      // `@scope/name`: the scope is the namespace; unscoped names have none.
      cut = name.startsWith('@') ? name.indexOf('/') : -1;
      break;
    case 'JSR': {
      // Every JSR package is scoped; OSV-SCALIBR names them without the `@` (`std/path`), purls keep it.
      const slash = name.indexOf('/');
      if (slash > 0) return [name.startsWith('@') ? name.slice(0, slash) : `@${name.slice(0, slash)}`, name.slice(slash + 1)];
      break;
    }
    case 'Packagist':
      cut = name.indexOf('/');
      break;
    case 'Go':
    case 'SwiftURL':
      // A module path or a repository path (`github.com/apple/swift-nio`): the last segment is the name.
      cut = name.lastIndexOf('/');
      break;
    case 'Maven':
      cut = name.indexOf(':');
      break;
    default:
      break;
  }
  return cut > 0 ? [name.slice(0, cut), name.slice(cut + 1)] : [undefined, name];
}

export function purlType(ecosystem: Ecosystem): string {
  return PURL_TYPES[ecosystem];
}

/**
 * Recently built purls: extractors ask for the same package's purl several times (once for the record, once per
 * edge pointing at it), and packageurl-js validates and encodes each time. Cleared when full, to bound memory.
 */
const cache = new Map<string, string>();
const CACHE_LIMIT = 100_000;

/** The purl of a package; `version` may be empty (no version component then). Throws on an empty name. */
export function purlOf(ecosystem: Ecosystem, name: string, version: string): string {
  const key = `${ecosystem}\u0000${name}\u0000${version}`;
  let purl = cache.get(key);
  if (purl === undefined) {
    purl = buildPurl(ecosystem, name, version);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, purl);
  }
  return purl;
}

function buildPurl(ecosystem: Ecosystem, name: string, version: string): string {
  if (ecosystem === 'CocoaPods' && name.includes('/')) {
    // A subspec (`Firebase/Core`) is its pod's subpath: pkg:cocoapods/Firebase@10.0.0#Core.
    const cut = name.indexOf('/');
    return new PackageURL('cocoapods', undefined, name.slice(0, cut), version || undefined, undefined, name.slice(cut + 1)).toString();
  }
  const [namespace, shortName] = splitName(ecosystem, name);
  // A swift purl needs a namespace (the repository host and owner) and a version (a tag): a registry identity, a
  // local path or a pin on a branch or a commit has no swift purl.
  if (ecosystem === 'SwiftURL' && (namespace === undefined || version === '')) return new PackageURL('generic', undefined, name, version || undefined, undefined, undefined).toString();
  // Go records carry OSV's form of module versions (`1.2.3`); Go purls keep the module version (`v1.2.3`).
  const purlVersion = ecosystem === 'Go' && /^\d/.test(version) && name !== 'stdlib' ? `v${version}` : version;
  return new PackageURL(PURL_TYPES[ecosystem], namespace, shortName, purlVersion || undefined, undefined, undefined).toString();
}
