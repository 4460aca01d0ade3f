import { test } from 'node:test';
import assert from 'node:assert/strict';
import spdxFull from 'spdx-license-list/full.js';
import { makeContext, makeRepo } from '../../../test/support/fixtures.js';
import { agrees, askLicensecheck } from '../../../test/support/licensecheck.js';
import { hasTool, MEDIUM_TREE, npmTree } from '../../../test/support/npm-tree.js';
import { FsRepoView } from '../../lib/repo/repo-view.js';
import { scanTree, type ScancodeOutput } from '../../analysis/licenses/tree-scan.js';
import { checker } from './index.js';


void test('ScanCode 32 layout: files and directories, detections with lines, top-level detections with counts', async () => {
  const mit = (spdxFull.MIT?.licenseText as string).replace('<year> <copyright holders>', '2024 Jane Doe');
  const repo = await makeRepo({
    LICENSE: mit,
    'package.json': '{\n  "name": "demo",\n  "license": "MIT"\n}\n',
    'src/a.c': '// SPDX-License-Identifier: MIT\nint a;\n',
    'src/b.c': '// SPDX-License-Identifier: MIT\nint b;\n',
    'src/gpl.c': '/*\n * Copyright (C) 2020 Example Corp.\n *\n * This program is free software; you can redistribute it and/or modify it under the terms of the\n * GNU General Public License as published by the Free Software Foundation; either version 2 of the\n * License, or (at your option) any later version.\n */\n',
    'src/plain.js': 'export const x = 1;\n',
    'assets/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0]),
    'empty.txt': '',
  });
  try {
    const output = (await checker.run(makeContext(repo.view))) as unknown as ScancodeOutput;
    assert.deepEqual(
      output.files.map((f) => [f.path, f.type, f.detected_license_expression, f.detected_license_expression_spdx]),
      [
        ['demo', 'directory', null, null],
        ['demo/LICENSE', 'file', 'mit', 'MIT'],
        ['demo/assets', 'directory', null, null],
        ['demo/assets/logo.png', 'file', null, null],
        ['demo/empty.txt', 'file', null, null],
        ['demo/package.json', 'file', 'mit', 'MIT'],
        ['demo/src', 'directory', null, null],
        ['demo/src/a.c', 'file', 'mit', 'MIT'],
        ['demo/src/b.c', 'file', 'mit', 'MIT'],
        ['demo/src/gpl.c', 'file', 'gpl-2.0-plus', 'GPL-2.0-or-later'],
        ['demo/src/plain.js', 'file', null, null],
      ],
    );
    const gpl = output.files.find((f) => f.path === 'demo/src/gpl.c');
    const match = gpl?.license_detections[0]?.matches[0];
    assert.deepEqual([match?.start_line, match?.end_line, match?.matcher, match?.from_file], [4, 6, '2-aho', 'demo/src/gpl.c']);
    assert.deepEqual(gpl?.copyrights, [{ copyright: 'Copyright (c) 2020 Example Corp.', start_line: 2, end_line: 2 }]);
    assert.deepEqual(gpl?.holders, [{ holder: 'Example Corp.', start_line: 2, end_line: 2 }]);

    const tags = output.license_detections.find((d) => d.reference_matches[0]?.matcher === '1-spdx-id');
    assert.equal(tags?.detection_count, 2, 'the same tag in two files is one detection counted twice');
    assert.equal(tags?.license_expression, 'mit');
    assert.equal(tags?.reference_matches[0]?.from_file, 'demo/src/a.c');
    for (const file of output.files) {
      for (const key of ['license_detections', 'license_clues', 'copyrights', 'holders', 'authors', 'scan_errors'] as const) {
        assert.ok(Array.isArray(file[key]), `${file.path} ${key}`);
      }
    }
    const header = output.headers[0] as { tool_name: string; options: Record<string, unknown>; extra_data: { files_count: number } };
    assert.equal(header.tool_name, 'openchecker-scancode');
    assert.equal(header.options['--license-score'], 90);
    assert.equal(header.extra_data.files_count, 8);
  } finally {
    await repo.cleanup();
  }
});

void test('an empty repository scans to its root directory alone', async () => {
  const repo = await makeRepo({});
  try {
    const output = (await checker.run(makeContext(repo.view))) as unknown as ScancodeOutput;
    assert.deepEqual(output.files.map((f) => f.path), ['demo']);
    assert.deepEqual(output.license_detections, []);
  } finally {
    await repo.cleanup();
  }
});

void test('license_compatibility: files whose licenses conflict with the declared license (and license_conflicts, its alias)', async () => {
  const apache = spdxFull['Apache-2.0']?.licenseText as string;
  const repo = await makeRepo({
    LICENSE: apache,
    'src/mit.c': '// SPDX-License-Identifier: MIT\nint a;\n',
    'src/gpl.c': '// SPDX-License-Identifier: GPL-2.0-only\nint b;\n',
    'src/agpl.js': '// SPDX-License-Identifier: AGPL-3.0-or-later\nexport const c = 1;\n',
    'src/either.c': '// SPDX-License-Identifier: MIT OR GPL-2.0-only\nint d;\n',
  });
  try {
    const output = (await checker.run(makeContext(repo.view))) as unknown as ScancodeOutput & {
      license_compatibility: { project_license: string | null; conflicts: { file: string; license: string; project_license: string; reason: string }[] };
      license_conflicts: unknown[];
    };
    assert.equal(output.license_compatibility.project_license, 'Apache-2.0');
    assert.deepEqual(
      output.license_compatibility.conflicts.map((c) => [c.file, c.license, c.project_license]),
      [
        ['demo/src/agpl.js', 'AGPL-3.0-or-later', 'Apache-2.0'],
        ['demo/src/gpl.c', 'GPL-2.0-only', 'Apache-2.0'],
      ],
    );
    for (const c of output.license_compatibility.conflicts) assert.ok(c.reason.includes('copyleft'), c.reason);
    assert.deepEqual(output.license_conflicts, output.license_compatibility.conflicts);
  } finally {
    await repo.cleanup();
  }
  const bare = await makeRepo({ 'src/gpl.c': '// SPDX-License-Identifier: GPL-2.0-only\nint b;\n' });
  try {
    const output = (await checker.run(makeContext(bare.view))) as unknown as { license_compatibility: unknown; license_conflicts: unknown[] };
    assert.deepEqual(output.license_compatibility, { project_license: null, conflicts: [], unknown_licenses: [] }, 'no declared license: nothing to conflict with');
    assert.deepEqual(output.license_conflicts, []);
  } finally {
    await bare.cleanup();
  }
});

/** SPDX ids of a licensecheck (`--shortname-scheme=spdx`) or SPDX expression, with `+`/`-or-later` folded. */
void test('agrees with licensecheck where both name a license, on a real node_modules tree', { timeout: 300_000 }, async (t) => {
  if (!hasTool('licensecheck')) {
    t.skip('licensecheck (Debian licensecheck) not installed');
    return;
  }
  const tree = await npmTree(MEDIUM_TREE);
  const view = new FsRepoView(tree.nodeModules, 'node_modules');
  const output = await scanTree(view, new AbortController().signal);
  const ours = new Map(
    output.files.filter((f) => f.type === 'file').map((f) => [f.path.slice('node_modules/'.length), f.detected_license_expression_spdx]),
  );
  // licensecheck reads ~40 files/s here: it is asked (with --check .*, as explicit files are otherwise filtered
  // by its default name pattern) about the files we name a license for and every file
  // named like a license file (where it is most likely to name one), which is where both can agree or not.
  const asked = [...ours].filter(([path, expression]) => expression !== null || /licen[cs]e|copying|readme/i.test(path)).map(([path]) => path);
  const answers = await askLicensecheck(tree.nodeModules, asked);
  let both = 0;
  let agreed = 0;
  let onlyTheirs = 0;
  const disagreements: string[] = [];
  for (const path of asked) {
    const mine = ours.get(path) ?? null;
    const theirs = answers.get(path);
    const theyName = theirs !== undefined;
    if (mine && theyName) {
      both++;
      if (agrees(mine, theirs)) agreed++;
      else disagreements.push(`${path}: licensecheck ${theirs}, ours ${mine}`);
    } else if (theyName) onlyTheirs++;
  }
  const rate = (100 * agreed) / Math.max(1, both);
  t.diagnostic(`agreement with licensecheck where both name a license: ${rate.toFixed(1)}% of ${both} files; licensecheck alone names ${onlyTheirs} of the ${asked.length} files asked`);
  for (const line of disagreements) t.diagnostic(`disagreement (see docs/compatibility.md): ${line}`);
  assert.ok(both > 300, `only ${both} files named by both`);
  assert.ok(rate >= 90, `${rate.toFixed(1)}% < 90%`);
});
