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
