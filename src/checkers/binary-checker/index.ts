/**
 * binary-checker: binary files and archives committed to the repository, recognised by content (the first
 * bytes of each file), not by extension. Output keeps upstream's keys:
 * `{"binary_file_list": ["<repo>/<path>", ...], "binary_archive_list": [...]}`, both sorted. Archives are
 * listed only in binary_archive_list (upstream's archive branch was dead code, so it listed them as files).
 */
import { errorMessage } from '../../lib/errors.js';
import type { Checker, CheckContext } from '../types.js';
import { classifySniff, isExcludedPath, sniffBytes, SNIFF_BYTES, type FileKind } from '../../analysis/binaries/classify.js';
import { mapLimit } from '../../analysis/binaries/pool.js';
import { meta } from './meta.js';

/** Reads in flight at once. */
const PARALLEL_READS = 32;

export const checker: Checker = {
  ...meta,
  async run(ctx) {
    // Empty files are text; skipping them here saves a read each.
    const candidates = (await ctx.repo.files()).filter((file) => file.size > 0 && !isExcludedPath(file.path));
    const kinds = await mapLimit(candidates, PARALLEL_READS, ctx.signal, (file) => kindOf(ctx, file.path, file.size));
    const binaryFiles: string[] = [];
    const archives: string[] = [];
    candidates.forEach((file, index) => {
      const kind = kinds[index];
      if (kind === 'binary') binaryFiles.push(ctx.repo.displayPath(file.path));
      else if (kind === 'archive') archives.push(ctx.repo.displayPath(file.path));
    });
    return { binary_file_list: binaryFiles.sort(), binary_archive_list: archives.sort() };
  },
};

/**
 * One read per file: the same head feeds file-type and isbinaryfile. (ctx.repo.isBinary would read the file a
 * second time; it sniffs the same 8 KiB with the same library, so the verdicts agree.)
 */
async function kindOf(ctx: CheckContext, path: string, size: number): Promise<FileKind | null> {
  try {
    // Most files are small: a buffer of their size (not 8 KiB each) keeps 50k reads cheap.
    return classifySniff(await sniffBytes(await ctx.repo.head(path, Math.min(size, SNIFF_BYTES))));
  } catch (err) {
    // A file that vanished or cannot be read is skipped with a warning; the rest of the scan stands.
    ctx.log.warn({ path, err: errorMessage(err) }, 'binary-checker could not read a file');
    return null;
  }
}
