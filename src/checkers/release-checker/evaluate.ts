/**
 * Builds release-checker's result from collected facts (releases and the file lists of their archives), in
 * upstream's shape: `notes`, `sbom` and `signed-release-checker`, each `{is_released, …}` per release; and, for
 * OSS Compass's v2 metrics, `signature_files` (every signature asset) and `release_notes` (tags with notes).
 */
import type { Json } from '../types.js';
import type { Release } from '../../platforms/index.js';
import { bodyHasNotes, isReleaseNotesFile, isSbomFile, isSignatureAsset } from '../../analysis/scorecard/release-assets.js';

/** What was learnt about one release's source archive: its file paths, or why they are unknown. */
export type ArchiveFacts = { files: readonly string[] } | { error: string };

export interface ReleaseFacts {
  readonly releases: readonly Release[];
  /** Keyed by tag; releases without an entry were not downloaded. */
  readonly archives: ReadonlyMap<string, ArchiveFacts>;
}

export const NO_RELEASES = 'No releases found';

export function evaluate(facts: ReleaseFacts): { [key: string]: Json } {
  if (facts.releases.length === 0) {
    return { notes: { error: NO_RELEASES }, sbom: { error: NO_RELEASES }, 'signed-release-checker': { error: NO_RELEASES } };
  }
  const notes: Json[] = [];
  const sbom: Json[] = [];
  const signed: Json[] = [];
  for (const release of facts.releases) {
    const base = { tag: release.tag, release_name: release.name ?? release.tag };
    const archive = facts.archives.get(release.tag) ?? { error: 'Not checked: only the most recent releases are downloaded' };
    const files = 'files' in archive ? archive.files : [];
    const error = 'error' in archive ? archive.error : null;

    const noteFiles = files.filter(isReleaseNotesFile);
    const inBody = bodyHasNotes(release.body);
    notes.push({ ...base, has_content: noteFiles.length > 0 || inBody, content_files: noteFiles, body_has_notes: inBody, error: inBody || noteFiles.length > 0 ? null : error });

    const sbomFiles = [...files.filter(isSbomFile), ...release.assets.map((asset) => asset.name).filter(isSbomFile)];
    sbom.push({ ...base, has_content: sbomFiles.length > 0, content_files: sbomFiles, error: sbomFiles.length > 0 ? null : error });

    signed.push({ ...base, signature_files: release.assets.map((asset) => asset.name).filter(isSignatureAsset), error: null });
  }
  return {
    notes: { is_released: true, release_contents: notes },
    sbom: { is_released: true, release_contents: sbom },
    'signed-release-checker': { is_released: true, signed_files: signed },
    // What OSS Compass's v2 security_package_sig and lifecycle_release_note read at the top level.
    signature_files: facts.releases.flatMap((release) => release.assets.map((asset) => asset.name).filter(isSignatureAsset)),
    release_notes: notes.filter((entry) => (entry as { has_content: boolean }).has_content).map((entry) => (entry as { tag: string }).tag),
  };
}

/** Published releases, newest first (drafts and pre-releases are not releases, as upstream). */
export { publishedReleases } from '../../analysis/scorecard/release-assets.js';
