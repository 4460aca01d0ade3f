/**
 * Reproducible-build signals in a repository (pure: paths and texts in, signals out). Each is a practice the
 * reproducible-builds.org documentation names as a step towards builds anyone can repeat bit for bit:
 * - `source-date-epoch`: timestamps from `SOURCE_DATE_EPOCH` (the reproducible-builds.org specification), or
 *   the build tool's own knob for it (Maven's `project.build.outputTimestamp`, Gradle archives without file
 *   timestamps, GoReleaser's `mod_timestamp`);
 * - `trimpath`: Go's `-trimpath` (no build paths in the binary);
 * - `declaration`: the project says its builds are reproducible, or links reproducible-builds.org, or ships
 *   `.buildinfo` files;
 * - `pinned-toolchain`: the compiler version is fixed by a file the toolchain obeys (`rust-toolchain` naming a
 *   version, go.mod's `toolchain`, `.nvmrc`, `.python-version`, `.tool-versions`, `global.json`, a Gradle
 *   wrapper with its checksum, a Nix flake lock).
 */

export type SignalKind = 'source-date-epoch' | 'trimpath' | 'declaration' | 'pinned-toolchain';

export interface Signal {
  readonly kind: SignalKind;
  /** Repository-relative path. */
  readonly path: string;
  readonly line: number;
  readonly text: string;
}

/** Build files whose text is searched for `SOURCE_DATE_EPOCH`, `-trimpath` and the tools' timestamp settings. */
const BUILD_FILE = /(^|\/)(makefile|gnumakefile|[^/]*\.mk|cmakelists\.txt|[^/]*\.cmake|dockerfile[^/]*|[^/]*\.dockerfile|[^/]*\.sh|\.goreleaser\.ya?ml|goreleaser\.ya?ml|build\.gradle(\.kts)?|pom\.xml|setup\.py|pyproject\.toml|package\.json|meson\.build|[^/]*\.nix|rules|cargo\.toml|config\.toml|build\.rs|justfile|taskfile\.ya?ml|[^/]*\.bzl|build\.bazel|\.bazelrc)$/;
const WORKFLOW = /^\.(github|gitee|gitcode)\/workflows\/[^/]+\.ya?ml$|^\.gitlab-ci\.ya?ml$|^\.travis\.ya?ml$|^\.circleci\/config\.ya?ml$/;
/** Documents searched for declarations. */
const DOCUMENT = /(^|\/)(readme|building|build|install|reproducible[-_]?builds?|release|releasing|security)[^/]*\.(md|rst|txt|adoc)$|^docs?\/[^/]+\.(md|rst|adoc)$/;
const VENDORED = /(^|\/)(node_modules|vendor|third[-_]?party|3rdparty|external|oh_modules)\//;

/** Whether a file's text is searched (build files, CI workflows, documents); vendored copies are not. */
export function isSignalSource(path: string): boolean {
  const lower = path.toLowerCase();
  if (VENDORED.test(lower)) return false;
  return BUILD_FILE.test(lower) || WORKFLOW.test(lower) || DOCUMENT.test(lower);
}

const TEXT_PATTERNS: readonly { kind: SignalKind; pattern: RegExp; documents: boolean }[] = [
  { kind: 'source-date-epoch', pattern: /\bSOURCE_DATE_EPOCH\b/, documents: false },
  { kind: 'source-date-epoch', pattern: /project\.build\.outputTimestamp/, documents: false },
  { kind: 'source-date-epoch', pattern: /\b(is)?[pP]reserveFileTimestamps\s*(=|\(|:)\s*false/, documents: false },
  { kind: 'source-date-epoch', pattern: /^\s*mod_timestamp\s*:/, documents: false },
  { kind: 'trimpath', pattern: /(^|[\s"'=[,])-trimpath\b/, documents: false },
  { kind: 'declaration', pattern: /reproducible-builds\.org|\breproducible(?:\s+|-)builds?\b|\bbuilds? (?:are|is) reproducible\b|可重现构建|可复现构建/i, documents: true },
];

/** Signals in one text file. Code blocks are not special: a README's build command with -trimpath is a signal too. */
export function scanText(path: string, text: string): Signal[] {
  const document = DOCUMENT.test(path.toLowerCase());
  const signals: Signal[] = [];
  const seen = new Set<SignalKind>();
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    for (const { kind, pattern, documents } of TEXT_PATTERNS) {
      if (seen.has(kind) || (document && !documents)) continue;
      if (pattern.test(line)) {
        seen.add(kind);
        signals.push({ kind, path, line: index + 1, text: line.trim().slice(0, 200) });
      }
    }
  }
  return signals;
}

/** Files that pin a toolchain, and the test their content must pass (a channel name like `stable` pins nothing). */
const TOOLCHAIN_FILES: readonly { match: (lower: string) => boolean; pinned: (text: string) => string | null }[] = [
  { match: (p) => p === 'rust-toolchain' || p === 'rust-toolchain.toml', pinned: (t) => firstLine(t, /(?:^|channel\s*=\s*["'])(\d+\.\d+(?:\.\d+)?|nightly-\d{4}-\d{2}-\d{2})/m) },
  { match: (p) => p === 'go.mod', pinned: (t) => firstLine(t, /^\s*toolchain\s+go\d+\.\d+(\.\d+)?/m) },
  { match: (p) => p === '.nvmrc' || p === '.node-version' || p === '.python-version' || p === '.ruby-version' || p === '.java-version', pinned: (t) => firstLine(t, /^\s*v?\d+\.\d+(\.\d+)?\s*$/m) },
  { match: (p) => p === '.tool-versions', pinned: (t) => firstLine(t, /^\s*\S+\s+\d+\.\d+(\.\d+)?/m) },
  { match: (p) => p === 'global.json', pinned: (t) => firstLine(t, /"version"\s*:\s*"\d+\.\d+\.\d+"/) },
  { match: (p) => p === 'gradle/wrapper/gradle-wrapper.properties', pinned: (t) => firstLine(t, /^\s*distributionSha256Sum\s*=/m) },
  { match: (p) => p === 'flake.lock', pinned: (t) => firstLine(t, /"locked"\s*:/) },
];

function firstLine(text: string, pattern: RegExp): string | null {
  const match = pattern.exec(text);
  if (!match) return null;
  // A leading \s* may have matched the newlines before the line: start at the first character that is not space.
  const at = match.index + (match[0].length - match[0].trimStart().length);
  const start = text.lastIndexOf('\n', at) + 1;
  const end = text.indexOf('\n', at);
  return text.slice(start, end < 0 ? undefined : end).trim();
}

/** Whether a root-level path is a toolchain file read for `pinned-toolchain`. */
export function isToolchainFile(path: string): boolean {
  const lower = path.toLowerCase();
  return TOOLCHAIN_FILES.some((entry) => entry.match(lower));
}

export function scanToolchainFile(path: string, text: string): Signal | null {
  const lower = path.toLowerCase();
  for (const entry of TOOLCHAIN_FILES) {
    if (!entry.match(lower)) continue;
    const pinned = entry.pinned(text);
    if (!pinned) return null;
    const line = text.slice(0, Math.max(0, text.indexOf(pinned))).split('\n').length;
    return { kind: 'pinned-toolchain', path, line, text: pinned.slice(0, 200) };
  }
  return null;
}

/** `.buildinfo` files (Debian's record of a build's environment) are a declaration by themselves. */
export function isBuildinfoFile(path: string): boolean {
  return path.toLowerCase().endsWith('.buildinfo') && !VENDORED.test(path.toLowerCase());
}
