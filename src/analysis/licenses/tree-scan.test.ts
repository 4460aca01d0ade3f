import { test } from 'node:test';
import assert from 'node:assert/strict';
import spdxFull from 'spdx-license-list/full.js';
import { makeRepo } from '../../../test/support/fixtures.js';
import { scanTree } from './tree-scan.js';

void test('"see LICENSE" takes the license of the file it names: beside it, else at the root; unresolved otherwise', async () => {
  const mit = (spdxFull.MIT?.licenseText as string).replace('<year> <copyright holders>', '2024 Jane Doe');
  const repo = await makeRepo({
    LICENSE: mit,
    'src/a.js': '// See LICENSE for details.\nexport const a = 1;\n',
    'vendor/lib/LICENSE': spdxFull.ISC?.licenseText as string,
    'vendor/lib/b.js': '// See LICENSE for details.\nexport const b = 1;\n',
    'other/c.js': '// For licencing details, see COPYING.\nexport const c = 1;\n',
  });
  try {
    const output = await scanTree(repo.view, new AbortController().signal);
    const file = (path: string) => output.files.find((f) => f.path === `${repo.view.name}/${path}`);
    const a = file('src/a.js');
    assert.equal(a?.detected_license_expression, 'mit');
    assert.deepEqual(a?.license_detections[0]?.detection_log, ['unknown-reference-to-local-file']);
    assert.deepEqual(
      a?.license_detections[0]?.matches.map((m) => [m.license_expression, m.from_file]),
      [
        ['unknown-license-reference', `${repo.view.name}/src/a.js`],
        ...(file('LICENSE')?.license_detections.flatMap((d) => d.matches.map((m) => [m.license_expression, m.from_file])) ?? []),
      ],
    );
    assert.equal(file('vendor/lib/b.js')?.detected_license_expression, 'isc');
    // No COPYING anywhere: the reference stays what it is.
    assert.equal(file('other/c.js')?.detected_license_expression, 'unknown-license-reference');
    for (const f of output.files) for (const d of f.license_detections) assert.equal('referenced_filenames' in d, false, `${f.path} keeps an internal field`);
  } finally {
    await repo.cleanup();
  }
});
