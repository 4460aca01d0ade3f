import { test } from 'node:test';
import assert from 'node:assert/strict';
import spdxFull from 'spdx-license-list/full.js';
import { scanText, worthScanning } from './scan.js';
import { licenseEngine, spdxToKeys } from './match/engine.js';

const scan = (path: string, text: string) => scanText(path, `demo/${path}`, text, { timeoutMs: 5_000 });
const spdxOf = (path: string, text: string) => scan(path, text).detected_license_expression_spdx;

void test('standard notices and headers name their license', () => {
  const cases: [string, string, string][] = [
    [
      'Apache-2.0 header',
      '/*\n * Copyright 2020 Example Corp.\n *\n * Licensed under the Apache License, Version 2.0 (the "License");\n * you may not use this file except in compliance with the License.\n */\n',
      'Apache-2.0',
    ],
    [
      'GPL-2.0-or-later notice',
      '# This program is free software; you can redistribute it and/or modify\n# it under the terms of the GNU General Public License as published by\n# the Free Software Foundation; either version 2 of the License, or\n# (at your option) any later version.\n',
      'GPL-2.0-or-later',
    ],
    [
      'GPL-3.0-or-later notice',
      '// This program is free software: you can redistribute it and/or modify\n// it under the terms of the GNU General Public License as published by\n// the Free Software Foundation, either version 3 of the License, or\n// (at your option) any later version.\n',
      'GPL-3.0-or-later',
    ],
    [
      'GPL-2.0 with the Classpath exception, as two notices in a row',
      ' * under the terms of the GNU General Public License version 2 only, as\n * published by the Free Software Foundation.  Oracle designates this\n * particular file as subject to the "Classpath" exception as provided\n * by Oracle in the LICENSE file that accompanied this code.\n',
      'GPL-2.0-only WITH Classpath-exception-2.0',
    ],
    ['a choice between two licenses', 'Licensed under either of Apache License, Version 2.0 or MIT license at your option.\n', 'Apache-2.0 OR MIT'],
    [
      'LGPL-2.1-or-later notice',
      ' * under the terms of the GNU Lesser General Public License as published by the Free Software Foundation;\n * either version 2.1 of the License, or (at your option) any later version.\n',
      'LGPL-2.1-or-later',
    ],
    [
      'AGPL-3.0-or-later notice',
      'under the terms of the GNU Affero General Public License as published by the Free Software Foundation, either version 3 of the License, or (at your option) any later version.\n',
      'AGPL-3.0-or-later',
    ],
    [
      'MPL-2.0 header',
      '/* This Source Code Form is subject to the terms of the Mozilla Public\n * License, v. 2.0. If a copy of the MPL was not distributed with this\n * file, You can obtain one at https://mozilla.org/MPL/2.0/. */\n',
      'MPL-2.0',
    ],
    [
      'EPL-2.0 header',
      ' * This program and the accompanying materials are made available under the\n * terms of the Eclipse Public License 2.0 which is available at\n * http://www.eclipse.org/legal/epl-2.0\n',
      'EPL-2.0',
    ],
    ['Go BSD header', '// Use of this source code is governed by a BSD-style\n// license that can be found in the LICENSE file.\n', 'BSD-3-Clause'],
    ['MIT short form', '/*!\n * accepts\n * Copyright(c) 2014 Jonathan Ong\n * MIT Licensed\n */\n', 'MIT'],
    ['released under', '// Acorn was written by Marijn Haverbeke and released under an MIT license.\n', 'MIT'],
    ['JSDoc tag', '/**\n * @license Apache-2.0\n */\n', 'Apache-2.0'],
    ['Boost', '// Distributed under the Boost Software License, Version 1.0.\n', 'BSL-1.0'],
    ['Perl', 'This library is free software; you can redistribute it and/or modify it under the same terms as Perl itself.\n', 'Artistic-1.0-Perl OR GPL-1.0-or-later'],
    // The Unlicense's first sentence alone is, in the LicenseDB, a public-domain dedication.
    ['public domain', 'This is free and unencumbered software released into the public domain.\n', 'LicenseRef-scancode-public-domain'],
  ];
  for (const [name, text, expected] of cases) assert.equal(spdxOf('src/file.c', text), expected, name);
});

void test('code that only says "license" is no notice; a bare mention of the GPL is ScanCode\'s unversioned GPL reference', () => {
  assert.equal(spdxOf('src/a.js', 'const license = readLicense(); // copyright checks happen later\n'), null);
  assert.equal(spdxOf('src/c.js', 'if (pkg.license && pkg.licenses) warn("use license, not licenses");\n'), null);
  // ScanCode reports a mention of the GNU GPL without a version as gpl-1.0-plus (any version), as it does here.
  assert.equal(spdxOf('src/b.js', 'distributed under the GNU General Public License (GPL), the law of Virginia shall govern\n'), 'GPL-1.0-or-later');
});

void test('license-like text that no rule matches is unknown (6-unknown); prose about licenses is not', () => {
  const custom = [
    'You may use this software for any purpose, including commercial purposes, provided that you',
    'do not remove this notice, and that any modified copies carry a prominent notice stating that',
    'the software was changed. The author disclaims all warranties with regard to this software,',
    'including all implied warranties of merchantability and fitness. In no event shall the author',
    'be liable for any special, indirect or consequential damages arising out of the use of this',
    'software. Redistribution of the source must retain this notice.',
  ].join('\n');
  const result = scan('LICENSE', `${custom}\n`);
  const unknown = result.license_detections.flatMap((d) => d.matches).find((m) => m.matcher === '6-unknown');
  assert.equal(unknown?.license_expression, 'unknown');
  assert.equal(unknown?.license_expression_spdx, 'LicenseRef-scancode-unknown');
  assert.match(unknown?.rule_identifier ?? '', /^license-detection-unknown-[0-9a-f-]{36}$/);
  assert.equal(unknown?.rule_url, null);
  assert.match(result.detected_license_expression ?? '', /\bunknown\b/);
  const prose = 'We chose a license after a long discussion with the team about how open the project should be, and in the end we settled on a permissive one that lets companies use it.\n';
  assert.equal(scan('docs/history.md', prose).detected_license_expression, null);
});

void test('a text that is exactly a false-positive rule of the LicenseDB gives no detection', () => {
  // false-positive rules are text that looks like a license and is not; each, alone, must detect nothing
  // (all 1,267 are checked by the self-detection test).
  const result = scan('src/x.c', 'GPL Ghostscript\n');
  assert.equal(result.license_detections.every((d) => d.license_expression !== ''), true);
});

void test('SPDX-License-Identifier tags with expressions, exceptions and or-later', () => {
  assert.equal(spdxOf('a.c', '// SPDX-License-Identifier: MIT\nint x;\n'), 'MIT');
  assert.equal(spdxOf('b.c', '/* SPDX-License-Identifier: GPL-2.0-or-later WITH Linux-syscall-note */\n'), 'GPL-2.0-or-later WITH Linux-syscall-note');
  assert.equal(spdxOf('c.py', '# SPDX-License-Identifier: (MIT OR Apache-2.0) AND BSD-3-Clause\n'), '(MIT OR Apache-2.0) AND BSD-3-Clause');
  assert.equal(spdxOf('d.c', '// SPDX-License-Identifier: GPL-2.0+\n'), 'GPL-2.0-or-later');
  const result = scan('e.rs', '// SPDX-License-Identifier: MIT OR Apache-2.0\nfn main() {}\n');
  assert.equal(result.detected_license_expression, 'mit OR apache-2.0');
  const match = result.license_detections[0]?.matches[0];
  assert.equal(match?.matcher, '1-spdx-id');
  assert.equal(match?.start_line, 1);
  assert.equal(match?.from_file, 'demo/e.rs');
});

void test('license files: whole texts with line ranges, bundles section by section', () => {
  const mit = (spdxFull.MIT?.licenseText as string).replace('<year> <copyright holders>', '2024 Jane Doe');
  const whole = scan('LICENSE', `${mit}\n`);
  assert.equal(whole.detected_license_expression, 'mit');
  // One detection: the title ("MIT License", a rule of its own) and the text (the LicenseDB's MIT text, which
  // has no copyright line, so it occurs in the file rather than being the whole file).
  assert.equal(whole.license_detections.length, 1);
  const matches = whole.license_detections[0]?.matches ?? [];
  const text = matches.find((m) => m.rule_identifier === 'mit.LICENSE');
  assert.equal(text?.matcher, '2-aho');
  assert.equal(text?.match_coverage, 100);
  assert.equal(matches[0]?.start_line, 1);
  assert.equal(matches[matches.length - 1]?.end_line, mit.trimEnd().split('\n').length);
  assert.deepEqual(whole.copyrights.map((c) => c.copyright), ['Copyright (c) 2024 Jane Doe']);
  assert.deepEqual(whole.holders.map((h) => h.holder), ['Jane Doe']);

  const isc = spdxFull.ISC?.licenseText as string;
  const bundle = scan('LICENSE.md', `${isc}\n\n----\n\nThis package bundles code under the following license:\n\n${mit}\n`);
  assert.equal(bundle.detected_license_expression_spdx, 'ISC AND MIT');
});

void test('embedded license texts in comment blocks, BSD with a preamble', () => {
  const bsd = (spdxFull['BSD-2-Clause']?.licenseText as string).replace('<year> <owner>', '2013 Yusuke Suzuki');
  const header = `/*\n  This file contains code from Esprima.\n\n${bsd.split('\n').map((l) => `  ${l}`).join('\n')}\n*/\n(function () {})();\n`;
  const result = scan('lib/ast.js', header);
  assert.equal(result.detected_license_expression, 'bsd-simplified');
  assert.equal(result.detected_license_expression_spdx, 'BSD-2-Clause');
});

void test('manifests and README License sections', () => {
  const pkg = scan('package.json', '{\n  "name": "x",\n  "license": "Apache-2.0"\n}\n');
  assert.equal(pkg.detected_license_expression, 'apache-2.0');
  assert.equal(pkg.license_detections[0]?.matches[0]?.start_line, 3);
  assert.equal(spdxOf('README.md', '# demo\n\nText.\n\n## License\n\nMIT © Jane Doe\n'), 'MIT');
});

void test('copyrights, holders and authors', () => {
  const text = [
    '/*',
    ' * Copyright (c) 2009-2014 TJ Holowaychuk <tj@vision-media.ca>',
    ' * Copyright 2019 Example Corp. All rights reserved.',
    ' * © 2021 Jane Doe',
    ' * @author John Smith <john@example.test>',
    ' * The above copyright notice and this permission notice shall be included.',
    ' */',
  ].join('\n');
  const result = scan('src/x.js', text);
  assert.deepEqual(
    result.copyrights.map((c) => [c.copyright, c.start_line]),
    [
      ['Copyright (c) 2009-2014 TJ Holowaychuk <tj@vision-media.ca>', 2],
      ['Copyright 2019 Example Corp.', 3],
      ['(c) 2021 Jane Doe', 4],
    ],
  );
  assert.deepEqual(result.holders.map((h) => h.holder), ['TJ Holowaychuk', 'Example Corp.', 'Jane Doe']);
  assert.deepEqual(result.authors.map((a) => a.author), ['John Smith <john@example.test>']);
});

void test('the time budget stops a file with a scan error', () => {
  const text = '// Licensed under the MIT license.\n'.repeat(50_000);
  const result = scanText('big.js', 'demo/big.js', text, { timeoutMs: 0 });
  assert.equal(result.scan_errors.length, 1);
  assert.match(result.scan_errors[0] as string, /timeout/);
});

void test('SPDX ids and LicenseDB keys, both ways', () => {
  const db = licenseEngine().db;
  assert.equal(db.keyOfSpdx('GPL-2.0-or-later'), 'gpl-2.0-plus');
  assert.equal(db.keyOfSpdx('GPL-2.0+'), 'gpl-2.0-plus');
  assert.equal(db.keyOfSpdx('BSD-3-Clause'), 'bsd-new');
  assert.equal(db.keyOfSpdx('bsd-2-clause'), 'bsd-simplified');
  assert.equal(db.spdxOf('gpl-2.0'), 'GPL-2.0-only');
  assert.equal(db.spdxOf('3com-microcode'), 'LicenseRef-scancode-3com-microcode');
  assert.equal(spdxToKeys(db, '(MIT OR GPL-2.0+ WITH Classpath-exception-2.0) AND BSD-3-Clause'), '(mit OR gpl-2.0-plus WITH classpath-exception-2.0) AND bsd-new');
  assert.equal(spdxToKeys(db, 'LicenseRef-scancode-public-domain'), 'public-domain');
  assert.equal(spdxToKeys(db, 'Not-A-License-1.0'), 'unknown-spdx');
  // Not an expression: no tag match (the rules may still match the line).
  assert.equal(spdxToKeys(db, 'GPL 2.0+ BSD-3-Clause'), null);
});

void test('files without a license keyword are not decoded; license-named files always are', () => {
  const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');
  assert.equal(worthScanning('src/add.js', bytes('export const add = (a, b) => a + b;\n')), false);
  assert.equal(worthScanning('LICENSE', bytes('do what you like\n')), true);
  assert.equal(worthScanning('package.json', bytes('{"name":"x"}')), true);
  assert.equal(worthScanning('README.md', bytes('# x\n')), true);
  for (const text of ['// SPDX-License-Identifier: MIT', '/* Copyright 2020 X */', '# COPYRIGHT', '© 2020 X', '(C) 2020', 'Licensed under', 'LICENCE', 'released into the Public Domain', 'GNU General Public License', 'PERMISSION IS HEREBY GRANTED']) {
    assert.equal(worthScanning('src/a.js', bytes(`x\n${text}\n`)), true, text);
  }
  // What is skipped is exactly what scanText finds nothing in.
  const skipped = 'const a = 1;\nfunction f() { return a; }\n';
  assert.equal(worthScanning('src/f.js', bytes(skipped)), false);
  assert.deepEqual(scanText('src/f.js', 'repo/src/f.js', skipped, { timeoutMs: 5000 }).license_detections, []);
});
