/**
 * release-checker: for the repository's published releases, whether each comes with release notes (a notes
 * file in its source archive, or a description), an SBOM (CycloneDX/SPDX file in the archive or among its
 * assets) and signatures (signature/provenance assets). Works from the platform API alone (no clone): the
 * source archives of the most recent releases are streamed with a size cap and only their file lists read.
 */
import { listRemoteZip, stripTopFolder } from '../../platforms/archive.js';
import { PlatformError } from '../../platforms/errors.js';
import { platformCall } from '../shared/platform-errors.js';
import { platformClient, type PlatformClient, type Release } from '../../platforms/index.js';
import type { CheckContext, Checker, Json } from '../types.js';
import { evaluate, publishedReleases, type ArchiveFacts } from './evaluate.js';
import { meta } from './meta.js';

/** Source archives downloaded per task: the most recent releases (upstream downloaded every one). */
export const MAX_ARCHIVES = 10;
const PARALLEL_DOWNLOADS = 2;

export interface ReleaseCheckOptions {
  maxArchives?: number;
  archiveMaxBytes?: number;
  archiveTimeoutMs?: number;
}

export const checker: Checker = {
  ...meta,
  run: (ctx) => checkReleases(ctx),
};

export function checkReleases(ctx: CheckContext, options: ReleaseCheckOptions = {}): Promise<Json> {
  return platformCall(async () => {
    const client = platformClient(ctx.task.projectUrl, { config: ctx.config, cache: ctx.cache, signal: ctx.signal });
    const releases = publishedReleases(await client.releases());
    const recent = releases.slice(0, options.maxArchives ?? MAX_ARCHIVES);
    const archives = new Map<string, ArchiveFacts>();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < recent.length) {
        const release = recent[next++] as Release;
        archives.set(release.tag, await archiveFiles(client, release, ctx, options));
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_DOWNLOADS, recent.length) }, worker));
    return evaluate({ releases, archives });
  });
}

async function archiveFiles(client: PlatformClient, release: Release, ctx: CheckContext, options: ReleaseCheckOptions): Promise<ArchiveFacts> {
  if (!release.archiveUrl) return { error: 'No zipball_url' };
  const { url, headers } = client.authorizeDownload(release.archiveUrl);
  try {
    const names = await listRemoteZip(url, { headers, signal: ctx.signal, maxBytes: options.archiveMaxBytes, timeoutMs: options.archiveTimeoutMs });
    return { files: stripTopFolder(names) };
  } catch (err) {
    if (err instanceof PlatformError) {
      ctx.log.info({ tag: release.tag, reason: err.message }, 'release archive not checked');
      return { error: err.message };
    }
    throw err;
  }
}
