/**
 * From GitHub Linguist's language names (languages.yml, MIT, loaded by linguist-data.ts) to the names cloc
 * prints, which `code-count` keeps in `code_count_by_language` because upstream's output is cloc's. Written by
 * us for the languages that matter; a Linguist language whose name is already cloc's needs no entry, and one
 * that maps to nothing in comment-syntax.ts is not counted. The differences are of three kinds:
 * - plain renames (Linguist "Makefile", cloc "make");
 * - one Linguist language that cloc splits by extension (Linguist "Shell" is cloc's "Bourne Shell" for `.sh`
 *   and "Bourne Again Shell" for `.bash`; C, C++ and Objective-C headers are all cloc's "C/C++ Header");
 * - Linguist languages that cloc only counts under some of their extensions (Linguist's "Text" also claims
 *   LICENSE files and its "EJS" claims `.jst`, which cloc does not count).
 */

/** Plain renames: Linguist name → cloc name. */
const RENAMED: Readonly<Record<string, string>> = {
  Awk: 'awk',
  Batchfile: 'DOS Batch',
  'Common Lisp': 'Lisp',
  Cuda: 'CUDA',
  Dhall: 'dhall',
  Diff: 'diff',
  'Emacs Lisp': 'Lisp',
  fish: 'Fish Shell',
  FreeMarker: 'Freemarker Template',
  Gherkin: 'Cucumber',
  'Gettext Catalog': 'PO File',
  'HTML+ERB': 'ERB',
  'HTML+Razor': 'Razor',
  'Java Properties': 'Properties',
  'Java Server Pages': 'JSP',
  Jinja: 'Jinja Template',
  Less: 'LESS',
  Lex: 'lex',
  LLVM: 'LLVM IR',
  M4: 'm4',
  M4Sugar: 'm4',
  Makefile: 'make',
  MiniYAML: 'YAML',
  NewLisp: 'Lisp',
  'OASv2-json': 'JSON',
  'OASv3-json': 'JSON',
  'OASv2-yaml': 'YAML',
  'OASv3-yaml': 'YAML',
  PLpgSQL: 'SQL',
  PLSQL: 'Oracle PL/SQL',
  'Protocol Buffer': 'Protocol Buffers',
  Reason: 'ReasonML',
  REXX: 'Rexx',
  'Rocq Prover': 'Coq',
  SQLPL: 'SQL',
  SystemVerilog: 'Verilog-SystemVerilog',
  Tcl: 'Tcl/Tk',
  Tcsh: 'C Shell',
  TSQL: 'SQL',
  // TSX is TypeScript with JSX; cloc counts `.tsx` files as TypeScript.
  TSX: 'TypeScript',
  'Unix Assembly': 'Assembly',
  VBA: 'VB for Applications',
  VBScript: 'Visual Basic Script',
  Verilog: 'Verilog-SystemVerilog',
  'Vim Script': 'vim script',
  'Visual Basic 6.0': 'Visual Basic',
  Vue: 'Vuejs Component',
  Yacc: 'yacc',
};

/** Extensions after which cloc uses its own name for part of a Linguist language. */
const BY_EXTENSION: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Shell: { '.sh': 'Bourne Shell', '.bash': 'Bourne Again Shell', '.ksh': 'Korn Shell', '.zsh': 'zsh' },
  JavaScript: { '.jsx': 'JSX' },
  Clojure: { '.cljs': 'ClojureScript', '.cljc': 'ClojureC' },
  'F#': { '.fsx': 'F# Script' },
  Fortran: { '.f': 'Fortran 77', '.for': 'Fortran 77', '.f77': 'Fortran 77' },
  'Fortran Free Form': { '.f90': 'Fortran 90', '.f95': 'Fortran 95' },
  // Qt Linguist translation files share `.ts` with TypeScript; Linguist calls them XML.
  XML: {
    '.xml': 'XML',
    '.xsd': 'XSD',
    '.wsdl': 'Web Services Description',
    '.xaml': 'XAML',
    '.mxml': 'MXML',
    '.fxml': 'FXML',
    '.ts': 'Qt Linguist',
  },
};

/**
 * Linguist languages cloc counts only under these extensions (the rest of Linguist's list it does not count);
 * the languages of BY_EXTENSION that are absent here keep their name under their other extensions.
 */
const ONLY_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  Shell: Object.keys(BY_EXTENSION.Shell ?? {}),
  Fortran: Object.keys(BY_EXTENSION.Fortran ?? {}),
  'Fortran Free Form': Object.keys(BY_EXTENSION['Fortran Free Form'] ?? {}),
  XML: Object.keys(BY_EXTENSION.XML ?? {}),
  Text: ['.txt'],
  // cloc 1.96 predates TypeScript's module extensions `.mts` and `.cts`.
  TypeScript: ['.ts'],
  EJS: ['.ejs'],
  'JSON with Comments': ['.json'],
  Dockerfile: ['.dockerfile'],
};

/**
 * Extensions several counted languages share, where Linguist's heuristics may not decide: the language cloc
 * counts such a file as by default. Other shared extensions (`.inc`, ...) are not counted when undecided.
 */
export const UNDECIDED_DEFAULT: Readonly<Record<string, string>> = {
  '.pl': 'Perl',
  '.ml': 'OCaml',
  '.v': 'Verilog-SystemVerilog',
  '.d': 'D',
  '.sls': 'SaltStack',
  '.l': 'lex',
};

/** Header extensions: cloc counts C, C++ and Objective-C headers together as "C/C++ Header". */
const HEADER_EXTENSIONS = new Set(['.h', '.hh', '.hpp', '.hxx', '.h++']);
const HEADER_LANGUAGES = new Set(['C', 'C++', 'Objective-C', 'Objective-C++']);

/**
 * The cloc name of a file Linguist identified as `linguist` from its extension `extension` (lower case, with
 * the dot), or null when cloc does not count that language under that extension.
 */
export function clocNameByExtension(linguist: string, extension: string): string | null {
  if (HEADER_EXTENSIONS.has(extension) && HEADER_LANGUAGES.has(linguist)) return 'C/C++ Header';
  const only = ONLY_EXTENSIONS[linguist];
  if (only && !only.includes(extension)) return null;
  const split = BY_EXTENSION[linguist]?.[extension];
  if (split) return split;
  if (linguist === 'JSON with Comments') return 'JSON';
  return RENAMED[linguist] ?? linguist;
}

/**
 * File names cloc recognises, as Linguist's filename lists give them: only these languages' entries are used,
 * because Linguist also names files (LICENSE, .npmrc, .eslintrc, ...) that cloc does not count.
 */
const BY_FILENAME: Readonly<Record<string, string>> = {
  Makefile: 'make',
  Dockerfile: 'Dockerfile',
  CMake: 'CMake',
};

export function clocNameByFilename(linguist: string, file: string): string | null {
  // Linguist lists Containerfile under Dockerfile; cloc counts it under its own name.
  if (linguist === 'Dockerfile' && file === 'Containerfile') return 'Containerfile';
  return BY_FILENAME[linguist] ?? null;
}

/** Linguist's "Shell" interpreters, by the name cloc gives each. */
const SHELL_BY_INTERPRETER: Readonly<Record<string, string>> = {
  sh: 'Bourne Shell',
  ash: 'Bourne Shell',
  dash: 'Bourne Shell',
  bash: 'Bourne Again Shell',
  ksh: 'Korn Shell',
  mksh: 'Korn Shell',
  pdksh: 'Korn Shell',
  zsh: 'zsh',
};

/**
 * Languages whose `#!` line identifies a file without a known extension, and whose first `#!` line is code
 * although `#` starts a comment there. Linguist's interpreter lists are wider (`node`, `deno`, `osascript`,
 * ...): cloc 1.96 does not recognise those interpreters, so their scripts are not counted.
 */
export const SHEBANG_LANGUAGES: ReadonlySet<string> = new Set([
  ...Object.values(SHELL_BY_INTERPRETER),
  'C Shell',
  'awk',
  'sed',
  'Perl',
  'Python',
  'Ruby',
  'PHP',
  'Tcl/Tk',
  'Lua',
  'make',
  'Raku',
]);

/** The cloc name for a `#!` interpreter, given the Linguist languages that list it (languages.yml order). */
export function clocNameByInterpreter(interpreter: string, linguist: readonly string[]): string | null {
  for (const name of linguist) {
    const cloc = name === 'Shell' ? SHELL_BY_INTERPRETER[interpreter] : (RENAMED[name] ?? name);
    if (cloc && SHEBANG_LANGUAGES.has(cloc)) return cloc;
  }
  return null;
}
