/**
 * Every dependency extractor, listed explicitly (no registration by side effect). A path is read by the first
 * extractor that matches it. Adding a format: one folder under src/analysis/dependencies/ and one line here, in
 * alphabetical order; a test keeps the folders and this list in step.
 */
import type { Extractor } from './types.js';
import { extractor as bunLock } from './bun-lock/index.js';
import { extractor as cabalFreeze } from './cabal-freeze/index.js';
import { extractor as cargoLock } from './cargo-lock/index.js';
import { extractor as cartfileResolved } from './cartfile-resolved/index.js';
import { extractor as composerLock } from './composer-lock/index.js';
import { extractor as conanLock } from './conan-lock/index.js';
import { extractor as conanfileTxt } from './conanfile-txt/index.js';
import { extractor as denoLock } from './deno-lock/index.js';
import { extractor as depsEdn } from './deps-edn/index.js';
import { extractor as depsJson } from './deps-json/index.js';
import { extractor as dotnetToolsJson } from './dotnet-tools-json/index.js';
import { extractor as gemfileLock } from './gemfile-lock/index.js';
import { extractor as gleamManifest } from './gleam-manifest/index.js';
import { extractor as goMod } from './go-mod/index.js';
import { extractor as goVendorModules } from './go-vendor-modules/index.js';
import { extractor as goWork } from './go-work/index.js';
import { extractor as gradleLockfile } from './gradle-lockfile/index.js';
import { extractor as gradleVerificationMetadata } from './gradle-verification-metadata/index.js';
import { extractor as gradleVersionCatalog } from './gradle-version-catalog/index.js';
import { extractor as miseToml } from './mise-toml/index.js';
import { extractor as mixLock } from './mix-lock/index.js';
import { extractor as nodeVersion } from './node-version/index.js';
import { extractor as nugetCpm } from './nuget-cpm/index.js';
import { extractor as nugetPackagesConfig } from './nuget-packages-config/index.js';
import { extractor as nugetPackagesLock } from './nuget-packages-lock/index.js';
import { extractor as ohPackageLock } from './oh-package-lock/index.js';
import { extractor as packageLock } from './package-lock/index.js';
import { extractor as packageResolved } from './package-resolved/index.js';
import { extractor as paketLock } from './paket-lock/index.js';
import { extractor as pdmLock } from './pdm-lock/index.js';
import { extractor as pipfileLock } from './pipfile-lock/index.js';
import { extractor as pnpmLock } from './pnpm-lock/index.js';
import { extractor as podfileLock } from './podfile-lock/index.js';
import { extractor as poetryLock } from './poetry-lock/index.js';
import { extractor as pomXml } from './pom-xml/index.js';
import { extractor as pubspecLock } from './pubspec-lock/index.js';
import { extractor as pylockToml } from './pylock-toml/index.js';
import { extractor as rebarLock } from './rebar-lock/index.js';
import { extractor as renvLock } from './renv-lock/index.js';
import { extractor as requirementsTxt } from './requirements-txt/index.js';
import { extractor as stackLock } from './stack-lock/index.js';
import { extractor as toolVersions } from './tool-versions/index.js';
import { extractor as uvLock } from './uv-lock/index.js';
import { extractor as vcpkgJson } from './vcpkg-json/index.js';
import { extractor as yarnLock } from './yarn-lock/index.js';

export const extractors: readonly Extractor[] = [
  bunLock,
  cabalFreeze,
  cargoLock,
  cartfileResolved,
  composerLock,
  conanLock,
  conanfileTxt,
  denoLock,
  depsEdn,
  depsJson,
  dotnetToolsJson,
  gemfileLock,
  gleamManifest,
  goMod,
  goVendorModules,
  goWork,
  gradleLockfile,
  gradleVerificationMetadata,
  gradleVersionCatalog,
  miseToml,
  mixLock,
  nodeVersion,
  nugetCpm,
  nugetPackagesConfig,
  nugetPackagesLock,
  ohPackageLock,
  packageLock,
  packageResolved,
  paketLock,
  pdmLock,
  pipfileLock,
  pnpmLock,
  podfileLock,
  poetryLock,
  pomXml,
  pubspecLock,
  pylockToml,
  rebarLock,
  renvLock,
  requirementsTxt,
  stackLock,
  toolVersions,
  uvLock,
  vcpkgJson,
  yarnLock,
];
