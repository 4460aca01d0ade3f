import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyWithContent, clocExcludedPath, precheck, shebangInterpreter } from './cloc-classify.js';
import { clocNameByExtension } from './cloc-names.js';
import { countLines } from './cloc-count.js';
import { COMMENT_FAMILIES } from './comment-syntax.js';
import { perlIsBinary } from './code-count.js';

// Expected figures are cloc 1.96's for the same inputs (checked with `cloc --by-file --json`).
void test('C-family comments, including comment markers inside strings, as cloc counts them', () => {
  assert.deepEqual(countLines('C', 'int a; // x\nint b;\n\n/* two\n lines */\nint c; /* tail */\n'), { blank: 1, comment: 2, code: 3 });
  // cloc does not parse strings: "http://" starts a comment, yet the line keeps code before it.
  assert.deepEqual(countLines('JavaScript', 'var u = "http://x"; // c\n// only\n'), { blank: 0, comment: 1, code: 1 });
  // A line ending in a continuation backslash keeps the blank line after it.
  assert.deepEqual(countLines('C', '#define X \\\n\nint y;\n'), { blank: 0, comment: 0, code: 3 });
  // A `//` inside a string hides the `/*` after it; the next `//` line is a comment.
  assert.deepEqual(countLines('JavaScript', 'a;\nb = "//"; /* x\n  // y */ c;\nd;\n'), { blank: 0, comment: 1, code: 3 });
});

void test('block comments: the text around a multi-line comment is one line; an unclosed opener is text', () => {
  // `'multipart/*'` opens a comment closed by the `*/` inside `"*/*+json"`: the lines between are comments and
  // the two ends make one code line.
  const spanning = "case 'multipart':\n  return 'multipart/*'\n}\n\nif (x) {\n  // \"+json\" -> \"*/*+json\" expando\n";
  assert.deepEqual(countLines('JavaScript', spanning), { blank: 1, comment: 3, code: 2 });
  assert.deepEqual(countLines('JavaScript', 'a;\n/* x\nb;\nc;\n'), { blank: 0, comment: 0, code: 4 });
  // Removing a comment can leave a line ending in a backslash, which then continues onto an empty line.
  assert.deepEqual(countLines('JavaScript', 'a(x\\/*);\n*/\nc;\n'), { blank: 0, comment: 0, code: 3 });
  // A `//` comment ending in a backslash continues onto the next line (C's line splicing).
  assert.deepEqual(countLines('C', 'a;\n/* x */ /* y\nq */ b;\n// z \\\nc;\nd; // e \\\nf;\n'), { blank: 0, comment: 3, code: 4 });
});

void test('Python docstrings and hash comments; the #! line of scripts is code', () => {
  const text = '#!/usr/bin/env python3\n"""Doc\nstring."""\nimport os  # tail\n\n# full\nx = 1\n';
  assert.deepEqual(countLines('Python', text), { blank: 1, comment: 3, code: 3 });
  assert.deepEqual(countLines('Bourne Shell', '#!/bin/sh\n# c\necho hi\n'), { blank: 0, comment: 1, code: 2 });
});

void test('markup comments, Markdown comments and languages without comments', () => {
  assert.deepEqual(countLines('HTML', '<p>\n<!-- one -->\n<!-- two\nlines -->\n</p>\n'), { blank: 0, comment: 3, code: 2 });
  assert.deepEqual(countLines('JSON', '{\n\n  "a": 1\n}\n'), { blank: 1, comment: 0, code: 3 });
  assert.deepEqual(countLines('Ruby', 'x = 1\n=begin\ndoc\n=end\n# c\n'), { blank: 0, comment: 4, code: 1 });
  // An unclosed `<!--` in Markdown hides the rest of the file (not the text before it); an empty link is an
  // anchor, not text.
  assert.deepEqual(countLines('Markdown', '# T\n\n[](#anchor)\ntext `<!--` here\nmore\n'), { blank: 1, comment: 2, code: 2 });
});

void test('other comment families: Haskell, Lua, SQL, Batch', () => {
  assert.deepEqual(countLines('Haskell', '{-# LANGUAGE X #-}\n-- c\n{- a\n b -}\nmain = pure ()\n'), { blank: 0, comment: 3, code: 2 });
  assert.deepEqual(countLines('Lua', '--[[ a\nb ]]\n-- c\nprint(1)\n'), { blank: 0, comment: 3, code: 1 });
  assert.deepEqual(countLines('SQL', '-- c\nSELECT 1; /* x\ny */\n'), { blank: 0, comment: 2, code: 1 });
  assert.deepEqual(countLines('DOS Batch', '@echo off\nREM c\n:: d\nrem e\necho hi\n'), { blank: 0, comment: 3, code: 2 });
});

void test('the comment table names each language once', () => {
  const names = COMMENT_FAMILIES.flatMap((family) => family.languages);
  assert.equal(new Set(names).size, names.length, 'a language in two families');
});

void test('file classification: Linguist data with cloc names, content tests, #! lines', () => {
  assert.deepEqual(precheck('x.json'), { kind: 'language', language: 'JSON' });
  assert.deepEqual(precheck('Dockerfile'), { kind: 'language', language: 'Dockerfile' });
  assert.deepEqual(precheck('src/Makefile'), { kind: 'language', language: 'make' });
  assert.deepEqual(precheck('lib/a.h'), { kind: 'language', language: 'C/C++ Header' });
  assert.deepEqual(precheck('a.sh'), { kind: 'language', language: 'Bourne Shell' });
  assert.deepEqual(precheck('a.bash'), { kind: 'language', language: 'Bourne Again Shell' });
  assert.deepEqual(precheck('a.tsx'), { kind: 'language', language: 'TypeScript' });
  assert.deepEqual(precheck('a.main.c~'), { kind: 'skip' });
  assert.deepEqual(precheck('CMakeLists.txt'), { kind: 'language', language: 'CMake' });
  assert.deepEqual(precheck('notes.txt'), { kind: 'language', language: 'Text' });
  // Linguist names these, cloc does not count them.
  assert.equal(classifyWithContent('LICENSE', 'MIT License\n'), null);
  assert.equal(classifyWithContent('.eslintrc', '{}\n'), null);
  assert.equal(classifyWithContent('x.jst', '<%= a %>\n'), null);
  assert.equal(classifyWithContent('x.mts', 'export {};\n'), null);
  assert.equal(classifyWithContent('a/README', 'text\n'), null);
  // Extensions shared by languages cloc names differently: Linguist's heuristics decide.
  assert.equal(classifyWithContent('a.ts', 'const x = 1;\n'), 'TypeScript');
  assert.equal(classifyWithContent('a.ts', '<TS>\n<message>\n<source>x</source>\n<translation>y</translation>\n</message>\n'), 'Qt Linguist');
  assert.equal(classifyWithContent('a.m', '#import <Foundation/Foundation.h>\n@interface A\n@end\n'), 'Objective-C');
  assert.equal(classifyWithContent('a.pl', ':- module(a, []).\nfact(x).\n'), 'Prolog');
  assert.equal(classifyWithContent('a.pl', 'use strict;\nmy $x = 1;\n'), 'Perl');
  assert.equal(classifyWithContent('legacy.inc', '$x = 1;\n'), null);
  assert.equal(classifyWithContent('a.ml', 'let x = 1\n'), 'OCaml'); // undecided: cloc's default for `.ml`
  // `#!` lines, read as cloc reads them.
  assert.equal(classifyWithContent('bin/run', '#!/usr/bin/env python3\n'), 'Python');
  assert.equal(classifyWithContent('bin/run', '#!/bin/bash\n'), 'Bourne Again Shell');
  assert.equal(classifyWithContent('bin/run', '#!/usr/bin/env node\n'), null); // cloc 1.96 knows no `node` scripts
  assert.equal(classifyWithContent('bin/run', '#!/usr/bin/env -S python3 -u\n'), null);
  assert.equal(classifyWithContent('bin/run', 'no shebang\n'), null);
  assert.equal(shebangInterpreter('#!/usr/bin/python3.12 -u\n'), 'python3');
  assert.ok(clocExcludedPath('.svn/x.c'));
  assert.ok(!clocExcludedPath('src/x.c'));
});

void test('cloc names for Linguist languages split by extension', () => {
  assert.equal(clocNameByExtension('Shell', '.zsh'), 'zsh');
  assert.equal(clocNameByExtension('Shell', '.command'), null);
  assert.equal(clocNameByExtension('Fortran Free Form', '.f90'), 'Fortran 90');
  assert.equal(clocNameByExtension('C++', '.hpp'), 'C/C++ Header');
  assert.equal(clocNameByExtension('C++', '.cpp'), 'C++');
  assert.equal(clocNameByExtension('JavaScript', '.jsx'), 'JSX');
  assert.equal(clocNameByExtension('JavaScript', '.mjs'), 'JavaScript');
  assert.equal(clocNameByExtension('Makefile', '.mk'), 'make');
});

void test("Perl's -B: NUL or many odd bytes are binary, UTF-8 is text", () => {
  assert.ok(perlIsBinary(Buffer.from([0x41, 0x00, 0x42])));
  assert.ok(!perlIsBinary(Buffer.from('plain text\n')));
  assert.ok(!perlIsBinary(Buffer.from('héllo wörld ✓\n')));
  assert.ok(perlIsBinary(Buffer.from([0xff, 0xfe, 0x80, 0x81, 0x41])));
});
