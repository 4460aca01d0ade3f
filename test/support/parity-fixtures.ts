/**
 * Fixture repositories for the result cache's parity test (test/result-cache-parity.test.ts): small projects
 * with what the cached analyses look at. License texts (one of them also under a name that does not make it a
 * license file), sources in several languages, the same file twice in the tree, an empty file, binaries,
 * lockfiles with packages the test's offline OSV records name, workflows, a vendored copy of a library with its
 * own license. Every file is written here; nothing is copied from a public repository.
 */
import spdxFull from 'spdx-license-list/full.js';

/** The MIT License as SPDX publishes it, with a holder (spdx-license-list, as the other fixtures use it). */
export const MIT_TEXT = `${(spdxFull.MIT?.licenseText as string).replace('<year> <copyright holders>', '2025 Parity Test Authors')}\n`;

const APACHE_NOTICE = `Copyright 2024 Example Strutil Contributors

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.
`;

const BSD_HEADER = `/*
 * Copyright (c) 2023, Jane Example <jane@example.test>
 * SPDX-License-Identifier: BSD-3-Clause
 */
`;

const UTIL_JS = `// SPDX-License-Identifier: MIT
// Copyright 2025 Parity Test Authors
'use strict';

function pad(text, width) {
  let out = String(text);
  while (out.length < width) out = ' ' + out;
  return out;
}

function chunk(list, size) {
  const chunks = [];
  for (let i = 0; i < list.length; i += size) chunks.push(list.slice(i, i + size));
  return chunks;
}

module.exports = { pad, chunk };
`;

const STRUTIL_GO = `// Copyright 2024 Example Strutil Contributors
// SPDX-License-Identifier: Apache-2.0

package strutil

import "strings"

// Reverse returns s with its runes in reverse order.
func Reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

// Words splits s on white space.
func Words(s string) []string {
	return strings.Fields(s)
}
`;

const FUZZ_GO = `package strutil

import "testing"

func FuzzReverse(f *testing.F) {
	f.Add("hello")
	f.Fuzz(func(t *testing.T, s string) {
		if Reverse(Reverse(s)) != s {
			t.Fatalf("round trip of %q", s)
		}
	})
}
`;

const WORKFLOW_CI = `name: CI
on:
  pull_request_target:
  push:
    branches: [main]
permissions: write-all
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - uses: actions/setup-node@1a4442cacd436585916779262731d5b162bc6ec7
      - run: echo "\${{ github.event.pull_request.title }}"
      - run: curl -sSL https://example.invalid/install.sh | bash
      - run: npm ci && npm test
  codeql:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      security-events: write
    steps:
      - uses: actions/checkout@v4
      - uses: github/codeql-action/init@v3
      - uses: github/codeql-action/analyze@v3
`;

const WORKFLOW_RELEASE = `name: Release
on:
  release:
    types: [published]
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

const PACKAGE_JSON = JSON.stringify(
  { name: 'parity-app', version: '2.0.1', description: 'Parity fixture', license: 'MIT', main: 'src/util.js', dependencies: { 'ansi-html': '0.0.7', lodash: '4.17.21' } },
  null,
  2,
);

const PACKAGE_LOCK = JSON.stringify(
  {
    name: 'parity-app',
    version: '2.0.1',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'parity-app', version: '2.0.1', license: 'MIT', dependencies: { 'ansi-html': '0.0.7', lodash: '4.17.21' } },
      'node_modules/ansi-html': { version: '0.0.7', resolved: 'https://registry.example/ansi-html/-/ansi-html-0.0.7.tgz', license: 'Apache-2.0' },
      'node_modules/lodash': { version: '4.17.21', resolved: 'https://registry.example/lodash/-/lodash-4.17.21.tgz', license: 'MIT' },
    },
  },
  null,
  2,
);

/** A few bytes that sniff as an ELF executable, and a PNG image, and a Java class. */
function elf(seed: number): Buffer {
  const bytes = Buffer.alloc(512);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(bytes);
  for (let i = 16; i < bytes.length; i++) bytes[i] = (i * 31 + seed) & 0xff;
  return bytes;
}
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const CLASS = Buffer.concat([Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52]), Buffer.alloc(64, 3)]);

/** The main fixture: an application with a vendored Go library and its own license files. */
export function appFiles(): Record<string, string | Buffer> {
  return {
    'README.md': '# Parity app\n\nA fixture.\n\n## Install\n\nRun `npm ci`.\n\n## License\n\nMIT, see LICENSE.\n',
    LICENSE: MIT_TEXT,
    // The same bytes under a name that does not make them a license file.
    'docs/legal/mit.txt': MIT_TEXT,
    // A name that makes a file a license file, holding a notice.
    'LICENSE-THIRD-PARTY': `Third-party notices\n\nstrutil:\n${APACHE_NOTICE}`,
    'COPYING.md': 'This project is distributed under the MIT license; see LICENSE.\n',
    'README.OpenSource': `${JSON.stringify([{ Name: 'strutil', License: 'Apache-2.0', 'License File': 'vendor/github.com/example/strutil/LICENSE', 'Version Number': '1.4.0', Owner: 'jane@example.test', 'Upstream URL': 'https://forge.example/strutil', Description: 'String helpers' }], null, 2)}\n`,
    'SECURITY.md': '# Security policy\n\nReport vulnerabilities to security@example.test. We answer within 7 days.\n',
    MAINTAINERS: 'Jane Example <jane@example.test>\n',
    'CHANGELOG.md': '# Changes\n\n## 2.0.1\n\n- Fixed padding.\n\n## 2.0.0 (end of life: 2026-01-01)\n',
    'package.json': `${PACKAGE_JSON}\n`,
    'package-lock.json': `${PACKAGE_LOCK}\n`,
    'requirements.txt': 'pandas==1.0.0\nrequests>=2.0\n',
    Dockerfile: 'FROM node:20\nRUN npm install -g left-pad\nCOPY . /app\nCMD ["node", "/app/src/util.js"]\n',
    '.github/workflows/ci.yml': WORKFLOW_CI,
    '.github/workflows/release.yml': WORKFLOW_RELEASE,
    '.github/dependabot.yml': 'version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    schedule:\n      interval: weekly\n',
    'src/util.js': UTIL_JS,
    // The same file twice in one tree.
    'lib/util.js': UTIL_JS,
    'src/main.py': `${'# Copyright 2025 Parity Test Authors\n'}import sys\n\n\ndef main(argv):\n    for arg in argv[1:]:\n        print(arg.upper())\n    return 0\n\n\nif __name__ == "__main__":\n    sys.exit(main(sys.argv))\n`,
    'src/__init__.py': '',
    'src/native/sum.c': `${BSD_HEADER}#include <stdio.h>\n\nint sum(const int *v, int n) {\n  int s = 0;\n  for (int i = 0; i < n; i++) s += v[i];\n  return s;\n}\n`,
    'src/native/sum.h': `${BSD_HEADER}int sum(const int *v, int n);\n`,
    'src/App.java': 'package app;\n\n/** Entry point. */\npublic class App {\n  public static void main(String[] args) {\n    System.out.println("hi");\n  }\n}\n',
    'src/lib.rs': '//! Parity crate.\n\npub fn add(a: i32, b: i32) -> i32 {\n    a + b\n}\n',
    'web/index.html': '<!doctype html>\n<html><head><title>Parity</title></head><body><script src="app.js"></script></body></html>\n',
    'web/app.ts': 'export const greet = (name: string): string => `hello ${name}`;\n',
    'vendor/github.com/example/strutil/LICENSE': APACHE_NOTICE,
    'vendor/github.com/example/strutil/strutil.go': STRUTIL_GO,
    'vendor/github.com/example/strutil/fuzz_test.go': FUZZ_GO,
    'bin/tool': elf(1),
    'assets/logo.png': PNG,
    'build/App.class': CLASS,
    'empty.txt': '',
  };
}

/**
 * A second project that vendors the app's files under other paths and names (and has a few of its own): the
 * same blobs, so its facts are hits, while its own results must still be its own.
 */
export function vendoringFiles(): Record<string, string | Buffer> {
  const app = appFiles();
  const files: Record<string, string | Buffer> = {
    'README.md': '# Consumer\n\nUses a vendored copy of parity-app.\n',
    'LICENSE.txt': app.LICENSE as string,
    'main.go': 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("consumer")\n}\n',
    'go.mod': 'module example.test/consumer\n\ngo 1.22\n',
  };
  for (const [path, content] of Object.entries(app)) {
    if (path.startsWith('.github/')) continue;
    // Other folder, and some files under other names.
    const renamed = path.replace(/^src\/util\.js$/, 'src/helpers.js').replace(/^LICENSE$/, 'COPYING').replace(/^bin\/tool$/, 'bin/tool-copy');
    files[`third_party/parity-app/${renamed}`] = content;
  }
  return files;
}
