import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyWithContent, clocExcludedPath, precheck } from './cloc-classify.js';
import { countLines } from './cloc-count.js';
import { perlIsBinary } from './code-count.js';

// Expected figures are cloc 1.96's for the same inputs (checked with `cloc --by-file --json`).
void test('C-family comments, including comment markers inside strings, as cloc counts them', () => {
  assert.deepEqual(countLines('C', 'int a; // x\nint b;\n\n/* two\n lines */\nint c; /* tail */\n'), { blank: 1, comment: 2, code: 3 });
  // cloc does not parse strings: "http://" starts a comment, yet the line keeps code before it.
  assert.deepEqual(countLines('JavaScript', 'var u = "http://x"; // c\n// only\n'), { blank: 0, comment: 1, code: 1 });
  // A line ending in a continuation backslash keeps the blank line after it.
  assert.deepEqual(countLines('C', '#define X \\\n\nint y;\n'), { blank: 0, comment: 0, code: 3 });
});

void test('Python docstrings and hash comments; the #! line of scripts is code', () => {
  const text = '#!/usr/bin/env python3\n"""Doc\nstring."""\nimport os  # tail\n\n# full\nx = 1\n';
  assert.deepEqual(countLines('Python', text), { blank: 1, comment: 3, code: 3 });
  assert.deepEqual(countLines('Bourne Shell', '#!/bin/sh\n# c\necho hi\n'), { blank: 0, comment: 1, code: 2 });
});

void test('markup comments and languages without comments', () => {
  assert.deepEqual(countLines('HTML', '<p>\n<!-- one -->\n<!-- two\nlines -->\n</p>\n'), { blank: 0, comment: 3, code: 2 });
  assert.deepEqual(countLines('JSON', '{\n\n  "a": 1\n}\n'), { blank: 1, comment: 0, code: 3 });
  assert.deepEqual(countLines('Ruby', 'x = 1\n=begin\ndoc\n=end\n# c\n'), { blank: 0, comment: 4, code: 1 });
});

void test('file classification follows cloc: names, extensions, content tests, #! lines', () => {
  assert.deepEqual(precheck('a/README'), { kind: 'skip' });
  assert.deepEqual(precheck('x.json'), { kind: 'language', language: 'JSON' });
  assert.deepEqual(precheck('Dockerfile'), { kind: 'language', language: 'Dockerfile' });
  assert.deepEqual(precheck('a.png'), { kind: 'skip' });
  assert.equal(classifyWithContent('a.ts', 'const x = 1;\n'), 'TypeScript');
  assert.equal(classifyWithContent('a.ts', '<TS>\n<message>\n<source>x</source>\n<translation>y</translation>\n</message>\n'), 'Qt Linguist');
  assert.equal(classifyWithContent('a.m', '#import <Foundation/Foundation.h>\n'), 'Objective-C');
  assert.equal(classifyWithContent('a.m', 'function y = f(x)\n% comment\ny = [1 2];\n'), 'MATLAB');
  assert.equal(classifyWithContent('a.pl', ':- module(a, []).\nfact(x).\n'), 'Prolog');
  assert.equal(classifyWithContent('bin/run', '#!/usr/bin/env python3\n'), 'Python');
  assert.equal(classifyWithContent('bin/run', '#!/usr/bin/env node\n'), null); // cloc 1.96 knows no `node` scripts
  assert.equal(classifyWithContent('bin/run', 'no shebang\n'), null);
  assert.equal(classifyWithContent('pom.xml', '<project xmlns="http://maven.apache.org/POM/4.0.0">\n'), 'Maven');
  assert.ok(clocExcludedPath('.svn/x.c'));
  assert.ok(!clocExcludedPath('src/x.c'));
});

void test("Perl's -B: NUL or many odd bytes are binary, UTF-8 is text", () => {
  assert.ok(perlIsBinary(Buffer.from([0x41, 0x00, 0x42])));
  assert.ok(!perlIsBinary(Buffer.from('plain text\n')));
  assert.ok(!perlIsBinary(Buffer.from('héllo wörld ✓\n')));
  assert.ok(perlIsBinary(Buffer.from([0xff, 0xfe, 0x80, 0x81, 0x41])));
});
