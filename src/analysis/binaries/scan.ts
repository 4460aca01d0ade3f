/**
 * The repository's binary files and archives, recognised by content (the first bytes of each file), never by
 * extension: the fact binary-checker reports and Scorecard's Binary-Artifacts scores.
 */
import { codeDigest, installedVersion } from '../../lib/code-digest.js';
import { errorMessage } from '../../lib/errors.js';
import type { Logger } from '../../lib/log.js';
import { FileFacts } from '../../lib/repo/file-facts.js';
import type { RepoView } from '../../lib/repo/repo-view.js';
import { classifySniff, isExcludedPath, sniffBytes, SNIFF_BYTES, type FileKind } from './classify.js';
import { mapLimit } from './pool.js';

/** Reads in flight at once. */
const PARALLEL_READS = 32;

export interface BinaryFacts {
  /** Repository-relative paths of non-archive binaries, sorted. */
  readonly binaryFiles: string[];
  /** Repository-relative paths of archives (zip, tar, jar, ...), sorted. */
  readonly archives: string[];
}

export interface BinaryScanOptions {
  readonly signal: AbortSignal;
  /** Told about files that could not be read (they are skipped). */
  readonly log: Logger;
}

export async function findBinaries(repo: RepoView, options: BinaryScanOptions): Promise<BinaryFacts> {
  // Empty files are text; skipping them here saves a read each.
  const candidates = (await repo.files()).filter((file) => file.size > 0 && !isExcludedPath(file.path));
  // The kind of a blob's bytes is a fact of the shared result cache: a blob sniffed once is never read again.
  const facts = await FileFacts.open<FileKind>(repo, candidates, { kind: `binary-sniff:${codeDigest(new URL('.', import.meta.url), installedVersion('file-type'), installedVersion('isbinaryfile'))}`, decode: decodeKind });
  const kinds = await mapLimit(candidates, PARALLEL_READS, options.signal, async (file) => {
    const known = facts.get(file);
    if (known !== undefined) return known;
    const kind = await kindOf(repo, options.log, file.path, file.size);
    if (kind !== null) facts.put(file, kind);
    return kind;
  });
  await facts.save();
  const binaryFiles: string[] = [];
  const archives: string[] = [];
  candidates.forEach((file, index) => {
    const kind = kinds[index];
    if (kind === 'binary') binaryFiles.push(file.path);
    else if (kind === 'archive') archives.push(file.path);
  });
  return { binaryFiles: binaryFiles.sort(), archives: archives.sort() };
}

function decodeKind(value: unknown): FileKind | undefined {
  return value === 'archive' || value === 'binary' || value === 'text' ? value : undefined;
}

/**
 * One read per file: the same head feeds file-type and isbinaryfile. (repo.isBinary would read the file a
 * second time; it sniffs the same 8 KiB with the same library, so the verdicts agree.)
 */
async function kindOf(repo: RepoView, log: Logger, path: string, size: number): Promise<FileKind | null> {
  try {
    // Most files are small: a buffer of their size (not 8 KiB each) keeps 50k reads cheap.
    return classifySniff(await sniffBytes(await repo.head(path, Math.min(size, SNIFF_BYTES))));
  } catch (err) {
    // A file that vanished or cannot be read is skipped with a warning; the rest of the scan stands.
    log.warn({ path, err: errorMessage(err) }, 'binary-checker could not read a file');
    return null;
  }
}
