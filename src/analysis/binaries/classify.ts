/**
 * The rules of binary-checker as pure functions: which paths are scanned, and what a file's first bytes make
 * it (archive, other binary, or text). Content decides, never the file name or extension.
 */
import { fileTypeFromBuffer } from 'file-type';
import { isBinaryFile } from 'isbinaryfile';

// Directory names whose contents are not scanned. Upstream ran `find ... -not -path '*/test/*'`, which skips
// everything below a directory named exactly `test` (case-sensitive, at any depth) but not a file named
// `test`; we keep that so results stay comparable (test fixtures are often binary on purpose).
export const EXCLUDED_DIRECTORY_NAMES: ReadonlySet<string> = new Set(['test']);

/**
 * Bytes read from the start of each file. file-type needs 4100 at most; 8 KiB is what RepoView (and so
 * repo.isBinary) sniffs, so the text/binary verdict here is the one other checkers get.
 */
export const SNIFF_BYTES = 8192;

/** file-type extensions that are containers of other files: reported in binary_archive_list. */
export const ARCHIVE_FORMATS: ReadonlySet<string> = new Set([
  'zip', // also .whl, .nupkg, .war and .aar, which file-type reports as plain zip
  'jar',
  'apk',
  'xpi',
  'crx',
  'tar',
  'tar.gz',
  'gz',
  'bz2',
  'xz',
  'zst',
  'lz4',
  'lz',
  'Z',
  '7z',
  'rar',
  'cab',
  'rpm',
  'deb',
  'ar', // also static libraries (.a): an ar archive of object files
  'cpio',
  'arj',
  'ace',
  'lzh',
  'dmg',
  'asar',
]);

/**
 * Formats that are binary even when their first bytes look like text: an uncompressed PDF can be ASCII for
 * its first kilobytes, but it is not source.
 */
export const BINARY_EVEN_IF_TEXTUAL: ReadonlySet<string> = new Set(['pdf']);

export type FileKind = 'archive' | 'binary' | 'text';

export interface Sniff {
  /** The format file-type recognised from the magic bytes, if any. */
  readonly format: string | undefined;
  /** isbinaryfile's verdict on the same bytes (false for UTF-8/UTF-16 text with a BOM, and for empty files). */
  readonly binaryContent: boolean;
}

export function isExcludedPath(path: string): boolean {
  const directories = path.split('/').slice(0, -1);
  return directories.some((name) => EXCLUDED_DIRECTORY_NAMES.has(name));
}

/**
 * Text content wins over a recognised format: many magic numbers are short or printable ("BM" for BMP,
 * "!<arch>", "%!PS", "<?xml ", a UTF-16LE BOM read as MPEG audio), so a match on text is a false positive.
 */
export function classifySniff(sniff: Sniff): FileKind {
  const { format, binaryContent } = sniff;
  if (format !== undefined && BINARY_EVEN_IF_TEXTUAL.has(format)) return 'binary';
  if (!binaryContent) return 'text';
  return format !== undefined && ARCHIVE_FORMATS.has(format) ? 'archive' : 'binary';
}

/** How each format in BINARY_EVEN_IF_TEXTUAL starts, so text without it skips format detection. */
const TEXTUAL_BINARY_PREFIXES: readonly Buffer[] = [Buffer.from('%PDF-', 'latin1')];

/** What the first bytes of a file say about it. */
export async function sniffBytes(head: Buffer): Promise<Sniff> {
  if (head.length === 0) return { format: undefined, binaryContent: false };
  const binaryContent = await isBinaryFile(head, head.length);
  // Most files are text, and for text the format only matters when it is one that is binary anyway; format
  // detection costs ~30 µs a file, a second and a half on a 50k-file tree, so it is skipped there.
  if (!binaryContent && !TEXTUAL_BINARY_PREFIXES.some((prefix) => startsWith(head, prefix))) {
    return { format: undefined, binaryContent };
  }
  return { format: await detectFormat(head), binaryContent };
}

function startsWith(buffer: Buffer, prefix: Buffer): boolean {
  return buffer.length >= prefix.length && buffer.subarray(0, prefix.length).equals(prefix);
}

async function detectFormat(head: Buffer): Promise<string | undefined> {
  try {
    return (await fileTypeFromBuffer(head))?.ext;
  } catch {
    // A truncated head can end a parser early (e.g. inside a zip entry); the content check still decides.
    return undefined;
  }
}
