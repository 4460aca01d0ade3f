/**
 * Which cloc language a file is, following cloc 1.96's classify_file: file names that are never code, special
 * file names, then the longest of the triple/double/single extension known (case-sensitive, as cloc on Linux),
 * ambiguous extensions settled by cloc's content tests, and finally the `#!` line for files without a known
 * extension. Returns null for files cloc would not count.
 */
import { CLOC_EXTENSIONS, CLOC_FILENAMES, CLOC_FILTERS, CLOC_NOT_CODE_EXTENSIONS, CLOC_NOT_CODE_FILENAMES, CLOC_PREFIXES, CLOC_SCRIPTS } from './cloc-data.js';

const NOT_CODE_EXTENSIONS = new Set(CLOC_NOT_CODE_EXTENSIONS);
const NOT_CODE_FILENAMES = new Set(CLOC_NOT_CODE_FILENAMES);

/** Folders cloc skips by default (its %Exclude_Dir). */
const EXCLUDED_DIRS = new Set(['.svn', '.cvs', '.hg', '.git', '.bzr', '.snapshot', '.config']);

export function clocExcludedPath(path: string): boolean {
  const parts = path.split('/');
  parts.pop();
  return parts.some((part) => EXCLUDED_DIRS.has(part));
}

/** What classification needs before reading: a language, "needs the text", or never code. */
export type Precheck = { kind: 'language'; language: string } | { kind: 'content' } | { kind: 'skip' };

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The classification that needs no content, or `content` when cloc would look inside the file. */
export function precheck(path: string): Precheck {
  const file = basename(path);
  if (NOT_CODE_FILENAMES.has(file) || file.endsWith('~')) return { kind: 'skip' };
  if (Object.hasOwn(CLOC_FILENAMES, file)) {
    const language = CLOC_FILENAMES[file] as string;
    return language.includes('/') ? { kind: 'content' } : { kind: 'language', language };
  }
  const single = /\.([^.]+)$/.exec(file);
  if (single) {
    const candidates = [/\.([^.]+\.[^.]+\.[^.]+)$/.exec(file)?.[1], /\.([^.]+\.[^.]+)$/.exec(file)?.[1], single[1]];
    for (const extension of candidates) {
      if (extension === undefined) continue;
      if (NOT_CODE_EXTENSIONS.has(extension)) return { kind: 'skip' };
      if (Object.hasOwn(CLOC_EXTENSIONS, extension)) {
        const language = CLOC_EXTENSIONS[extension] as string;
        return AMBIGUOUS.has(language) || (language === 'Smarty' && extension === 'tpl') || language === 'Brainfuck'
          ? { kind: 'content' }
          : { kind: 'language', language };
      }
    }
    // cloc's Language_by_Prefix: `Dockerfile.prod` and the like.
    const stem = /^(.*?)\.[^\t\n\v\f\r ]+$/.exec(file)?.[1];
    if (stem && Object.hasOwn(CLOC_PREFIXES, stem)) return { kind: 'language', language: CLOC_PREFIXES[stem] as string };
    return { kind: 'content' };
  }
  const lower = file.toLowerCase();
  if (Object.hasOwn(CLOC_FILENAMES, lower)) return { kind: 'language', language: CLOC_FILENAMES[lower] as string };
  return { kind: 'content' };
}

const AMBIGUOUS = new Set([
  'MATLAB/Mathematica/Objective-C/MUMPS/Mercury',
  'PHP/Pascal',
  'Pascal/Puppet',
  'Lisp/OpenCL',
  'Lisp/Julia',
  'Perl/Prolog',
  'Raku/Prolog',
  'IDL/Qt Project/Prolog/ProGuard',
  'D/dtrace',
  'Fortran 77/Forth',
  'F#/Forth',
  'Verilog-SystemVerilog/Coq',
  'TypeScript/Qt Linguist',
  'Qt/Glade',
  'C#/Smalltalk',
  'Scheme/SaltStack',
  'Visual Basic/TeX/Apex Class',
  'Ant/XML',
  'Maven/XML',
]);

/** The full classification, given the file's text (latin1) for the cases that need it. */
export function classifyWithContent(path: string, text: string): string | null {
  const first = precheck(path);
  if (first.kind === 'skip') return null;
  if (first.kind === 'language') return first.language;
  const file = basename(path);
  const named = Object.hasOwn(CLOC_FILENAMES, file) ? (CLOC_FILENAMES[file] as string) : null;
  if (named === 'Ant/XML') return scorePair(text, /^\s*<project\s+/, /xmlns:artifact="antlib:org.apache.maven.artifact.ant"/, 'Ant');
  if (named === 'Maven/XML') return scorePair(text, /^\s*<project\s+/, /xmlns="http:\/\/maven.apache.org\/POM\//, 'Maven');
  const extension = knownExtension(file);
  if (extension !== null) {
    const language = CLOC_EXTENSIONS[extension] as string;
    const resolved = resolveAmbiguous(language, extension, text);
    if (resolved !== undefined) return resolved;
  }
  return byShebang(text);
}

function knownExtension(file: string): string | null {
  for (const pattern of [/\.([^.]+\.[^.]+\.[^.]+)$/, /\.([^.]+\.[^.]+)$/, /\.([^.]+)$/]) {
    const extension = pattern.exec(file)?.[1];
    if (extension !== undefined && Object.hasOwn(CLOC_EXTENSIONS, extension)) return extension;
  }
  return null;
}

function lines(text: string): string[] {
  return text.split('\n');
}

/** cloc's Ant_or_XML / Maven_or_XML scoring. */
function scorePair(text: string, a: RegExp, b: RegExp, other: string): string {
  let points = 0;
  let xml = 1;
  for (const line of lines(text)) {
    if (a.test(line)) {
      points++;
      xml--;
    }
    if (b.test(line)) {
      points++;
      xml--;
    }
  }
  return xml >= points ? 'XML' : other;
}

/** `undefined` = fall through to the `#!` test (cloc's behaviour for D files that are scripts). */
function resolveAmbiguous(language: string, extension: string, text: string): string | null | undefined {
  switch (language) {
    case 'TypeScript/Qt Linguist': {
      let typescript = 0;
      let linguist = 0;
      for (const line of lines(text)) {
        if (/\b<\/?(message|source|translation)>/.test(line)) linguist++;
        if (/^\s*(var|const|let|class|document)\b/.test(line)) typescript++;
        if (/[;}]\s*$/.test(line)) typescript++;
        if (/^\s*\/\//.test(line)) typescript++;
      }
      return typescript >= linguist ? 'TypeScript' : 'Qt Linguist';
    }
    case 'MATLAB/Mathematica/Objective-C/MUMPS/Mercury':
      return matlabOrObjectiveC(text);
    case 'Perl/Prolog':
      return perlOrProlog(text);
    case 'PHP/Pascal':
      return reallyIsPhp(text) ? 'PHP' : null;
    case 'D/dtrace': {
      const script = shebangScript(text);
      if (!script) return 'D';
      return Object.hasOwn(CLOC_SCRIPTS, script) ? (CLOC_SCRIPTS[script]) : null;
    }
    case 'C#/Smalltalk':
      return csharpOrSmalltalk(text);
    case 'Smarty':
      return extension !== 'tpl' || reallyIsSmarty(text) ? 'Smarty' : null;
    default:
      // Other two-way extensions (.pp, .cl, .jl, .pro, .v, .fs, .f, .sls, .ui, .cls, .p6, .bf): cloc's content
      // tests are not ported; the first language cloc names is taken (docs/compatibility.md).
      return AMBIGUOUS.has(language) ? firstCountable(language) : language;
  }
}

function firstCountable(combined: string): string | null {
  for (const part of combined.split('/')) if (Object.hasOwn(CLOC_FILTERS, part)) return part;
  return null;
}

function matlabOrObjectiveC(text: string): string {
  let matlab = 0;
  let mathematica = 0;
  let objectiveC = 0;
  let mumps = 0;
  let mercury = 0;
  let lineNumber = 0;
  for (const line of lines(text)) {
    lineNumber++;
    if (lineNumber === 1 && /^[A-Z]/.test(line)) mumps++;
    if (/^\s*\/\*/.test(line) || /^\s*\/\//.test(line)) {
      objectiveC += 5;
      matlab -= 5;
    } else if (/^:-\s+/.test(line)) {
      mercury = 1000;
      break;
    } else if (/\w+\s*=\s*\[/.test(line)) matlab += 5;
    const pair = /^\s*\.?(\w)\s+(\w)/.exec(line);
    if (/\w+\[/.test(line)) mathematica += 2;
    else if (/^\s*\w+\s*=\s*/.test(line)) mumps--;
    else if (pair && !/\d/.test(pair[1] as string) && !/\d/.test(pair[2] as string)) mumps++;
    else if (/^\s*;/.test(line)) mumps++;
    if (/^\s*#(include|import)/.test(line)) {
      objectiveC = 1000;
      matlab = 0;
      break;
    } else if (/^\s*@(interface|implementation|protocol|public|protected|private|end)\s/.test(line)) {
      objectiveC = 1000;
      matlab = 0;
      break;
    } else if (/^\s*BeginPackage/.test(line)) mathematica += 2;
    else if (/^\s*\[/.test(line)) matlab += 5;
    else if (/^\sK(ill)?\s+/.test(line)) mumps += 5;
    else if (/^\s*function/.test(line) || /^\s*%/.test(line)) {
      objectiveC--;
      matlab++;
    }
  }
  const points: [string, number][] = [
    ['MATLAB', matlab],
    ['Mathematica', mathematica],
    ['MUMPS', mumps],
    ['Objective-C', objectiveC],
    ['Mercury', mercury],
  ];
  points.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return (points[0] as [string, number])[0];
}

function perlOrProlog(text: string): string {
  let perl = 0;
  let prolog = 0;
  let lineNumber = 0;
  for (const line of lines(text)) {
    lineNumber++;
    if (/^\s*$/.test(line)) continue;
    if (lineNumber === 1 && /^#!.*?\bperl/.test(line)) {
      perl = 100;
      break;
    }
    if (/^=(head|over|item|cut)/.test(line)) perl++;
    if (/;\s*$/.test(line)) perl++;
    if (/(\{|\})/.test(line)) perl++;
    if (/^\s*sub\s+/.test(line)) perl++;
    if (/\s*<<'/.test(line)) perl++;
    if (/\$(\w+->|[_!])/.test(line)) perl++;
    if (!/\s*#/.test(line) && /\.\s*$/.test(line)) prolog++;
    if (/:-/.test(line)) prolog++;
  }
  return perl > prolog ? 'Perl' : 'Prolog';
}

function reallyIsSmarty(text: string): boolean {
  let points = 0;
  for (const line of lines(text)) {
    if (/\{(if|include)\s/.test(line) || /\{\/if\}/.test(line) || /(\{\*|\*\})/.test(line) || /\{\$\w/.test(line)) points++;
    if (points >= 2) return true;
  }
  return false;
}

function reallyIsPhp(text: string): boolean {
  let normal = 0;
  let script = 0;
  let asp = 0;
  for (const line of lines(text)) {
    if (/<\?/.test(line)) normal |= 1;
    if (/\?>/.test(line) && normal & 1) normal |= 2;
    if (/<script.*language="?php"?/i.test(line)) script |= 1;
    if (/<\/script>/i.test(line) && script & 1) script |= 2;
    if (/<%/.test(line)) asp |= 1;
    if (/%>/.test(line) && asp & 1) asp |= 2;
  }
  return normal === 3 || script === 3 || asp === 3;
}

function csharpOrSmalltalk(text: string): string {
  let cs = 0;
  let smalltalk = 0;
  for (const raw of lines(text)) {
    const line = raw.replace(/\/\/.*?$/, '');
    if (/^\s*$/.test(line)) continue;
    if (/[;}{]\s*$/.test(line)) cs++;
    else if (/^(using|namespace)\s/.test(line)) cs += 20;
    else if (/^\s*(public|private|new)\s/.test(line)) cs += 20;
    else if (/^\s*\[assembly:/.test(line)) cs++;
    if (/(!|\]\.)\s*$/.test(line)) {
      smalltalk++;
      cs--;
    }
  }
  return smalltalk > cs ? 'Smalltalk' : 'C#';
}

/** cloc's peek_at_first_line: the interpreter named by `#!`, `env` skipped. */
function shebangScript(text: string): string {
  const newline = text.indexOf('\n');
  const first = newline === -1 ? text : text.slice(0, newline);
  const match = /^#!\s*(\S.*?)$/.exec(first);
  if (!match) return '';
  const words = (match[1] as string).split(/\s+/).filter((word) => word !== '');
  const base = (word: string): string => word.slice(word.lastIndexOf('/') + 1);
  if (base(words[0] ?? '') === 'env' && words.length > 1) return words[1] as string;
  return base(words[0] ?? '');
}

function byShebang(text: string): string | null {
  const script = shebangScript(text);
  if (script && Object.hasOwn(CLOC_SCRIPTS, script)) {
    const language = CLOC_SCRIPTS[script] as string;
    return Object.hasOwn(CLOC_FILTERS, language) ? language : null;
  }
  const newline = text.indexOf('\n');
  const first = newline === -1 ? text : text.slice(0, newline);
  return /<\?xml\s/.test(first) ? 'XML' : null;
}
