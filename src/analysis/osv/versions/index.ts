/**
 * The version order of each OSV ecosystem, as OSV's `ECOSYSTEM` ranges use it, and the SemVer order of
 * `SEMVER` ranges. Ecosystems with a release suffix (`Debian:12`, `Alpine:v3.17`) are looked up by base name.
 */
import { genericScheme } from './generic.js';
import { mavenScheme } from './maven.js';
import { nugetScheme } from './nuget.js';
import { packagistScheme } from './packagist.js';
import { pep440Scheme } from './pep440.js';
import { rubygemsScheme } from './rubygems.js';
import type { VersionScheme } from './scheme.js';
import { semverScheme } from './semver.js';

export type { VersionScheme } from './scheme.js';
export { semverScheme } from './semver.js';

const BY_ECOSYSTEM: Readonly<Record<string, VersionScheme>> = {
  npm: semverScheme,
  'crates.io': semverScheme,
  Go: semverScheme,
  Pub: semverScheme,
  Hex: semverScheme,
  OHPM: semverScheme,
  PyPI: pep440Scheme,
  Maven: mavenScheme,
  RubyGems: rubygemsScheme,
  Packagist: packagistScheme,
  NuGet: nugetScheme,
  CRAN: genericScheme,
  ConanCenter: genericScheme,
};

export function baseEcosystem(ecosystem: string): string {
  const colon = ecosystem.indexOf(':');
  return colon === -1 ? ecosystem : ecosystem.slice(0, colon);
}

/** The order of `ECOSYSTEM` ranges for the ecosystem, or null when OpenChecker has none for it. */
export function ecosystemScheme(ecosystem: string): VersionScheme | null {
  return BY_ECOSYSTEM[baseEcosystem(ecosystem)] ?? null;
}
