/**
 * lifecycle-doc-checker: does the project state its lifecycle? Reads the README, SECURITY, SUPPORT and release
 * notes (CHANGELOG, RELEASES, NEWS, HISTORY) at the root, in .github/.gitee/.gitcode and docs/, and every text
 * document under docs/ (or doc/, documentation/), for end-of-life dates, supported-versions tables, LTS and
 * maintenance policy, in English and Chinese. The fields are the ones OSS Compass's v2 `lifecycle_statement`
 * reads (`has_eol` or `eol_declared` scores 10, `keywords_found` alone 6); `files` says why.
 */
import type { RepoFile, RepoView } from '../../lib/repo/repo-view.js';
import type { Checker, Json } from '../types.js';
import { KIND_ORDER, TERMS, scanDocument, type Evidence } from './evaluate.js';
import { meta } from './meta.js';

/** Documents read at most; named documents come first. */
const MAX_DOCUMENTS = 300;
/** Bytes read of one document: a lifecycle statement is text near the top, a 50 MB CHANGELOG is not read whole. */
const MAX_BYTES = 256 * 1024;
/** Evidence entries reported (strongest first); Compass keeps the first 500 characters of the result anyway. */
const MAX_EVIDENCE = 50;

const NAMED = /^(readme|security|support|changelog|changes|history|releases?|release[-_ ]?notes|news|lifecycle|life-cycle|maintenance|versioning|eol|lts)([.\-_].*)?$/;
const DOC_EXTENSION = /\.(md|markdown|mdx|rst|txt|adoc|asciidoc|org)$/;
const NAMED_FOLDERS = new Set(['', '.github', '.gitee', '.gitcode', 'docs', 'doc']);
const DOC_FOLDERS = new Set(['docs', 'doc', 'documentation']);

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash).toLowerCase();
}

/** Whether a file is one of the named lifecycle documents (README, SECURITY, CHANGELOG, ...) in a place they live. */
export function isNamedDocument(file: Pick<RepoFile, 'path' | 'lowerName'>): boolean {
  const textual = !file.lowerName.includes('.') || DOC_EXTENSION.test(file.lowerName);
  return textual && NAMED.test(file.lowerName) && NAMED_FOLDERS.has(folderOf(file.path));
}

/** Whether a file is a text document under docs/ (any depth). */
export function isDocsDocument(file: Pick<RepoFile, 'path' | 'lowerName'>): boolean {
  const top = file.path.split('/')[0]?.toLowerCase() ?? '';
  return file.path.includes('/') && DOC_FOLDERS.has(top) && DOC_EXTENSION.test(file.lowerName);
}

async function documents(repo: RepoView): Promise<RepoFile[]> {
  const files = await repo.files();
  const named = files.filter((file) => file.size > 0 && isNamedDocument(file));
  // Root documents first, then .github and docs/.
  named.sort((a, b) => Number(a.path.includes('/')) - Number(b.path.includes('/')) || (a.path < b.path ? -1 : 1));
  const seen = new Set(named.map((file) => file.path));
  const docs = files.filter((file) => file.size > 0 && !seen.has(file.path) && isDocsDocument(file));
  return [...named, ...docs].slice(0, MAX_DOCUMENTS);
}

export const checker: Checker = {
  ...meta,
  async run(ctx): Promise<Json> {
    const found: (Evidence & { path: string })[] = [];
    const files = await documents(ctx.repo);
    for (const file of files) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      if (await ctx.repo.isBinary(file.path)) continue;
      const text = (await ctx.repo.head(file.path, MAX_BYTES)).toString('utf8');
      for (const evidence of scanDocument(text, ctx.repo.name)) found.push({ ...evidence, path: ctx.repo.displayPath(file.path) });
    }
    const kinds = new Set(found.map((e) => e.kind));
    const hasEol = kinds.has('eol-date');
    const declared = hasEol || kinds.has('supported-versions-table') || kinds.has('lifecycle-section') || kinds.has('unmaintained');
    const labels = new Set(found.flatMap((e) => e.keywords));
    const ranked = [...found].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
    return {
      has_eol: hasEol,
      eol_declared: declared,
      keywords_found: TERMS.map((term) => term.label).filter((label) => labels.has(label)),
      files: ranked.slice(0, MAX_EVIDENCE).map((e) => ({ path: e.path, line: e.line, text: e.text, kind: e.kind, keywords: [...e.keywords] })),
      evidence_count: found.length,
      documents_checked: files.length,
    };
  },
};
