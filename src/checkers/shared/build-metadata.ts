/**
 * build-metadata-checker and its alias artifact-metadata-checker: do the released artifacts carry build
 * metadata? Two sources of evidence:
 * - the assets of the most recent published releases (`[SupplyChain] releases_checked`): SLSA / in-toto
 *   provenance and attestation bundles, SBOMs, checksum files and signatures (names classified in
 *   src/analysis/scorecard/release-assets.ts);
 * - the root package manifests, when one says both where the package's source lives and how it is built
 *   (build-manifests.ts).
 * The fields are those OSS Compass's v2 `build_metadata_available` reads (`metadata_available`, else a
 * non-empty `artifact_metadata`); the two always agree.
 */
import { artifactMetadataKind, publishedReleases } from '../../analysis/scorecard/release-assets.js';
import { RepoUrlError, parseRepoUrl, platformClient } from '../../platforms/index.js';
import type { CheckContext, Json } from '../types.js';
import { BUILD_MANIFESTS, readBuildManifest } from './build-manifests.js';
import { platformCall } from './platform-errors.js';

export interface ArtifactMetadataEntry {
  [key: string]: Json;
  /** The release's tag, or null for a package manifest. */
  release: string | null;
  file: string;
  kind: 'provenance' | 'sbom' | 'checksum' | 'signature' | 'package-manifest';
}

export interface ManifestEntry {
  [key: string]: Json;
  file: string;
  repository: string | null;
  build: string | null;
}

export interface ReleaseEvidence {
  checked: string[];
  entries: ArtifactMetadataEntry[];
  /** Why releases were not read (not a forge project). */
  skipped?: string;
}

/** The result from collected evidence (pure). */
export function buildMetadataResult(releases: ReleaseEvidence, manifests: readonly ManifestEntry[]): { [key: string]: Json } {
  const qualifying = manifests.filter((manifest) => manifest.repository !== null && manifest.build !== null);
  const entries: ArtifactMetadataEntry[] = [...releases.entries, ...qualifying.map((manifest) => ({ release: null, file: manifest.file, kind: 'package-manifest' as const }))];
  const result: { [key: string]: Json } = {
    metadata_available: entries.length > 0,
    artifact_metadata: entries,
    kinds: [...new Set(entries.map((entry) => entry.kind))],
    releases_checked: releases.checked,
    manifests: [...manifests],
  };
  if (releases.skipped) result.releases_skipped = releases.skipped;
  return result;
}

async function manifestEvidence(ctx: CheckContext): Promise<ManifestEntry[]> {
  const found: ManifestEntry[] = [];
  for (const file of await ctx.repo.files()) {
    if (file.path.includes('/') || !(BUILD_MANIFESTS as readonly string[]).includes(file.lowerName)) continue;
    const declared = readBuildManifest(file.lowerName, await ctx.repo.readText(file.path));
    if (!declared) continue;
    const entry: ManifestEntry = { file: ctx.repo.displayPath(file.path), repository: declared.repository, build: declared.build };
    if (declared.error) entry.error = declared.error;
    found.push(entry);
  }
  return found;
}

async function releaseEvidence(ctx: CheckContext): Promise<ReleaseEvidence> {
  try {
    parseRepoUrl(ctx.task.projectUrl);
  } catch (err) {
    if (err instanceof RepoUrlError) return { checked: [], entries: [], skipped: 'not a GitHub, Gitee or GitCode project: releases are not read' };
    throw err;
  }
  const client = platformClient(ctx.task.projectUrl, { config: ctx.config, cache: ctx.cache, signal: ctx.signal });
  const recent = publishedReleases(await client.releases()).slice(0, ctx.config.SupplyChain.releases_checked);
  const entries: ArtifactMetadataEntry[] = [];
  for (const release of recent) {
    for (const asset of release.assets) {
      const kind = artifactMetadataKind(asset.name);
      if (kind) entries.push({ release: release.tag, file: asset.name, kind });
    }
  }
  return { checked: recent.map((release) => release.tag), entries };
}

export function checkBuildMetadata(ctx: CheckContext): Promise<Json> {
  return platformCall(async () => {
    const [releases, manifests] = await Promise.all([releaseEvidence(ctx), manifestEvidence(ctx)]);
    return buildMetadataResult(releases, manifests);
  });
}
