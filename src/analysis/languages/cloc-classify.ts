/**
 * Which language `code-count` counts a file as, named as cloc names it. Identification is GitHub Linguist's
 * (its MIT-licensed languages.yml and heuristics.yml, through linguist-data.ts), applied in the order cloc
 * decides: a file name cloc knows, then the file's extension (the longest Linguist knows, e.g. `.d.ts` before
 * `.ts`), with Linguist's heuristics only when the extension's languages have different cloc names, and for
 * files without a counted extension the interpreter on the `#!` line. Names are mapped to cloc's by
 * cloc-names.ts; only languages with a comment syntax in comment-syntax.ts are counted. Returns null for a file
 * that is not counted.
 */
import { clocNameByExtension, clocNameByFilename, clocNameByInterpreter, UNDECIDED_DEFAULT } from './cloc-names.js';
import { COMMENT_STEPS } from './comment-syntax.js';
import { byHeuristics } from './detect.js';
import { linguistData } from './linguist-data.js';

/** Version-control and snapshot folders cloc leaves out by default. */
const EXCLUDED_DIRS = new Set(['.svn', '.cvs', '.hg', '.git', '.bzr', '.snapshot', '.config']);

export function clocExcludedPath(path: string): boolean {
  const parts = path.split('/');
  parts.pop();
  return parts.some((part) => EXCLUDED_DIRS.has(part));
}

/** What classification needs before reading: a language, "needs the text", or never counted. */
export type Precheck = { kind: 'language'; language: string } | { kind: 'content' } | { kind: 'skip' };

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

const counted = (name: string | null): name is string => name !== null && COMMENT_STEPS.has(name);

interface ExtensionMatch {
  extension: string;
  /** Their distinct cloc names, counted languages only. */
  names: readonly string[];
}

/** Linguist's extension lookup (longest known extension first), with the cloc names it leads to. */
function extensionMatch(file: string): ExtensionMatch | null {
  const segments = file.toLowerCase().split('.');
  const index = linguistData().byExtension;
  for (let i = 1; i < segments.length; i++) {
    const extension = '.' + segments.slice(i).join('.');
    const languages = index.get(extension);
    if (!languages || languages.length === 0) continue;
    const names = [...new Set(languages.map((language) => clocNameByExtension(language.name, extension)).filter(counted))];
    return { extension, names };
  }
  return null;
}

function byFilename(file: string): string | null {
  for (const language of linguistData().byFilename.get(file) ?? []) {
    const name = clocNameByFilename(language.name, file);
    if (counted(name)) return name;
  }
  return null;
}

/** The classification that needs no content, or `content` when the file's text has to decide. */
export function precheck(path: string): Precheck {
  const file = basename(path);
  // Editor backup copies (`main.c~`) are not sources.
  if (file.endsWith('~')) return { kind: 'skip' };
  const named = byFilename(file);
  if (named) return { kind: 'language', language: named };
  const match = extensionMatch(file);
  if (match?.names.length === 1) return { kind: 'language', language: match.names[0] as string };
  return { kind: 'content' };
}

/** The full classification, given the file's text (latin1) for the cases that need it. */
export function classifyWithContent(path: string, text: string): string | null {
  const first = precheck(path);
  if (first.kind === 'skip') return null;
  if (first.kind === 'language') return first.language;
  const match = extensionMatch(basename(path));
  if (match && match.names.length > 1) {
    // Several cloc languages share the extension: Linguist's heuristics choose. When they cannot, cloc's default
    // for the extension if it has one, else the file is not counted (cloc counts `.inc` only as PHP it recognises).
    const decided = byHeuristics(path, text, []);
    const names = new Set(decided.map((language) => clocNameByExtension(language.name, match.extension)).filter(counted));
    if (names.size === 1) return [...names][0] as string;
    const fallback = UNDECIDED_DEFAULT[match.extension];
    if (fallback !== undefined && match.names.includes(fallback)) return fallback;
  }
  return byShebang(text) ?? byXmlDeclaration(text);
}

function firstLine(text: string): string {
  const newline = text.indexOf('\n');
  return newline === -1 ? text : text.slice(0, newline);
}

/**
 * The interpreter a `#!` line names: the program's file name, or with `env` the word after it, taken as
 * written (cloc does not skip `env` options such as `-S`, so `#!/usr/bin/env -S python3` names no language).
 * A version suffix is dropped as Linguist drops it (`python3.12` → `python3`).
 */
export function shebangInterpreter(text: string): string | null {
  const line = firstLine(text);
  if (!line.startsWith('#!')) return null;
  const words = line.slice(2).trim().split(/[\t ]+/);
  const program = (words[0] ?? '').slice((words[0] ?? '').lastIndexOf('/') + 1);
  const interpreter = program === 'env' ? words[1] : program;
  return interpreter ? interpreter.replace(/\.\d+$/, '') : null;
}

function byShebang(text: string): string | null {
  const interpreter = shebangInterpreter(text);
  if (!interpreter) return null;
  const languages = linguistData().byInterpreter.get(interpreter) ?? [];
  const name = clocNameByInterpreter(interpreter, languages.map((language) => language.name));
  return counted(name) ? name : null;
}

/** A file of unknown type that declares itself XML on its first line. */
function byXmlDeclaration(text: string): string | null {
  return /^<\?xml\s/.test(firstLine(text)) ? 'XML' : null;
}
