/**
 * Which lines of a source file are comments, per language: our own table, written from the languages'
 * specifications (not taken from cloc). Each family below is a comment syntax shared by several languages, as
 * an ordered list of steps that cloc-count.ts applies; the languages are named as cloc names them, because
 * `code-count` reports cloc's names. A language listed here is a language code-count counts; one that is not
 * listed (even if Linguist knows it) is not counted.
 *
 * Step kinds, all deliberately blind to string literals (as cloc is without `--strip-str-comments`: a `//` in
 * `"http://x"` starts a comment, and the counts are meant to agree with cloc's):
 * - `line`: a line whose text matches `pattern` is a whole-line comment (a trailing comment after code does not
 *   change a line's kind, so only comment-only lines matter);
 * - `stream`: markers recognised anywhere, earliest first: `line` markers hide the rest of the line, `blocks`
 *   open/close pairs hide everything in between, possibly over many lines; `nested` blocks count depth;
 *   `splice` continues a line comment that ends in a backslash onto the next line (C's line splicing);
 *   lines matching `keep` (e.g. Haskell's `{-#` pragmas) are code and not scanned; an opener never closed
 *   hides the rest of the file, unless `joined`: then blocks are matched over the whole text as cloc matches C
 *   comments (with a pattern), so an opener never closed is plain text, and the text before a multi-line
 *   comment and the text after it become one line (a comment is whitespace between them);
 * - `markup`: an SGML-style comment; a line that opens one it does not close is all comment, even with markup
 *   before the opening (how cloc treats HTML);
 * - `region`: whole lines from a line matching `start` to the next matching `end` (Ruby's `=begin`/`=end`,
 *   Perl's POD);
 * - `tail`: everything from the first line matching `start` on (Perl's `__END__`).
 */
export type CommentStep =
  | { readonly kind: 'line'; readonly pattern: RegExp }
  | {
      readonly kind: 'stream';
      readonly line: readonly string[];
      readonly blocks: readonly (readonly [string, string])[];
      readonly nested?: boolean;
      readonly splice?: boolean;
      readonly keep?: RegExp;
      readonly joined?: boolean;
    }
  | { readonly kind: 'markup'; readonly open: string; readonly close: string }
  | { readonly kind: 'region'; readonly start: RegExp; readonly end: RegExp }
  | { readonly kind: 'tail'; readonly start: RegExp };

export interface CommentFamily {
  readonly steps: readonly CommentStep[];
  /** A blank line right after a line ending in a backslash is not blank: it continues that line. */
  readonly backslashContinues?: boolean;
  /** cloc names of the languages that comment this way. */
  readonly languages: readonly string[];
}

const C_BLOCK = ['/*', '*/'] as const;
const HTML_BLOCK = { kind: 'markup', open: '<!--', close: '-->' } as const;
/** A line comment introduced by `marker`, after optional leading whitespace. */
const starts = (...markers: string[]): CommentStep => ({
  kind: 'line',
  pattern: new RegExp(`^[\\t\\v\\f\\r ]*(?:${markers.map((marker) => marker.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})`),
});
const HASH = starts('#');

export const COMMENT_FAMILIES: readonly CommentFamily[] = [
  {
    // The C family: `//` to the end of the line and `/* ... */` (which does not nest in these languages).
    steps: [{ kind: 'stream', line: ['//'], blocks: [C_BLOCK], splice: true, joined: true }],
    backslashContinues: true,
    languages: [
      'ActionScript', 'Apex Class', 'Apex Trigger', 'Arduino Sketch', 'AspectJ', 'C', 'C#', 'C++', 'C/C++ Header', 'Cake Build Script',
      'Carbon', 'Chapel', 'Circom', 'CUDA', 'D', 'Dart', 'dtrace', 'Flatbuffers', 'GLSL', 'Go', 'Godot Shaders',
      'Haxe', 'HLSL', 'Java', 'JavaScript', 'JSON5', 'JSX', 'Kotlin', 'LESS', 'lex', 'Logos', 'Metal', 'Objective-C', 'Objective-C++',
      'Odin', 'OpenCL', 'Pony', 'Protocol Buffers', 'ReasonML', 'ReScript', 'Rust', 'Sass', 'Scala', 'SCSS', 'Slice', 'Solidity',
      'Squirrel', 'Stylus', 'Swift', 'SWIG', 'Thrift', 'TypeScript', 'Vala', 'Vala Header', 'Verilog-SystemVerilog', 'WGSL', 'X++',
      'Xtend', 'yacc', 'Zig', 'Gleam', 'Igor Pro', 'peg.js', 'peggy', 'HolyC', 'Umka', 'QML', 'OpenSCAD', 'P4', 'Nemerle', 'Cairo',
    ],
  },
  // Groovy and Gradle: the same markers, but `//` lines go first, so a `*/` in a `//` line closes nothing.
  { steps: [starts('//'), { kind: 'stream', line: ['//'], blocks: [C_BLOCK], splice: true, joined: true }], languages: ['Groovy', 'Gradle'] },
  // Only `/* ... */`.
  { steps: [{ kind: 'stream', line: [], blocks: [C_BLOCK], joined: true }], languages: ['CSS', 'WXSS', 'PL/I', 'Rexx'] },
  // `#` line comments: shells, scripting languages, configuration formats.
  {
    steps: [HASH],
    backslashContinues: true,
    languages: [
      'awk', 'Bourne Again Shell', 'Bourne Shell', 'C Shell', 'CMake', 'Containerfile', 'Crystal', 'CSON', 'Cucumber', 'Dockerfile',
      'Expect', 'Fish Shell', 'GDScript', 'GraphQL', 'Korn Shell', 'make', 'Meson', 'PO File', 'R', 'RobotFramework',
      'SaltStack', 'sed', 'Starlark', 'Tcl/Tk', 'TOML', 'YAML', 'zsh', 'Imba', 'kvlang', 'RAML', 'CoffeeScript',
    ],
  },
  // Python: `#`, and triple-quoted strings (docstrings) as comments, as cloc counts them. cloc turns the quotes into
  // C block markers before removing blocks, so `/* ... */` also hides text in Python files; kept for agreement.
  {
    steps: [HASH, { kind: 'stream', line: [], blocks: [['"""', '"""'], ["'''", "'''"], C_BLOCK], joined: true }],
    backslashContinues: true,
    languages: ['Python', 'Cython'],
  },
  // Ruby: `#` and `=begin` ... `=end` at the start of lines.
  { steps: [HASH, { kind: 'region', start: /^=begin\b/, end: /^=end\b/ }], languages: ['Ruby'] },
  // Perl: `#`, POD blocks (`=head1` ... `=cut`) and everything after `__END__`/`__DATA__`.
  {
    steps: [{ kind: 'tail', start: /^__(?:END|DATA)__\s*$/ }, HASH, { kind: 'region', start: /^=[a-zA-Z]/, end: /^=cut\b/ }],
    languages: ['Perl', 'Raku'],
  },
  // `#` with a block form: Nix `/* */`, PowerShell `<# #>`, Julia `#= =#`, Nim `#[ ]#`. Blocks go first: their
  // closing line may start with `#` too. (CoffeeScript's `###` blocks start with `#`: its lines are all `#` lines.)
  { steps: [{ kind: 'stream', line: [], blocks: [C_BLOCK], joined: true }, HASH], languages: ['Nix'] },
  { steps: [{ kind: 'stream', line: [], blocks: [['<#', '#>']] }, HASH], languages: ['PowerShell'] },
  { steps: [{ kind: 'stream', line: [], blocks: [['#=', '=#']], nested: true }, HASH], languages: ['Julia'] },
  { steps: [{ kind: 'stream', line: [], blocks: [['#[', ']#']], nested: true }, HASH], languages: ['Nim'] },
  // Elixir: `#`, and `@doc`/`@moduledoc` heredocs are documentation.
  { steps: [HASH, { kind: 'region', start: /^\s*@(?:module)?doc\s+(?:~[sScC])?("""|''')\s*$/, end: /^\s*("""|''')/ }], languages: ['Elixir'] },
  // HCL/Terraform: `#`, `//` and `/* */`.
  { steps: [{ kind: 'stream', line: ['#', '//'], blocks: [C_BLOCK], joined: true }], languages: ['HCL'] },
  // PHP: `#`, `//` and `/* */`.
  { steps: [starts('#', '//'), { kind: 'stream', line: [], blocks: [C_BLOCK], joined: true }], languages: ['PHP'] },
  // SQL dialects: `--` and `/* */`.
  {
    steps: [starts('--'), { kind: 'stream', line: [], blocks: [C_BLOCK], joined: true }],
    languages: ['SQL', 'SQL Data', 'SQL Stored Procedure', 'Oracle PL/SQL', 'Pig Latin'],
  },
  // `--` only: Ada, VHDL.
  { steps: [starts('--')], languages: ['Ada', 'VHDL', 'Futhark'] },
  // XQuery: `(: ... :)`, which nests.
  { steps: [{ kind: 'stream', line: [], blocks: [['(:', ':)']], nested: true }], languages: ['XQuery'] },
  // Smalltalk: comments are text in double quotes.
  { steps: [{ kind: 'stream', line: [], blocks: [['"', '"']] }], languages: ['Smalltalk'] },
  // WebAssembly text format: `;;` lines (its `(; ... ;)` blocks are left as code, as cloc counts them).
  { steps: [starts(';;')], languages: ['WebAssembly'] },
  // SAS: `* ... ;` statements and `/* */`.
  { steps: [starts('*'), { kind: 'stream', line: [], blocks: [C_BLOCK], joined: true }], languages: ['SAS'] },
  // ABAP: `*` in the first column (its `"` line comments are left as code, as cloc counts them).
  { steps: [{ kind: 'line', pattern: /^\*/ }], languages: ['ABAP'] },
  // PlantUML: `/' ... '/` blocks, then `'` lines.
  { steps: [{ kind: 'stream', line: [], blocks: [["/'", "'/"]] }, starts("'")], languages: ['PlantUML'] },
  // Lua: `--[[ ... ]]` (also with `=` levels) and `--`.
  { steps: [{ kind: 'stream', line: ['--'], blocks: [['--[[', ']]'], ['--[=[', ']=]'], ['--[==[', ']==]']] }], languages: ['Lua', 'TEAL'] },
  // Haskell family: `--` and `{- -}`; pragmas `{-# ... #-}` are code. Blocks nest in the languages, not in cloc's
  // count (`{- a {- b -} c -}` leaves ` c -}` as code), which is followed.
  {
    steps: [{ kind: 'stream', line: ['--'], blocks: [['{-', '-}']], keep: /^\s*\{-#/ }],
    languages: ['Haskell', 'PureScript', 'Idris', 'Agda', 'dhall', 'Elm'],
  },
  // Lean: `--` and `/- -/` (nesting).
  { steps: [{ kind: 'stream', line: ['--'], blocks: [['/-', '-/']], nested: true }], languages: ['Lean'] },
  // Lisps: `;`, and `#| |#` in Common Lisp (Scheme's and Racket's `#| |#` are code to cloc, which is followed).
  { steps: [starts(';'), { kind: 'stream', line: [], blocks: [['#|', '|#']], nested: true }], languages: ['Lisp'] },
  {
    steps: [starts(';')],
    languages: ['Scheme', 'Racket', 'Clojure', 'ClojureScript', 'ClojureC', 'Fennel', 'LFE', 'LLVM IR', 'Godot Resource', 'MUMPS'],
  },
  // Assembly: `;`, `//` and `/* */` (the usual assembler conventions).
  { steps: [starts(';', '//'), { kind: 'stream', line: [], blocks: [C_BLOCK], joined: true }], languages: ['Assembly'] },
  // INI: `;` (cloc leaves `#` lines, which some INI readers accept as comments, as code); Java properties: `#`
  // and `!`.
  { steps: [starts(';')], languages: ['INI'] },
  { steps: [starts('#', '!')], languages: ['Properties'] },
  // AutoHotkey: `;` and `/* */`.
  { steps: [starts(';'), { kind: 'stream', line: [], blocks: [C_BLOCK], joined: true }], languages: ['AutoHotkey'] },
  // SGML/XML markup: `<!-- -->`.
  {
    steps: [HTML_BLOCK],
    languages: [
      'HTML', 'XHTML', 'XML', 'XSD', 'XSLT', 'SVG', 'DTD', 'XAML', 'MXML', 'FXML', 'Glade', 'Ant', 'Maven', 'MSBuild script',
      'Qt', 'Qt Linguist', 'Web Services Description', 'WiX include', 'WiX source', 'WiX string localization', 'XMI', 'DITA', 'WXML',
    ],
  },
  // Markdown: HTML comments, and the two comment idioms of plain Markdown, a link definition to `#` or `<>`
  // (`[//]: # (note)`) and an empty link used as an anchor (`[](#name)`), which render as nothing.
  {
    steps: [
      { kind: 'line', pattern: /^\s*(?:\[[^\]]*\]:\s*(?:#|<>)(?:\s|$)|\[\]\([^)]*\)\s*$)/ },
      { kind: 'stream', line: [], blocks: [['<!--', '-->']] },
    ],
    languages: ['Markdown'],
  },
  // Single-file components and templates: markup comments plus the embedded script/style comments.
  { steps: [HTML_BLOCK, { kind: 'stream', line: ['//'], blocks: [C_BLOCK], joined: true }], languages: ['Vuejs Component'] },
  // Svelte and ERB: markup comments only (cloc leaves `//` in scripts and ERB's `<%# %>` tags as code).
  { steps: [HTML_BLOCK], languages: ['Svelte', 'ERB'] },
  { steps: [HTML_BLOCK, { kind: 'stream', line: [], blocks: [['<%#', '%>']] }], languages: ['EJS'] },
  { steps: [HTML_BLOCK, { kind: 'stream', line: [], blocks: [['<%--', '--%>']] }], languages: ['JSP'] },
  { steps: [HTML_BLOCK, { kind: 'stream', line: [], blocks: [['@*', '*@']] }], languages: ['Razor'] },
  { steps: [HTML_BLOCK, { kind: 'stream', line: [], blocks: [['{{!--', '--}}'], ['{{!', '}}']] }], languages: ['Handlebars', 'Mustache'] },
  { steps: [HTML_BLOCK, { kind: 'stream', line: [], blocks: [['{#', '#}']] }], languages: ['Twig', 'Jinja Template', 'Nunjucks'] },
  { steps: [HTML_BLOCK, { kind: 'stream', line: [], blocks: [['{{--', '--}}']] }], languages: ['Blade'] },
  { steps: [{ kind: 'stream', line: [], blocks: [['{*', '*}']] }], languages: ['Smarty'] },
  { steps: [{ kind: 'stream', line: [], blocks: [['<#--', '-->']] }], languages: ['Freemarker Template'] },
  { steps: [{ kind: 'stream', line: ['##'], blocks: [['#*', '*#']] }], languages: ['Velocity Template Language'] },
  // Indentation-based templates: a comment line marker.
  { steps: [starts('//')], languages: ['Pug'] },
  { steps: [starts('-#', '/')], languages: ['Haml'] },
  { steps: [starts('/')], languages: ['Slim'] },
  // ML family and Pascal: `(* *)`, which nests in OCaml, Standard ML, F# and Coq; Pascal adds `{ }` and `//`.
  { steps: [{ kind: 'stream', line: [], blocks: [['(*', '*)']], nested: true }], languages: ['OCaml', 'Standard ML', 'Coq', 'Mathematica', 'Modula3'] },
  { steps: [{ kind: 'stream', line: ['//'], blocks: [['(*', '*)']], nested: true }], languages: ['F#', 'F# Script'] },
  { steps: [{ kind: 'stream', line: ['//'], blocks: [['{', '}'], ['(*', '*)']] }], languages: ['Pascal'] },
  // Fortran: `!` anywhere a statement may start; fixed form (Fortran 77) also `C`, `c` or `*` in column 1.
  { steps: [{ kind: 'line', pattern: /^(?:[Cc*]|\s*!)/ }], languages: ['Fortran 77'] },
  { steps: [starts('!')], languages: ['Fortran 90', 'Fortran 95'] },
  // COBOL: `*` or `/` in the indicator column (7) of fixed form, `*>` in free form.
  { steps: [{ kind: 'line', pattern: /^(?:.{6}[*/]|\s*\*>)/ }], languages: ['COBOL'] },
  // MATLAB: `%` lines and `%{ ... %}` blocks on lines of their own.
  { steps: [{ kind: 'region', start: /^\s*%\{\s*$/, end: /^\s*%\}\s*$/ }, starts('%')], languages: ['MATLAB'] },
  // `%` line comments: Erlang, TeX, Mercury; Prolog and Logtalk add `/* */`.
  { steps: [starts('%')], languages: ['Erlang', 'TeX', 'Mercury'] },
  { steps: [starts('%'), { kind: 'stream', line: [], blocks: [C_BLOCK], joined: true }], languages: ['Prolog', 'Logtalk'] },
  // m4: `dnl` and `#`.
  { steps: [starts('dnl', '#')], languages: ['m4'] },
  // DOS batch files: `REM` (any case, optionally `@`-prefixed) and `::` labels used as comments.
  { steps: [{ kind: 'line', pattern: /^\s*(?:@?rem(?:\s|$)|::)/i }], languages: ['DOS Batch'] },
  // BASIC dialects: `'` (cloc leaves the older `REM` statement as code).
  {
    steps: [starts("'")],
    languages: ['Visual Basic', 'Visual Basic .NET', 'Visual Basic Script', 'VB for Applications'],
  },
  // Vim script: `"` lines.
  { steps: [starts('"')], languages: ['vim script'] },
  // Stata: `*` at the start, `//` and `/* */`.
  { steps: [starts('*', '//'), { kind: 'stream', line: [], blocks: [C_BLOCK], joined: true }], languages: ['Stata'] },
  // AsciiDoc: `//` lines and `////` blocks.
  { steps: [{ kind: 'region', start: /^\/{4,}\s*$/, end: /^\/{4,}\s*$/ }, starts('//')], languages: ['AsciiDoc'] },
  // Formats without comments.
  { steps: [], languages: ['JSON', 'Text', 'CSV', 'diff', 'reStructuredText'] },
];

/** Each counted language's comment steps, by cloc name. */
export const COMMENT_STEPS: ReadonlyMap<string, CommentFamily> = new Map(
  COMMENT_FAMILIES.flatMap((family) => family.languages.map((language) => [language, family] as const)),
);
