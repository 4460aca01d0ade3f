/**
 * Lines of code per language, as upstream's `cloc <dir> --json` reports them, computed once per repository view
 * (`repo.memo('code-count')`). cloc's file selection is followed too: its default excluded folders, zero-sized
 * and >100 MB files, files Perl's `-B` calls binary (first 512 bytes), files in no counted language
 * (cloc-classify.ts), and duplicate files (identical content) counted once, the last in path order as cloc
 * keeps it.
 * Files are read only through the RepoView, once each, with bounded parallelism.
 */
import { createHash } from 'node:crypto';
import { codeDigest } from '../../lib/code-digest.js';
import { FileFacts } from '../../lib/repo/file-facts.js';
import type { RepoFile, RepoView } from '../../lib/repo/repo-view.js';
import { classifyWithContent, clocExcludedPath, precheck } from './cloc-classify.js';
import { countLines, type LineCounts } from './cloc-count.js';
import { forEachLimit } from './pool.js';
import { yieldEvery } from '../../lib/yield.js';

export interface LanguageLines extends LineCounts {
  files: number;
}

export interface CodeCount {
  /** cloc's SUM: every counted file. */
  total: LanguageLines;
  /** Per cloc language name, sorted by code lines (descending) then name. */
  languages: Record<string, LanguageLines>;
}

/** cloc's --max-file-size default (100 MB). */
const MAX_FILE_BYTES = 100 * 1024 * 1024;
/** Perl's -B looks at the first 512 bytes. */
const PERL_SNIFF_BYTES = 512;
const PARALLEL_READS = 8;

export function codeCount(repo: RepoView, signal: AbortSignal): Promise<CodeCount> {
  return repo.memo('code-count', () => computeCodeCount(repo, signal));
}

interface Counted {
  path: string;
  size: number;
  language: string;
  counts: LineCounts;
  digest: string | null;
}

async function computeCodeCount(repo: RepoView, signal: AbortSignal): Promise<CodeCount> {
  // Classifying a path by name costs some µs: over 100k+ files, the loop gives the event loop back every slice.
  const slice = yieldEvery();
  const candidates: RepoFile[] = [];
  for (const file of await repo.files()) {
    if (file.size > 0 && file.size <= MAX_FILE_BYTES && !clocExcludedPath(file.path) && precheck(file.path).kind !== 'skip') candidates.push(file);
    if (slice.due()) await slice.yield();
  }
  // Only files whose size another candidate shares can be duplicates: hash just those.
  const sizeSeen = new Map<number, number>();
  for (const file of candidates) sizeSeen.set(file.size, (sizeSeen.get(file.size) ?? 0) + 1);

  const counted: (Counted | null)[] = new Array<Counted | null>(candidates.length).fill(null);
  // Kept per blob and file name in the shared result cache: a file's language and its counts.
  const facts = await FileFacts.open<CountFact>(repo, candidates, { kind: `cloc:${codeDigest(new URL('.', import.meta.url))}`, extraKey: baseName, decode: decodeCountFact });
  // Identical contents have one blob id: where the view has them (with the cache) they find duplicates, read or
  // not, instead of an MD5 of each file. Only when every candidate has one, so two kinds of digest never mix.
  const blobIds = repo.resultCache !== null ? await repo.blobIds().catch(() => null) : null;
  const byBlob = blobIds !== null && candidates.every((file) => blobIds.has(file.path)) ? blobIds : null;
  await forEachLimit(candidates, PARALLEL_READS, signal, async (file, index) => {
    const duplicable = (sizeSeen.get(file.size) ?? 0) > 1;
    const blob = duplicable && byBlob ? (byBlob.get(file.path) ?? null) : null;
    const known = facts.get(file);
    if (known !== undefined) {
      counted[index] = known === null ? null : { path: file.path, size: file.size, language: known.language, counts: known.counts, digest: blob };
      return;
    }
    const entry = await countFile(repo, file, duplicable && !byBlob);
    facts.put(file, entry === null ? null : { language: entry.language, counts: entry.counts });
    counted[index] = entry && byBlob ? { ...entry, digest: blob } : entry;
  });
  await facts.save();

  // cloc's remove_duplicate_files: among identical files (same size and MD5, or blob id), the last in sorted order counts.
  const kept = new Map<string, Counted>();
  const unique: Counted[] = [];
  for (const entry of counted) {
    if (!entry) continue;
    if (entry.digest === null) unique.push(entry);
    else kept.set(`${entry.size}:${entry.digest}`, entry);
  }
  unique.push(...kept.values());

  const languages = new Map<string, LanguageLines>();
  const total: LanguageLines = { files: 0, blank: 0, comment: 0, code: 0 };
  for (const entry of unique) {
    let sum = languages.get(entry.language);
    if (!sum) {
      sum = { files: 0, blank: 0, comment: 0, code: 0 };
      languages.set(entry.language, sum);
    }
    for (const target of [sum, total]) {
      target.files++;
      target.blank += entry.counts.blank;
      target.comment += entry.counts.comment;
      target.code += entry.counts.code;
    }
  }
  const sorted = [...languages].sort((a, b) => b[1].code - a[1].code || (a[0] < b[0] ? -1 : 1));
  return { total, languages: Object.fromEntries(sorted) };
}

type CountFact = { language: string; counts: LineCounts } | null;

function decodeCountFact(value: unknown): CountFact | undefined {
  if (value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) return undefined;
  const fact = value as { language?: unknown; counts?: { blank?: unknown; comment?: unknown; code?: unknown } | null };
  if (typeof fact.language !== 'string' || typeof fact.counts !== 'object' || fact.counts === null) return undefined;
  const { blank, comment, code } = fact.counts;
  if (typeof blank !== 'number' || typeof comment !== 'number' || typeof code !== 'number') return undefined;
  return { language: fact.language, counts: { blank, comment, code } };
}

function baseName(file: RepoFile): string {
  return file.path.slice(file.path.lastIndexOf('/') + 1);
}

async function countFile(repo: RepoView, file: RepoFile, hash: boolean): Promise<Counted | null> {
  const content = await repo.head(file.path, file.size);
  if (content.length === 0 || perlIsBinary(content.subarray(0, PERL_SNIFF_BYTES))) return null;
  // Perl reads bytes; latin1 keeps one char per byte. cloc strips a UTF-8 byte order mark.
  const bytes = content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf ? content.subarray(3) : content;
  const text = bytes.toString('latin1');
  const language = classifyWithContent(file.path, text);
  if (!language) return null;
  return {
    path: file.path,
    size: file.size,
    language,
    counts: countLines(language, text),
    digest: hash ? createHash('md5').update(content).digest('hex') : null,
  };
}

/**
 * Perl's `-B` on a file's first block: NUL means binary; a block that is valid UTF-8 (a character cut at the
 * end allowed) is text; otherwise binary when more than a third of the bytes are neither printable ASCII, ASCII
 * whitespace (but vertical tab), backspace nor escape.
 */
export function perlIsBinary(block: Buffer): boolean {
  if (block.length === 0) return true;
  if (block.includes(0)) return true;
  let ascii = true;
  for (const byte of block) {
    if (byte >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (!ascii && isUtf8AllowingCut(block)) return false;
  let odd = 0;
  for (const byte of block) {
    const printable = byte >= 0x20 && byte <= 0x7e;
    const space = byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d;
    if (!printable && !space && byte !== 0x08 && byte !== 0x1b) odd++;
  }
  return odd * 3 > block.length;
}

function isUtf8AllowingCut(bytes: Buffer): boolean {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i] as number;
    let extra: number;
    if (byte < 0x80) extra = 0;
    else if (byte >= 0xc2 && byte <= 0xdf) extra = 1;
    else if (byte >= 0xe0 && byte <= 0xef) extra = 2;
    else if (byte >= 0xf0 && byte <= 0xf4) extra = 3;
    else return false;
    for (let k = 1; k <= extra; k++) {
      if (i + k >= bytes.length) return true; // cut at the end of the block
      const next = bytes[i + k] as number;
      if (next < 0x80 || next > 0xbf) return false;
    }
    i += extra + 1;
  }
  return true;
}
