import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify } from './classes.js';
import { findStatements } from './index.js';
import { prepareLine } from './prepare.js';

interface Case {
  /** What the case is about (the kinds of cases ScanCode's tests/cluecode/data/copyrights cover). */
  readonly name: string;
  readonly text: string;
  readonly copyrights?: readonly string[];
  readonly holders?: readonly string[];
  readonly authors?: readonly string[];
}

const CASES: readonly Case[] = [
  // ----- plain statements and signs
  { name: 'word, sign, years and a person', text: 'Copyright (c) 2009-2014 TJ Holowaychuk', copyrights: ['Copyright (c) 2009-2014 TJ Holowaychuk'], holders: ['TJ Holowaychuk'] },
  { name: '(C) is printed (c)', text: 'Copyright (C) 2020 Example Corp.', copyrights: ['Copyright (c) 2020 Example Corp.'], holders: ['Example Corp.'] },
  { name: '© alone', text: '© 2021 Jane Doe', copyrights: ['(c) 2021 Jane Doe'], holders: ['Jane Doe'] },
  { name: 'Copyright ©', text: 'Copyright © 2012–2016 Jörg Müller', copyrights: ['Copyright (c) 2012–2016 Jörg Müller'], holders: ['Jörg Müller'] },
  { name: 'HTML entity sign in markup', text: '<p>Copyright &copy; 2020 Example Inc.</p>', copyrights: ['Copyright (c) 2020 Example Inc.'], holders: ['Example Inc.'] },
  { name: 'entity sign alone', text: '&copy; 2019 Foo Bar Ltd.', copyrights: ['(c) 2019 Foo Bar Ltd.'], holders: ['Foo Bar Ltd.'] },
  { name: 'Copyright(c) without a space', text: ' * Copyright(c) 2014 Jonathan Ong', copyrights: ['Copyright (c) 2014 Jonathan Ong'], holders: ['Jonathan Ong'] },
  { name: 'no sign, a year', text: 'Copyright 2011 Gary Court. All rights reserved.', copyrights: ['Copyright 2011 Gary Court'], holders: ['Gary Court'] },
  { name: 'no year, an organisation', text: 'Copyright (c) Microsoft Corporation.', copyrights: ['Copyright (c) Microsoft Corporation'], holders: ['Microsoft Corporation'] },
  { name: 'by before the holder', text: 'Copyright (c) 1994-1997 by Intel Corporation.', copyrights: ['Copyright (c) 1994-1997 by Intel Corporation'], holders: ['Intel Corporation'] },
  { name: 'by in a TeX comment', text: '% Copyright (C) 2011 by TeX Writer', copyrights: ['Copyright (c) 2011 by TeX Writer'], holders: ['TeX Writer'] },
  { name: 'SPDX-FileCopyrightText', text: 'SPDX-FileCopyrightText: 2021 Jane Doe <jane@example.com>', copyrights: ['Copyright 2021 Jane Doe <jane@example.com>'], holders: ['Jane Doe'] },
  { name: 'lower-case word and suffix', text: 'copyright (c) 2020 Foo Project, LLC', copyrights: ['copyright (c) 2020 Foo Project, LLC'], holders: ['Foo Project, LLC'] },
  { name: 'Portions', text: 'Portions Copyright (c) 2005 Foo Bar Ltd.', copyrights: ['Portions Copyright (c) 2005 Foo Bar Ltd.'], holders: ['Foo Bar Ltd.'] },
  { name: 'non-ASCII names', text: 'Copyright © 2018 Jörg Österreicher, Zoë Åberg', copyrights: ['Copyright (c) 2018 Jörg Österreicher, Zoë Åberg'], holders: ['Jörg Österreicher, Zoë Åberg'] },

  // ----- years
  { name: 'year range to present', text: 'Copyright (c) 2013-present, Facebook, Inc.', copyrights: ['Copyright (c) 2013-present, Facebook, Inc.'], holders: ['Facebook, Inc.'] },
  { name: 'spaced range to present', text: 'Copyright (c) 2009 - present Foo Bar', copyrights: ['Copyright (c) 2009 - present Foo Bar'], holders: ['Foo Bar'] },
  { name: 'spaced year range', text: 'Copyright (c) 2015 - 2020 Jane Doe', copyrights: ['Copyright (c) 2015 - 2020 Jane Doe'], holders: ['Jane Doe'] },
  { name: 'list of years and ranges', text: 'Copyright 1998, 2001-2003, 2010 Foo Bar', copyrights: ['Copyright 1998, 2001-2003, 2010 Foo Bar'], holders: ['Foo Bar'] },
  { name: 'two-digit years in a list', text: 'Copyright (c) 1999, 2000, 01, 03 Ralf Baechle', copyrights: ['Copyright (c) 1999, 2000, 01, 03 Ralf Baechle'], holders: ['Ralf Baechle'] },
  { name: 'year plus', text: 'Copyright (c) 2004+ Evgeniy Polyakov', copyrights: ['Copyright (c) 2004+ Evgeniy Polyakov'], holders: ['Evgeniy Polyakov'] },
  { name: 'years alone: a statement without a holder', text: 'Copyright (c) 2018', copyrights: ['Copyright (c) 2018'], holders: [] },
  { name: 'a year after the holder', text: 'Copyright (c) Ian Darwin 1995', copyrights: ['Copyright (c) Ian Darwin 1995'], holders: ['Ian Darwin'] },

  // ----- holders: organisations, groups, "and others"
  { name: 'the Regents across lines in a C comment', text: '/*\n * Copyright (c) 1990, 1993\n *\tThe Regents of the University of California.  All rights reserved.\n */', copyrights: ['Copyright (c) 1990, 1993 The Regents of the University of California'], holders: ['The Regents of the University of California'] },
  { name: 'FSF with its address', text: '# Copyright (C) 2007 Free Software Foundation, Inc. <https://fsf.org/>\n# Everyone is permitted to copy and distribute verbatim copies', copyrights: ['Copyright (c) 2007 Free Software Foundation, Inc. <https://fsf.org/>'], holders: ['Free Software Foundation, Inc.'] },
  { name: 'and other contributors', text: 'Copyright (c) 2014-present Sebastian McKenzie and other contributors', copyrights: ['Copyright (c) 2014-present Sebastian McKenzie and other contributors'], holders: ['Sebastian McKenzie and other contributors'] },
  { name: 'and other named contributors', text: 'Copyright Joyent, Inc. and other Node contributors. All rights reserved.', copyrights: ['Copyright Joyent, Inc. and other Node contributors'], holders: ['Joyent, Inc. and other Node contributors'] },
  { name: 'and its affiliates', text: 'Copyright (c) Facebook, Inc. and its affiliates.', copyrights: ['Copyright (c) Facebook, Inc. and its affiliates'], holders: ['Facebook, Inc. and its affiliates'] },
  { name: 'and others', text: 'Copyright (c) 2018 nexB Inc. and others. All rights reserved.', copyrights: ['Copyright (c) 2018 nexB Inc. and others'], holders: ['nexB Inc. and others'] },
  { name: 'et al.', text: 'Copyright (c) 2017 Jane Doe et al.', copyrights: ['Copyright (c) 2017 Jane Doe et al.'], holders: ['Jane Doe et al.'] },
  { name: 'The ... Authors', text: 'Copyright 2015 The Error Prone Authors.', copyrights: ['Copyright 2015 The Error Prone Authors'], holders: ['The Error Prone Authors'] },
  { name: 'project authors in a # comment', text: '# Copyright 2020 The Go Authors. All rights reserved.\n# Use of this source code is governed by a BSD-style', copyrights: ['Copyright 2020 The Go Authors'], holders: ['The Go Authors'] },
  { name: 'the original author or authors', text: 'Copyright 2002-2019 the original author or authors.', copyrights: ['Copyright 2002-2019 the original author or authors'], holders: ['the original author or authors'] },
  { name: 'the respective contributors', text: 'Copyright (c) 2014, 2015, the respective contributors All rights reserved.', copyrights: ['Copyright (c) 2014, 2015, the respective contributors'], holders: ['the respective contributors'] },
  { name: 'Contributors alone', text: 'Copyright (c) 2016, Contributors', copyrights: ['Copyright (c) 2016, Contributors'], holders: ['Contributors'] },
  { name: 'dotted project name', text: 'Copyright Node.js contributors. All rights reserved.', copyrights: ['Copyright Node.js contributors'], holders: ['Node.js contributors'] },
  { name: 'by various contributors', text: 'Copyright (C) 2012-2014 by various contributors (see AUTHORS)', copyrights: ['Copyright (c) 2012-2014 by various contributors'], holders: ['various contributors'] },
  { name: 'names joined by and', text: 'Copyright (C) 1995-2006 Jean-loup Gailly and Mark Adler', copyrights: ['Copyright (c) 1995-2006 Jean-loup Gailly and Mark Adler'], holders: ['Jean-loup Gailly and Mark Adler'] },
  { name: 'a list of names', text: 'Copyright (c) 2020 Jane Doe, John Roe, and Max Mustermann.', copyrights: ['Copyright (c) 2020 Jane Doe, John Roe, and Max Mustermann'], holders: ['Jane Doe, John Roe, and Max Mustermann'] },
  { name: 'names with & ', text: 'Copyright (c) 2010-2015, Foo, Bar & Baz', copyrights: ['Copyright (c) 2010-2015, Foo, Bar & Baz'], holders: ['Foo, Bar & Baz'] },
  { name: 'a lower-case user name after a year', text: 'Copyright (c) 2017 odahcam', copyrights: ['Copyright (c) 2017 odahcam'], holders: ['odahcam'] },
  { name: 'by the project contributors', text: 'Copyright (c) 2020 by the Foo Project contributors', copyrights: ['Copyright (c) 2020 by the Foo Project contributors'], holders: ['the Foo Project contributors'] },

  // ----- e-mail addresses and URLs
  { name: 'e-mail in angle brackets', text: 'Copyright (c) 2008 Alek Du <alek.du@intel.com>', copyrights: ['Copyright (c) 2008 Alek Du <alek.du@intel.com>'], holders: ['Alek Du'] },
  { name: 'e-mail in parentheses', text: 'Copyright 2010 James Halliday (mail@substack.net)', copyrights: ['Copyright 2010 James Halliday (mail@substack.net)'], holders: ['James Halliday'] },
  { name: 'e-mail and URL', text: 'Copyright (c) Sindre Sorhus <sindresorhus@gmail.com> (https://sindresorhus.com)', copyrights: ['Copyright (c) Sindre Sorhus <sindresorhus@gmail.com> (https://sindresorhus.com)'], holders: ['Sindre Sorhus'] },
  { name: 'URL after contributors', text: 'Copyright OpenJS Foundation and other contributors <https://openjsf.org/>', copyrights: ['Copyright OpenJS Foundation and other contributors <https://openjsf.org/>'], holders: ['OpenJS Foundation and other contributors'] },
  { name: 'Markdown link in a README', text: 'MIT © [Sindre Sorhus](https://sindresorhus.com)', copyrights: ['(c) Sindre Sorhus (https://sindresorhus.com)'], holders: ['Sindre Sorhus'] },
  { name: 'no year, a name and an e-mail', text: 'Copyright (c) Jane Doe <jane@example.org>', copyrights: ['Copyright (c) Jane Doe <jane@example.org>'], holders: ['Jane Doe'] },
  { name: 'e-mail then a comma and a URL', text: '(c) 2017 Jane Doe <jane@example.org>, https://example.org', copyrights: ['(c) 2017 Jane Doe <jane@example.org>, https://example.org'], holders: ['Jane Doe'] },

  // ----- multi-line statements and several statements
  { name: 'several holders, each with a year and an e-mail, over three lines', text: 'Copyright 2002 Jonas Borgstrom <jonas@codefactory.se>\n          2002 Daniel Lundin <daniel@codefactory.se>\n          2002 CodeFactory AB.', copyrights: ['Copyright 2002 Jonas Borgstrom <jonas@codefactory.se> 2002 Daniel Lundin <daniel@codefactory.se> 2002 CodeFactory AB'], holders: ['Jonas Borgstrom Daniel Lundin CodeFactory AB'] },
  { name: 'the holder on the next line', text: 'Copyright (c) 2015\nJane Doe', copyrights: ['Copyright (c) 2015 Jane Doe'], holders: ['Jane Doe'] },
  { name: 'an empty line after a year does not end the statement', text: 'Copyright (c) 2015\n\nJane Doe', copyrights: ['Copyright (c) 2015 Jane Doe'], holders: ['Jane Doe'] },
  { name: 'an empty line after a name ends it', text: 'Copyright (c) 2015 Jane Doe\n\nJane wrote this.', copyrights: ['Copyright (c) 2015 Jane Doe'], holders: ['Jane Doe'] },
  { name: 'two statements on two lines', text: 'Copyright (c) 2013 Jane Doe and John Roe\nCopyright (c) 2014 Max Mustermann', copyrights: ['Copyright (c) 2013 Jane Doe and John Roe', 'Copyright (c) 2014 Max Mustermann'], holders: ['Jane Doe and John Roe', 'Max Mustermann'] },
  { name: 'license prose after the statement', text: 'Copyright 2014 Mozilla Foundation and contributors\nLicensed under the New BSD license. See LICENSE or:', copyrights: ['Copyright 2014 Mozilla Foundation and contributors'], holders: ['Mozilla Foundation and contributors'] },
  { name: 'sentence after the holder', text: 'Copyright (c) 2020 Foo Bar. Licensed MIT.', copyrights: ['Copyright (c) 2020 Foo Bar'], holders: ['Foo Bar'] },
  { name: '"All rights reserved." first', text: 'All rights reserved. Copyright (c) 2020 Foo Inc.', copyrights: ['Copyright (c) 2020 Foo Inc.'], holders: ['Foo Inc.'] },

  // ----- comment markers
  { name: '// comment', text: '// Copyright 2012 Google Inc. All Rights Reserved.', copyrights: ['Copyright 2012 Google Inc.'], holders: ['Google Inc.'] },
  { name: '<!-- --> comment', text: '<!-- Copyright (c) 2020 Jane Doe -->', copyrights: ['Copyright (c) 2020 Jane Doe'], holders: ['Jane Doe'] },
  { name: ';; comment', text: ';; Copyright (C) 2001, 2002 Free Software Foundation, Inc.', copyrights: ['Copyright (c) 2001, 2002 Free Software Foundation, Inc.'], holders: ['Free Software Foundation, Inc.'] },
  { name: '-- comment', text: '-- Copyright (c) 2010 Lua Authors', copyrights: ['Copyright (c) 2010 Lua Authors'], holders: ['Lua Authors'] },
  { name: 'dnl comment', text: 'dnl Copyright (C) 2004 Foo Bar <foo@bar.org>', copyrights: ['Copyright (c) 2004 Foo Bar <foo@bar.org>'], holders: ['Foo Bar'] },
  { name: 'REM comment', text: 'REM Copyright 2020 Batch Writer Ltd', copyrights: ['Copyright 2020 Batch Writer Ltd'], holders: ['Batch Writer Ltd'] },
  { name: "' comment", text: "' Copyright (c) 2003 Visual Basic Shop", copyrights: ['Copyright (c) 2003 Visual Basic Shop'], holders: ['Visual Basic Shop'] },
  { name: 'JSDoc block with @license', text: '/**\n * @license\n * Copyright 2019 Google LLC\n * SPDX-License-Identifier: BSD-3-Clause\n */', copyrights: ['Copyright 2019 Google LLC'], holders: ['Google LLC'] },
  { name: 'banner of a minified file', text: '/*! jQuery v3.6.0 | (c) OpenJS Foundation and other contributors | jquery.org/license */', copyrights: ['(c) OpenJS Foundation and other contributors jquery.org/license'], holders: ['OpenJS Foundation and other contributors'] },
  { name: 'a statement inside a string of code', text: "var COPYRIGHT = 'Copyright (c) 2020 Foo Corp.';", copyrights: ['Copyright (c) 2020 Foo Corp.'], holders: ['Foo Corp.'] },

  // ----- authors
  { name: '@author with an e-mail', text: ' * @author John Smith <john@example.test>', authors: ['John Smith <john@example.test>'] },
  { name: '@author with an e-mail first', text: '@author anatol@google.com (Anatol Pomazau)', authors: ['anatol@google.com (Anatol Pomazau)'] },
  { name: '@author then @version', text: '@author    Max Mustermann\n@version 1.0', authors: ['Max Mustermann'] },
  { name: 'Author: and Maintainer:', text: 'Author: Jane Doe\nMaintainer: John Roe <john@example.org>', authors: ['Jane Doe', 'John Roe <john@example.org>'] },
  { name: 'Authors: after a statement', text: 'Copyright (c) 2010 Patrick McHardy All rights reserved.\nAuthors:     Patrick McHardy <kaber@trash.net>', copyrights: ['Copyright (c) 2010 Patrick McHardy'], holders: ['Patrick McHardy'], authors: ['Patrick McHardy <kaber@trash.net>'] },
  { name: 'Written by', text: 'Written by Jean-loup Gailly and Mark Adler.', authors: ['Jean-loup Gailly and Mark Adler'] },
  { name: 'Written by after a statement, with a year', text: 'Copyright (C) 2005, 2006 Free Software Foundation, Inc.\nWritten by Gary V. Vaughan, 2004', copyrights: ['Copyright (c) 2005, 2006 Free Software Foundation, Inc.'], holders: ['Free Software Foundation, Inc.'], authors: ['Gary V. Vaughan'] },
  { name: 'Originally written by, Modified by', text: ' * Originally written by Jane Doe <jane@example.org>\n * Modified by John Roe', authors: ['Jane Doe <jane@example.org>', 'John Roe'] },
  { name: 'Contributors: on one line', text: 'Contributors: Jane Doe, John Roe', authors: ['Jane Doe, John Roe'] },
  { name: 'Contributors: then a list', text: 'Contributors:\n  Jane Doe <jane@example.org>\n  John Roe <john@example.org>', authors: ['Jane Doe <jane@example.org> John Roe <john@example.org>'] },
  { name: 'package.json author', text: '{\n  "name": "demo",\n  "author": "Jane Doe <jane@example.com> (https://jane.example.com)",\n  "license": "MIT"\n}', authors: ['Jane Doe <jane@example.com> (https://jane.example.com)'] },
  { name: 'developed by an organisation', text: 'This product includes software developed by the OpenSSL Project\nfor use in the OpenSSL Toolkit. (http://www.openssl.org/)', authors: ['the OpenSSL Project'] },

  // ----- junk: no statement
  { name: 'license prose: the above copyright notice', text: 'The above copyright notice and this permission notice shall be included in all copies.' },
  { name: 'license prose in capitals', text: 'THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"' },
  { name: 'license prose: authors or copyright holders', text: 'IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,' },
  { name: 'MIT template placeholders', text: 'Copyright (c) <year> <copyright holders>' },
  { name: 'Apache template placeholders', text: 'Copyright [yyyy] [name of copyright owner]' },
  { name: 'GNU template placeholders', text: 'Gnomovision version 69, Copyright (C) year name of author' },
  { name: 'gettext template in capitals', text: "Copyright (C) YEAR THE PACKAGE'S COPYRIGHT HOLDER" },
  { name: 'code template variables', text: 'Copyright (c) ${year} ${author}' },
  { name: 'moustache template variables', text: 'Copyright (c) {{ year }} {{ name }}' },
  { name: 'code: an assignment', text: 'const copyright = "Copyright (c) " + year + " " + owner;' },
  { name: 'code: a property', text: '  this.copyright = options.copyright;' },
  { name: 'code: a type', text: 'copyright: string;' },
  { name: 'code: a condition', text: 'if (copyright) { print(copyright); }' },
  { name: 'code: a call with c', text: 'return function (c) { return f(c) + g(c); };' },
  { name: 'a heading', text: 'Copyright and License' },
  { name: 'prose about copyright', text: 'The copyright of this work belongs to its authors.' },
  { name: 'copyright owner prose', text: 'Copyright owner: see the NOTICE file' },
  { name: 'a list item (c) in a license', text: '(c) You must cause any modified files to carry prominent notices' },
  { name: 'a sign in a string of characters', text: '"©st"' },
  { name: 'the word and a single name', text: 'Copyright Foo' },
  { name: 'a commit message naming its author', text: 'Update: copyright (Nicholas C. Zakas)' },
  { name: 'developed by an organisation noun alone', text: 'The Specification developed by the Project may transition to the W3C' },
  { name: 'created by a tool', text: '// created by webpack' },
];

void test(`copyright statements, holders and authors: ${CASES.length} cases`, () => {
  assert.ok(CASES.length >= 60);
  const failures: string[] = [];
  for (const c of CASES) {
    const lines = c.text.split('\n').map((text, index) => ({ text, line: index + 1 }));
    const found = findStatements(lines);
    const got = {
      copyrights: found.copyrights.map((e) => e.copyright),
      holders: found.holders.map((e) => e.holder),
      authors: found.authors.map((e) => e.author),
    };
    const want = { copyrights: c.copyrights ?? [], holders: c.holders ?? [], authors: c.authors ?? [] };
    try {
      assert.deepEqual(got, want);
    } catch {
      failures.push(`${c.name}:\n  got  ${JSON.stringify(got)}\n  want ${JSON.stringify(want)}`);
    }
  }
  assert.equal(failures.length, 0, failures.join('\n'));
});

void test('statements carry the lines they span', () => {
  const text = ['/*', ' * Copyright (c) 1990, 1993', ' *\tThe Regents of the University of California.', ' *', ' * @author Jane Doe', ' */'].join('\n');
  const found = findStatements(text.split('\n').map((line, index) => ({ text: line, line: index + 1 })));
  assert.deepEqual(found.copyrights.map((e) => [e.start_line, e.end_line]), [[2, 3]]);
  assert.deepEqual(found.holders.map((e) => [e.start_line, e.end_line]), [[3, 3]]);
  assert.deepEqual(found.authors.map((e) => [e.start_line, e.end_line]), [[5, 5]]);
});

void test('a gap between windows of a file ends a statement; line numbers are kept', () => {
  const found = findStatements([
    { text: 'Copyright (c) 2015', line: 10 },
    { text: 'Jane Doe', line: 40 },
  ]);
  assert.deepEqual(found.copyrights, [{ copyright: 'Copyright (c) 2015', start_line: 10, end_line: 10 }]);
  assert.deepEqual(found.holders, []);
});

void test('repeated headers give the same statements at their own lines', () => {
  const header = (at: number) => [
    { text: '/*!', line: at },
    { text: ' * Copyright(c) 2015 Douglas Christopher Wilson', line: at + 1 },
    { text: ' */', line: at + 2 },
  ];
  const first = findStatements(header(1));
  const again = findStatements(header(7));
  assert.deepEqual(first.copyrights, [{ copyright: 'Copyright (c) 2015 Douglas Christopher Wilson', start_line: 2, end_line: 2 }]);
  assert.deepEqual(again.copyrights, [{ copyright: 'Copyright (c) 2015 Douglas Christopher Wilson', start_line: 8, end_line: 8 }]);
});

void test('long lines (minified code) are examined around their marker only, in linear time', { timeout: 20_000 }, () => {
  const line = `${'x=1;'.repeat(50_000)}/* (c) 2020 Jane Doe */${'y=2;'.repeat(50_000)}`;
  const found = findStatements([{ text: line, line: 1 }]);
  assert.deepEqual(found.copyrights.map((e) => e.copyright), ['(c) 2020 Jane Doe']);
  // Decoration runs once made the comment stripper exponential; a run of stars must cost nothing.
  const stars = findStatements([{ text: `x ${'*'.repeat(5_000)} y Copyright 2020 Jane Doe`, line: 1 }]);
  assert.deepEqual(stars.holders.map((e) => e.holder), ['Jane Doe']);
});

void test('word classes', () => {
  const cases: [string, string][] = [
    ['Copyright', 'COPY'],
    ['(c)', 'COPY'],
    ['copyright.', 'JUNK'],
    ['SPDX-FileCopyrightText', 'COPY'],
    ['2009-2014,', 'YR'],
    ['2015-present', 'YR'],
    ['1999,2000', 'YR'],
    ['<tj@vision-media.ca>', 'EMAIL'],
    ['(https://sindresorhus.com)', 'URL'],
    ['Inc.', 'COMP'],
    ['GmbH', 'COMP'],
    ['foundation', 'NN'],
    ['contributors', 'AUTHS'],
    ['Holowaychuk', 'NNP'],
    ['jQuery', 'NNP'],
    ['J.', 'NNP'],
    ['notice', 'JUNK'],
    ['Will', 'NNP'],
    ['will', 'JUNK'],
    ['GetQueueReference', 'JUNK'],
    ['foo()', 'JUNK'],
    ['snake_case', 'JUNK'],
    ['odahcam', 'NN'],
  ];
  for (const [word, expected] of cases) assert.equal(classify(word, false), expected, word);
  assert.equal(classify('Author', true), 'AUTH');
  assert.equal(classify('Authors', false), 'AUTHS');
});

void test('line preparation', () => {
  assert.equal(prepareLine(' * Copyright (C) 2020 Foo */'), 'Copyright  (c)  2020 Foo');
  assert.equal(prepareLine('<!-- © 2020 Foo -->'), '(c)  2020 Foo');
  assert.equal(prepareLine('Copyright (c) <year> <copyright holders>').replace(/\s+/g, ' '), 'Copyright (c) PLACEHOLDER PLACEHOLDER');
  assert.equal(prepareLine('return f(c);'), 'return f(c);');
});
