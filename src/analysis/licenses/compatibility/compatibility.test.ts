import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LicenseeResult } from '../project.js';
import { evaluate } from './evaluate.js';
import { licenseCompatibility, projectLicenseOf } from './index.js';
import { CATEGORIES, TABLE, validateTable } from './table.js';

/** [inbound (a file's license), outbound (the project's license), conflict expected, why]. */
const PAIRS: readonly [string, string, boolean, string][] = [
  // permissive code anywhere, except where the GPL version does not fit
  ['MIT', 'Apache-2.0', false, 'permissive into permissive'],
  ['BSD-3-Clause', 'GPL-2.0-only', false, 'modified BSD is GPL-compatible'],
  ['ISC', 'AGPL-3.0-only', false, 'permissive into network copyleft'],
  ['Apache-2.0', 'GPL-2.0-only', true, 'Apache-2.0 is not GPLv2-compatible (FSF, ASF)'],
  ['Apache-2.0', 'GPL-3.0-or-later', false, 'Apache-2.0 is GPLv3-compatible'],
  ['Apache-2.0', 'GPL-2.0-or-later', false, 'the combination can be GPLv3'],
  ['Apache-2.0', 'LGPL-2.1-only', false, 'a weak-copyleft project takes permissive code'],
  ['BSD-4-Clause', 'GPL-3.0-only', true, 'the advertising clause'],
  ['BSD-4-Clause', 'MIT', false, 'permissive into permissive'],
  ['OpenSSL', 'GPL-2.0-or-later', true, 'the OpenSSL license is GPL-incompatible'],
  ['CC0-1.0', 'GPL-2.0-only', false, 'public domain dedication'],
  ['0BSD', 'GPL-3.0-only', false, 'public-domain-like'],
  // weak copyleft
  ['LGPL-2.1-only', 'MIT', false, 'library copyleft in a permissive project'],
  ['MPL-2.0', 'Apache-2.0', false, 'file-level copyleft in a permissive project'],
  ['MPL-2.0', 'GPL-2.0-only', false, 'MPL-2.0 names GPL-2.0 a Secondary License'],
  ['MPL-1.1', 'GPL-2.0-only', true, 'MPL-1.1 is GPL-incompatible'],
  ['EPL-1.0', 'GPL-3.0-only', true, 'EPL is GPL-incompatible'],
  ['CDDL-1.0', 'GPL-2.0-only', true, 'CDDL is GPL-incompatible'],
  ['LGPL-3.0-only', 'GPL-2.0-only', true, 'LGPLv3 is GPLv3 plus permissions'],
  ['LGPL-2.1-or-later', 'GPL-3.0-only', false, 'LGPLv2.1 converts to GPL v2 or later'],
  ['EPL-2.0', 'MPL-2.0', false, 'two file-level copylefts'],
  // strong copyleft
  ['GPL-2.0-only', 'Apache-2.0', true, 'the example of the issue'],
  ['GPL-3.0-or-later', 'MIT', true, 'GPL code in a permissive project'],
  ['GPL-2.0-only', 'LGPL-2.1-only', true, 'GPL code makes the library GPL'],
  ['GPL-2.0-only', 'GPL-3.0-only', true, 'GPLv2-only and GPLv3 do not mix (FSF)'],
  ['GPL-3.0-only', 'GPL-2.0-only', true, 'nor the other way'],
  ['GPL-2.0-or-later', 'GPL-3.0-only', false, 'or-later can be taken as v3'],
  ['GPL-2.0-or-later', 'GPL-2.0-only', false, 'or-later can be taken as v2'],
  ['GPL-2.0+', 'GPL-3.0-only', false, 'the deprecated + form'],
  ['GPL-2.0', 'GPL-2.0-only', false, 'the deprecated id is the same license'],
  ['GPL-3.0-only', 'EUPL-1.2', true, 'two different copylefts'],
  ['EUPL-1.2', 'GPL-3.0-only', false, "EUPL-1.2's appendix lists GPL-3.0"],
  ['EUPL-1.1', 'GPL-3.0-only', true, "EUPL-1.1's appendix lists GPL-2.0 only"],
  ['CC-BY-SA-4.0', 'GPL-3.0-or-later', false, 'one-way compatible with GPLv3'],
  ['CC-BY-SA-4.0', 'MIT', true, 'share-alike content in a permissive project'],
  ['OSL-3.0', 'GPL-3.0-only', true, 'OSL is GPL-incompatible'],
  // network copyleft
  ['AGPL-3.0-only', 'MIT', true, 'AGPL in a permissive project'],
  ['AGPL-3.0-or-later', 'Apache-2.0', true, 'AGPL in a permissive project'],
  ['AGPL-3.0-only', 'GPL-3.0-only', false, 'section 13 of GPLv3'],
  ['AGPL-3.0-only', 'GPL-2.0-only', true, 'AGPLv3 needs GPLv3'],
  ['GPL-3.0-only', 'AGPL-3.0-or-later', false, 'section 13 of AGPLv3'],
  ['AGPL-3.0-only', 'LGPL-3.0-only', true, 'AGPL in a weak-copyleft project'],
  // restricted
  ['CC-BY-NC-4.0', 'MIT', true, 'non-commercial'],
  ['CC-BY-ND-4.0', 'GPL-3.0-only', true, 'no derivatives'],
  ['SSPL-1.0', 'Apache-2.0', true, 'source-available'],
  ['BUSL-1.1', 'MIT', true, 'source-available'],
  ['JSON', 'MIT', true, 'a field-of-use restriction'],
  ['LicenseRef-scancode-proprietary-license', 'BSD-3-Clause', true, 'proprietary'],
  ['MIT', 'LicenseRef-scancode-proprietary-license', false, 'permissive code in a proprietary project'],
  ['GPL-2.0-only', 'LicenseRef-scancode-proprietary-license', true, 'GPL code in a proprietary project'],
  // separate works
  ['OFL-1.1', 'GPL-3.0-only', false, 'fonts may be bundled with any software'],
  ['GFDL-1.3-or-later', 'MIT', false, 'a manual is a separate work'],
  // WITH exceptions
  ['GPL-2.0-only WITH Classpath-exception-2.0', 'Apache-2.0', false, 'the Classpath exception permits linking'],
  ['GPL-2.0-with-classpath-exception', 'MIT', false, 'the deprecated id of the same'],
  ['GPL-3.0-or-later WITH GCC-exception-3.1', 'MIT', false, 'the GCC runtime library exception'],
  ['GPL-2.0-only WITH Classpath-exception-2.0', 'GPL-3.0-only', true, 'still GPLv2-only towards a GPLv3 project'],
  ['Apache-2.0 WITH LLVM-exception', 'GPL-2.0-only', false, 'the LLVM exception allows GPLv2'],
  ['GPL-3.0-or-later WITH Autoconf-exception-3.0', 'Apache-2.0', false, 'generated configure scripts'],
  // OR and AND
  ['MIT OR GPL-2.0-only', 'Apache-2.0', false, 'an inbound choice: MIT will do'],
  ['GPL-2.0-only OR GPL-3.0-only', 'MIT', true, 'no alternative fits'],
  ['MIT AND GPL-3.0-only', 'MIT', true, 'every part of a conjunction must fit'],
  ['(MIT OR Apache-2.0) AND BSD-3-Clause', 'ISC', false, 'nested'],
  ['GPL-3.0-only', 'MIT OR Apache-2.0', true, 'a project that offers a choice must honour each alternative'],
  ['Apache-2.0', 'GPL-2.0-only OR MIT', true, 'the GPL-2.0 alternative cannot take Apache-2.0'],
  ['Apache-2.0', 'MIT OR Apache-2.0', false, 'both alternatives take it'],
  ['GPL-2.0-only', 'MIT AND GPL-2.0-only', false, 'a project under several licenses: the code may be in its GPL part'],
];

void test(`compatibility table: ${PAIRS.length} inbound/outbound pairs`, () => {
  const failures: string[] = [];
  for (const [inbound, outbound, expected, why] of PAIRS) {
    const verdict = evaluate(inbound, outbound);
    if ((verdict.conflict !== null) !== expected) failures.push(`${inbound} in a ${outbound} project (${why}): ${verdict.conflict?.reason ?? 'no conflict'}`);
    if (verdict.conflict) {
      assert.ok(verdict.conflict.reason.length > 20, inbound);
      assert.ok(verdict.conflict.sources.every((source) => source.startsWith('https://')), `${inbound}: sources are addresses`);
    }
  }
  assert.deepEqual(failures, []);
});

void test('a conflict says why and cites the table', () => {
  const verdict = evaluate('GPL-2.0-only', 'Apache-2.0');
  assert.match(verdict.conflict?.reason ?? '', /GPL-2\.0-only is strong copyleft.*Apache-2\.0 \(permissive\)/);
  assert.ok(verdict.conflict?.sources.includes('https://www.gnu.org/licenses/gpl-faq.html'));
  const apache = evaluate('Apache-2.0', 'GPL-2.0-only');
  assert.match(apache.conflict?.reason ?? '', /GPLv3 only, and GPL-2\.0-only is GPLv2/);
  assert.ok(apache.conflict?.sources.includes('https://www.apache.org/licenses/GPL-compatibility.html'));
});

void test('licenses the table does not know are listed, not judged', () => {
  assert.deepEqual(evaluate('LicenseRef-scancode-some-unknown', 'MIT'), { conflict: null, unknown: ['LicenseRef-scancode-some-unknown'] });
  assert.deepEqual(evaluate('MIT', 'LicenseRef-custom'), { conflict: null, unknown: ['LicenseRef-custom'] });
});

void test('the table: every category described, every license with a known category and cited sources', () => {
  for (const category of CATEGORIES) assert.ok(TABLE.categories[category].length > 20, category);
  assert.ok(TABLE.licenses.size >= 150);
  for (const [id, entry] of TABLE.licenses) {
    assert.ok(CATEGORIES.includes(entry.category), id);
    assert.ok(entry.sources.length > 0 && entry.sources.every((source) => TABLE.sources[source]?.url.startsWith('https://')), id);
    if (entry.gpl) assert.deepEqual([...entry.gpl_compatible].sort(), [...entry.gpl].sort(), `${id}: a GPL version joins its own versions`);
  }
  for (const [id, target] of TABLE.deprecated) assert.ok(TABLE.licenses.has(target.split(' WITH ')[0] as string), `${id} -> ${target}`);
  for (const category of ['permissive', 'weak-copyleft', 'strong-copyleft', 'network-copyleft', 'restricted'] as const) {
    assert.ok([...TABLE.licenses.values()].some((entry) => entry.category === category), category);
  }
});

void test('a table with a mistake is refused when loaded', () => {
  const base = { sources: { s: { title: 't', url: 'https://example.org' } }, categories: Object.fromEntries(CATEGORIES.map((c) => [c, 'described'])), exceptions: {}, deprecated_ids: {} };
  assert.throws(() => validateTable({ ...base, licenses: { X: { category: 'lax', sources: ['s'] } } }), /unknown category lax/);
  assert.throws(() => validateTable({ ...base, licenses: { X: { category: 'permissive', gpl_compatible: [4], sources: ['s'] } } }), /GPL version 4/);
  assert.throws(() => validateTable({ ...base, licenses: { X: { category: 'permissive', sources: ['nowhere'] } } }), /unknown source nowhere/);
  assert.throws(() => validateTable({ ...base, licenses: {}, exceptions: { E: { effect: 'magic', sources: ['s'] } } }), /unknown effect magic/);
});

const licensee = (license: string | null, matched: { filename: string; matched_license: string; license_expression?: string }[]): LicenseeResult => ({
  licenses: [],
  license,
  matched_files: matched.map((file) => ({ content_hash: null, matcher: { name: 'exact', confidence: 100 }, attribution: null, ...file })),
});

void test("the project license: licensee's answer as an SPDX expression", () => {
  assert.equal(projectLicenseOf(licensee('MIT', [{ filename: 'LICENSE', matched_license: 'MIT' }])), 'MIT');
  assert.equal(projectLicenseOf(licensee('GPL-2.0', [{ filename: 'COPYING', matched_license: 'GPL-2.0' }])), 'GPL-2.0-only');
  assert.equal(projectLicenseOf(licensee(null, [])), null);
  assert.equal(projectLicenseOf(licensee('NONE', [])), null);
  // LICENSE-MIT, LICENSE-APACHE and Cargo.toml's "MIT OR Apache-2.0": the manifest's expression.
  const dual = licensee('NOASSERTION', [
    { filename: 'LICENSE-APACHE', matched_license: 'Apache-2.0' },
    { filename: 'LICENSE-MIT', matched_license: 'MIT' },
    { filename: 'Cargo.toml', matched_license: 'NOASSERTION', license_expression: 'MIT OR Apache-2.0' },
  ]);
  assert.equal(projectLicenseOf(dual), 'MIT OR Apache-2.0');
  // Files that really disagree: no project license.
  const split = licensee('NOASSERTION', [
    { filename: 'LICENSE', matched_license: 'GPL-3.0' },
    { filename: 'package.json', matched_license: 'NOASSERTION', license_expression: 'MIT OR Apache-2.0' },
  ]);
  assert.equal(projectLicenseOf(split), null);
  assert.equal(projectLicenseOf(licensee('NOASSERTION', [{ filename: 'LICENSE', matched_license: 'MIT' }, { filename: 'COPYING', matched_license: 'GPL-2.0' }])), null);
});

void test('conflicts over the files of a scan', () => {
  const files = [
    { path: 'demo', type: 'directory' as const, detected_license_expression_spdx: null },
    { path: 'demo/LICENSE', type: 'file' as const, detected_license_expression_spdx: 'Apache-2.0' },
    { path: 'demo/src/a.c', type: 'file' as const, detected_license_expression_spdx: 'MIT' },
    { path: 'demo/src/gpl.c', type: 'file' as const, detected_license_expression_spdx: 'GPL-2.0-only' },
    { path: 'demo/src/gpl2.c', type: 'file' as const, detected_license_expression_spdx: 'GPL-2.0-only' },
    { path: 'demo/src/odd.c', type: 'file' as const, detected_license_expression_spdx: 'LicenseRef-scancode-odd' },
    { path: 'demo/src/none.c', type: 'file' as const, detected_license_expression_spdx: null },
  ];
  const result = licenseCompatibility(files, 'Apache-2.0');
  assert.equal(result.project_license, 'Apache-2.0');
  assert.deepEqual(result.conflicts.map((c) => [c.file, c.license, c.project_license]), [
    ['demo/src/gpl.c', 'GPL-2.0-only', 'Apache-2.0'],
    ['demo/src/gpl2.c', 'GPL-2.0-only', 'Apache-2.0'],
  ]);
  assert.match(result.conflicts[0]?.reason ?? '', /strong copyleft/);
  assert.deepEqual(result.unknown_licenses, ['LicenseRef-scancode-odd']);
  assert.deepEqual(licenseCompatibility(files, null), { project_license: null, conflicts: [], unknown_licenses: [] });
});
