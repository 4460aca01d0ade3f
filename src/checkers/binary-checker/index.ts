/**
 * binary-checker: binary files and archives committed to the repository, recognised by content (the first
 * bytes of each file), not by extension. Output keeps upstream's keys:
 * `{"binary_file_list": ["<repo>/<path>", ...], "binary_archive_list": [...]}`, both sorted. Archives are
 * listed only in binary_archive_list (upstream's archive branch was dead code, so it listed them as files).
 */
import { findBinaries } from '../../analysis/binaries/scan.js';
import type { Checker } from '../types.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  async run(ctx) {
    const { binaryFiles, archives } = await findBinaries(ctx.repo, { signal: ctx.signal, log: ctx.log });
    // Every path carries the same `<repo>/` prefix, so the sorted order stands.
    return { binary_file_list: binaryFiles.map((path) => ctx.repo.displayPath(path)), binary_archive_list: archives.map((path) => ctx.repo.displayPath(path)) };
  },
};
