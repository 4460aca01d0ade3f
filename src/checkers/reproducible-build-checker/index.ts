/**
 * reproducible-build-checker: can a user check that the released artifacts are the ones built? For the most
 * recent published releases (`[SupplyChain] releases_checked`), the published checksum files are read and the
 * artifacts they list are downloaded (within the release-archive size and time caps, at most MAX_ARTIFACTS per
 * task) and hashed; the repository is searched for reproducible-build signals. The fields are those OSS
 * Compass's v2 `reproducible_build` reads (`reproducible`, else `checksum_match`).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { isChecksumFile, publishedReleases } from '../../analysis/scorecard/release-assets.js';
import { DEFAULT_ARCHIVE_MAX_BYTES, DEFAULT_ARCHIVE_TIMEOUT_MS, downloadToFile } from '../../platforms/archive.js';
import { PlatformError, RepoUrlError, parseRepoUrl, platformClient, type PlatformClient, type Release, type ReleaseAsset } from '../../platforms/index.js';
import { platformCall } from '../shared/platform-errors.js';
import type { CheckContext, Checker, Json } from '../types.js';
import { parseChecksumFile, type ExpectedDigest } from './checksums.js';
import { meta } from './meta.js';
import { isBuildinfoFile, isSignalSource, isToolchainFile, scanText, scanToolchainFile, type Signal } from './signals.js';

/** Artifacts downloaded and hashed per task. */
export const MAX_ARTIFACTS = 10;
const CHECKSUM_FILE_MAX_BYTES = 1024 * 1024;
/** Files searched for signals, and the bytes read of each. */
const MAX_SIGNAL_FILES = 500;
const SIGNAL_READ_BYTES = 256 * 1024;

export interface ReproducibleOptions {
  maxArtifactBytes?: number;
  downloadTimeoutMs?: number;
}

interface ArtifactEntry {
  [key: string]: Json;
  release: string;
  file: string;
  checksum_file: string;
  algorithm: string;
  expected: string;
  actual: string | null;
  /** null: not verified (see error). */
  match: boolean | null;
}

export const checker: Checker = {
  ...meta,
  run: (ctx) => checkReproducible(ctx),
};

export function checkReproducible(ctx: CheckContext, options: ReproducibleOptions = {}): Promise<Json> {
  return platformCall(async () => {
    const signals = await collectSignals(ctx);
    const releases = await releaseArtifacts(ctx, options);
    const verified = releases.artifacts.filter((artifact) => artifact.match !== null);
    const checksumMatch = verified.length === 0 ? null : verified.every((artifact) => artifact.match === true);
    const result: { [key: string]: Json } = {
      reproducible: checksumMatch === true && signals.length > 0,
      checksum_match: checksumMatch,
      artifacts: releases.artifacts,
      signals: signals.map((signal) => ({ kind: signal.kind, file: ctx.repo.displayPath(signal.path), line: signal.line, text: signal.text })),
      signal_kinds: [...new Set(signals.map((signal) => signal.kind))],
      releases_checked: releases.checked,
      checksum_files: releases.checksumFiles,
    };
    if (releases.skipped) result.releases_skipped = releases.skipped;
    if (checksumMatch === null) result.reason = releases.checksumFiles.length === 0 ? 'no checksum file among the assets of the releases checked' : 'no artifact listed in the checksum files could be verified';
    return result;
  });
}

async function collectSignals(ctx: CheckContext): Promise<Signal[]> {
  const signals: Signal[] = [];
  let read = 0;
  for (const file of await ctx.repo.files()) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    if (isBuildinfoFile(file.path)) {
      signals.push({ kind: 'declaration', path: file.path, line: 1, text: '.buildinfo file' });
      continue;
    }
    const toolchain = !file.path.includes('/') || file.path.toLowerCase() === 'gradle/wrapper/gradle-wrapper.properties' ? isToolchainFile(file.path) : false;
    if (!toolchain && !isSignalSource(file.path)) continue;
    if (read++ >= MAX_SIGNAL_FILES || (await ctx.repo.isBinary(file.path))) continue;
    const text = (await ctx.repo.head(file.path, SIGNAL_READ_BYTES)).toString('utf8');
    if (toolchain) {
      const pinned = scanToolchainFile(file.path, text);
      if (pinned) signals.push(pinned);
    }
    if (isSignalSource(file.path)) signals.push(...scanText(file.path, text));
  }
  return signals;
}

interface ReleaseArtifacts {
  checked: string[];
  artifacts: ArtifactEntry[];
  checksumFiles: Json[];
  skipped?: string;
}

async function releaseArtifacts(ctx: CheckContext, options: ReproducibleOptions): Promise<ReleaseArtifacts> {
  try {
    parseRepoUrl(ctx.task.projectUrl);
  } catch (err) {
    if (err instanceof RepoUrlError) return { checked: [], artifacts: [], checksumFiles: [], skipped: 'not a GitHub, Gitee or GitCode project: releases are not read' };
    throw err;
  }
  const client = platformClient(ctx.task.projectUrl, { config: ctx.config, cache: ctx.cache, signal: ctx.signal });
  const recent = publishedReleases(await client.releases()).slice(0, ctx.config.SupplyChain.releases_checked);
  const artifacts: ArtifactEntry[] = [];
  const checksumFiles: Json[] = [];
  const dir = await mkdtemp(join(tmpdir(), 'oc-artifacts-'));
  try {
    let downloads = 0;
    for (const release of recent) {
      for (const { asset, expected } of await expectedDigests(client, release, checksumFiles, ctx, dir)) {
        const entry: ArtifactEntry = { release: release.tag, file: asset.name, checksum_file: expected.source, algorithm: expected.algorithm, expected: expected.digest, actual: null, match: null };
        if (downloads >= MAX_ARTIFACTS) {
          entry.error = `not verified: at most ${MAX_ARTIFACTS} artifacts are downloaded per task`;
        } else {
          downloads++;
          await verify(client, asset, expected, entry, ctx, dir, options);
        }
        artifacts.push(entry);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { checked: recent.map((release) => release.tag), artifacts, checksumFiles };
}

/** The release's assets that its checksum files list, with the digest each should have. */
async function expectedDigests(client: PlatformClient, release: Release, checksumFiles: Json[], ctx: CheckContext, dir: string): Promise<{ asset: ReleaseAsset; expected: ExpectedDigest & { source: string } }[]> {
  const byName = new Map(release.assets.map((asset) => [asset.name, asset]));
  const found: { asset: ReleaseAsset; expected: ExpectedDigest & { source: string } }[] = [];
  const seen = new Set<string>();
  for (const file of release.assets.filter((asset) => isChecksumFile(asset.name))) {
    const record: { [key: string]: Json } = { release: release.tag, file: file.name };
    checksumFiles.push(record);
    if (!file.downloadUrl) {
      record.error = 'no download URL';
      continue;
    }
    let listed: ExpectedDigest[];
    try {
      const target = join(dir, 'checksums');
      const { url, headers } = client.authorizeDownload(file.downloadUrl);
      await downloadToFile(url, target, { headers, signal: ctx.signal, maxBytes: CHECKSUM_FILE_MAX_BYTES, timeoutMs: DEFAULT_ARCHIVE_TIMEOUT_MS, noun: 'checksum file' });
      const text = await readSmall(target);
      listed = parseChecksumFile(file.name, text);
    } catch (err) {
      if (!(err instanceof PlatformError)) throw err;
      record.error = err.message;
      continue;
    }
    const attached = listed.filter((entry) => byName.has(entry.name) && !isChecksumFile(entry.name));
    record.listed = listed.length;
    record.attached = attached.length;
    for (const entry of attached) {
      const key = `${entry.name}\u0000${entry.algorithm}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push({ asset: byName.get(entry.name) as ReleaseAsset, expected: { ...entry, source: file.name } });
    }
  }
  return found;
}

async function readSmall(file: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of createReadStream(file)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function verify(client: PlatformClient, asset: ReleaseAsset, expected: ExpectedDigest, entry: ArtifactEntry, ctx: CheckContext, dir: string, options: ReproducibleOptions): Promise<void> {
  if (!asset.downloadUrl) {
    entry.error = 'no download URL';
    return;
  }
  const target = join(dir, 'artifact');
  try {
    const { url, headers } = client.authorizeDownload(asset.downloadUrl);
    await downloadToFile(url, target, { headers, signal: ctx.signal, maxBytes: options.maxArtifactBytes ?? DEFAULT_ARCHIVE_MAX_BYTES, timeoutMs: options.downloadTimeoutMs ?? DEFAULT_ARCHIVE_TIMEOUT_MS, noun: 'release asset' });
    const algorithms = new Set([expected.algorithm, 'sha256']);
    const hashes = new Map([...algorithms].map((algorithm) => [algorithm, createHash(algorithm)]));
    await pipeline(createReadStream(target), async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) for (const hash of hashes.values()) hash.update(chunk);
      yield* [];
    });
    const digests = new Map([...hashes].map(([algorithm, hash]) => [algorithm, hash.digest('hex')]));
    entry.actual = digests.get(expected.algorithm) ?? null;
    entry.match = entry.actual === expected.digest;
    // GitHub's own digest of the upload: a second, independent record of what was published.
    const platform = /^sha256:([0-9a-f]{64})$/i.exec(asset.digest ?? '')?.[1]?.toLowerCase();
    if (platform) entry.platform_digest_match = digests.get('sha256') === platform;
  } catch (err) {
    if (!(err instanceof PlatformError)) throw err;
    entry.error = err.message;
  } finally {
    await rm(target, { force: true });
  }
}
