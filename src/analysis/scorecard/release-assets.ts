/**
 * Which files and assets count as release notes, SBOMs and signatures. Upstream compared lower-cased basenames
 * for equality with `changelog`, `release_notes`, … (so `CHANGELOG.md` never matched) and compared the SBOM
 * regex as a literal string (so nothing ever matched); these patterns match the names projects really use.
 */

/** Basenames of release-notes files, with or without an extension: CHANGELOG.md, RELEASE_NOTES.rst, NEWS, HISTORY.txt… */
const NOTES_BASENAME = /^(?:change[-_ ]?log|changes|history|news|releases?|release[-_ ]?notes|whats[-_ ]?new)(?:\.(?:md|markdown|mdx|txt|rst|adoc|asciidoc|org|textile))?$/i;
/** Folders holding one file per release: CHANGELOG/CHANGELOG-1.28.md, changelogs/unreleased/…, release-notes/v1.md, .changes/1.2.0.md. */
const NOTES_FOLDER = /(?:^|\/)(?:change[-_]?logs?|\.changes|changes|release[-_]?notes|releases)\/(?:[^/]+\/)*[^/]+\.(?:md|markdown|mdx|txt|rst|adoc|ya?ml)$/i;
/** Third-party code carries its own changelogs; they say nothing about this project's releases. */
const VENDORED = /(?:^|\/)(?:node_modules|vendor|third[-_]?party|3rdparty|external|deps|oh_modules)\//i;

export function isReleaseNotesFile(path: string): boolean {
  if (VENDORED.test(path)) return false;
  const base = path.slice(path.lastIndexOf('/') + 1);
  return NOTES_BASENAME.test(base) || NOTES_FOLDER.test(path);
}

/**
 * SBOM file names: Scorecard's CycloneDX/SPDX pattern (`*.cdx.json`, `*.spdx.json`, …; upstream's copy had the
 * typo `y[a?]ml`) plus the names the CycloneDX specification recommends (`bom.json`, `bom.xml`).
 */
const SBOM_SUFFIX = /.\.(?:cdx\.json|cdx\.xml|spdx|spdx\.json|spdx\.xml|spdx\.ya?ml|spdx\.rdf|spdx\.rdf\.xml)$/i;
const SBOM_BASENAME = /^s?bom\.(?:json|xml)$/i;

export function isSbomFile(path: string): boolean {
  if (VENDORED.test(path)) return false;
  const base = path.slice(path.lastIndexOf('/') + 1);
  return SBOM_SUFFIX.test(base) || SBOM_BASENAME.test(base);
}

/** Signature and provenance asset suffixes (Scorecard's Signed-Releases list plus upstream's). */
export const SIGNATURE_SUFFIXES = ['.minisig', '.asc', '.sig', '.sign', '.sigstore', '.sigstore.json', '.intoto.jsonl'] as const;

export function isSignatureAsset(name: string): boolean {
  const lower = name.toLowerCase();
  return SIGNATURE_SUFFIXES.some((suffix) => lower.endsWith(suffix) && lower.length > suffix.length);
}

export function isProvenanceAsset(name: string): boolean {
  return name.toLowerCase().endsWith('.intoto.jsonl');
}

/**
 * Whether a release description holds notes: any text left once markup is removed. GitHub's generated notes
 * without entries are only a "**Full Changelog**: <compare URL>" line; that alone is a link, not notes.
 */
export function bodyHasNotes(body: string): boolean {
  const text = body
    .split(/\r?\n/)
    .filter((line) => !/^\s*\**full changelog\**\s*:?/i.test(line))
    .join('\n')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/[#*_`>\-\s]+/g, ' ')
    .trim();
  return text.length > 0;
}

/**
 * Checksum files: the aggregate lists tools publish (`SHA256SUMS`, `checksums.txt`, GoReleaser's
 * `<project>_<version>_checksums.txt`, `CHECKSUMS.sha512`) and per-file digests (`app.tar.gz.sha256`).
 */
const CHECKSUM_LIST = /^(?:(?:sha(?:1|224|256|384|512)|md5|b2|blake2b?)sums?|checksums?)(?:\.(?:txt|sha\d+))?$/i;
const CHECKSUM_NAMED = /(?:^|[-_.])(?:checksums?|sha(?:256|512)sums?)\.txt$/i;
const CHECKSUM_SUFFIX = /.\.(?:sha(?:1|224|256|384|512)(?:sum)?|md5(?:sum)?)$/i;

export function isChecksumFile(name: string): boolean {
  return CHECKSUM_LIST.test(name) || CHECKSUM_NAMED.test(name) || CHECKSUM_SUFFIX.test(name);
}

/** SLSA / in-toto provenance and attestation bundles among release assets. */
const PROVENANCE = /(?:\.intoto\.jsonl|\.intoto\.json|(?:^|[-_.])(?:provenance|attestations?)\.(?:json|jsonl)|\.att)$/i;

export type ArtifactMetadataKind = 'provenance' | 'sbom' | 'checksum' | 'signature';

/**
 * What build metadata a release asset is, or null for an ordinary artifact. Provenance first (an
 * `.intoto.jsonl` is also in Scorecard's signature list), then SBOM, signature (`SHA256SUMS.asc` signs a
 * checksum list), checksum.
 */
export function artifactMetadataKind(name: string): ArtifactMetadataKind | null {
  if (PROVENANCE.test(name)) return 'provenance';
  if (isSbomFile(name)) return 'sbom';
  if (isSignatureAsset(name)) return 'signature';
  if (isChecksumFile(name)) return 'checksum';
  return null;
}

interface DatedRelease {
  readonly tag: string;
  readonly draft: boolean;
  readonly prerelease: boolean;
  readonly createdAt: string | null;
  readonly publishedAt: string | null;
}

/** Published releases (no drafts, no pre-releases, with a tag), newest first; ties keep the platform's order. */
export function publishedReleases<T extends DatedRelease>(releases: readonly T[]): T[] {
  const published = releases.filter((release) => !release.draft && !release.prerelease && release.tag !== '');
  const time = (release: T): number => Date.parse(release.publishedAt ?? release.createdAt ?? '') || 0;
  return published.map((release, index) => ({ release, index })).sort((a, b) => time(b.release) - time(a.release) || a.index - b.index).map(({ release }) => release);
}
