/**
 * The dependency-extraction contract shared by osv-scanner, dependency-checker and sbom: one extractor per
 * lockfile/manifest format (each in its own folder under src/analysis/dependencies/), all producing the same package
 * records, so every consumer sees the same packages for a repository.
 */
import type { RepoView } from '../../lib/repo/repo-view.js';

/**
 * OSV ecosystem names (https://ossf.github.io/osv-schema/#affectedpackage-field), which consumers echo, and a few
 * that OSV does not have (NOT_IN_OSV): packages an SBOM lists but no vulnerability database can be asked about.
 */
export type Ecosystem =
  | 'npm'
  | 'PyPI'
  | 'Go'
  | 'crates.io'
  | 'Maven'
  | 'RubyGems'
  | 'Packagist'
  | 'NuGet'
  | 'Pub'
  | 'Hex'
  | 'ConanCenter'
  | 'CRAN'
  | 'OHPM'
  | 'Hackage'
  | 'SwiftURL'
  | 'CocoaPods'
  | 'JSR'
  | 'vcpkg'
  | 'asdf'
  | 'mise'
  | 'generic';

/**
 * Ecosystems OSV has no records for (api.osv.dev refuses a query naming one): CocoaPods pods, JSR modules, vcpkg
 * ports and the runtimes pinned by version managers (asdf, mise, nvm: `generic`). OSV-SCALIBR reports them too,
 * under its own purl types; vulnerability lookups skip them.
 */
export const NOT_IN_OSV: ReadonlySet<Ecosystem> = new Set<Ecosystem>(['CocoaPods', 'JSR', 'vcpkg', 'asdf', 'mise', 'generic']);

export interface PackageRecord {
  readonly name: string;
  /** Exact resolved version; empty when the file pins none (a manifest range without a lockfile). */
  readonly version: string;
  readonly ecosystem: Ecosystem;
  /** Package URL (purl spec), built with packageurl-js. */
  readonly purl: string;
  /** True for direct dependencies, false for transitive ones, undefined when the file does not say. */
  readonly direct?: boolean;
  /** Development-only dependency, when the file says so. */
  readonly dev?: boolean;
  /** License declared in the file itself (SPDX expression where possible), when it has one. */
  readonly declaredLicense?: string;
  /** Repository-relative path of the file the package came from. */
  readonly sourceFile: string;
  /** 1-based line in the source file where the package is declared, when known. */
  readonly line?: number;
  /** purls of this package's own dependencies, when the lockfile records the graph. */
  readonly dependsOn?: readonly string[];
  /**
   * Where the package comes from, when the file says: a package registry, a git repository (`commit` holds
   * the revision when pinned), a local path (workspace member, `file:`/`link:`/path dependency) or a URL
   * (tarball). Consumers querying vulnerability databases skip `local` packages: they are the project itself.
   */
  readonly resolution?: 'registry' | 'git' | 'local' | 'url';
  /** Pinned git commit of a `git` dependency (OSV can be queried by commit). */
  readonly commit?: string;
}

/** What one extractor found in one file. */
export interface ExtractionResult {
  /** Repository-relative path. */
  readonly file: string;
  /** The extractor's name (its folder, e.g. `package-lock`); OSV-Scanner's `source.type` is `lockfile`. */
  readonly extractor: string;
  readonly packages: readonly PackageRecord[];
  /** A malformed file: a clear message, never a crash of the whole extraction. */
  readonly error?: string;
}

export interface Extractor {
  /** Unique name, also the folder name under src/analysis/dependencies/. */
  readonly name: string;
  /** Bumped whenever what the extractor reports for the same file changes (cache keys include it). */
  readonly version?: number;
  /** Ecosystem of the packages it produces. */
  readonly ecosystem: Ecosystem;
  /** Whether `path` (repository-relative, `/`-separated) is a file this extractor reads. */
  matches(path: string): boolean;
  /** Reads the file through the shared repository view (cached reads; never the network). */
  extract(repo: RepoView, path: string, signal: AbortSignal): Promise<readonly PackageRecord[]>;
}
