import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseLicenseDbData } from './licensedb-build.js';
import {
  hashTokenIds,
  licenseDbDataPath,
  licenseDbIndexFreshness,
  loadLicenseDb,
  tokenize,
  tokenizeRule,
  writeLicenseDbIndex,
  type LicenseDb,
} from './licensedb-index.js';

const dir = mkdtempSync(join(tmpdir(), 'licensedb-'));
const index = join(dir, 'licensedb-index.bin');
const built = writeLicenseDbIndex({ index });
const db = loadLicenseDb({ index });
const raw = parseLicenseDbData(readFileSync(licenseDbDataPath()));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const words = (db: LicenseDb, i: number): string[] => [...(db.rules[i]?.tokens ?? [])].map((id) => db.dictionary[id] as string);
const rule = (identifier: string) => {
  const found = db.rules.find((r) => r.identifier === identifier);
  assert.ok(found, identifier);
  return found;
};

test('tokenises as ScanCode: lower-case words, `+` kept inside a word, punctuation and markup dropped', () => {
  assert.deepEqual(tokenize('GPL-2.0+ or C++'), ['gpl', '2', '0+', 'or', 'c+']);
  assert.deepEqual(tokenize('<p>Licensed&nbsp;under the <a href="x">MIT</a> license_file</p>'), ['licensed', 'under', 'the', 'x', 'mit', 'license', 'file']);
  assert.deepEqual(tokenize('Größe © 2020 Ünïcode'), ['größe', '2020', 'ünïcode']);
  assert.deepEqual(tokenizeRule('Licensed under the {{MIT License}}, see {{ }} LICENSE'), {
    words: ['licensed', 'under', 'the', 'mit', 'license', 'see', 'license'],
    required: [[3, 5]],
  });
});

test('the index holds every rule and every license text, in data order, with their tokens', () => {
  assert.equal(built.rules, 35_324 + 2_356);
  assert.equal(db.rules.length, 37_680);
  assert.equal(db.dataRules, 35_324);
  assert.equal(db.licenses.length, 2_356);
  assert.equal(db.source.dataLicense, 'CC-BY-4.0');
  assert.match(db.source.attribution, /nexB Inc/);
  // Every text round-trips: the stored ids spell the words the tokenizer gives for the raw text.
  raw.rules.forEach((r, i) => {
    assert.equal(db.rules[i]?.identifier, r.file);
    assert.deepEqual(words(db, i), tokenizeRule(r.text).words, r.file);
  });
  raw.licenses.forEach((license, i) => {
    const at = db.dataRules + i;
    assert.equal(db.rules[at]?.identifier, `${license.key}.LICENSE`);
    assert.equal(db.licenses[i]?.rule, at);
    assert.deepEqual(words(db, at), tokenize(license.text), license.key);
  });
  for (const r of db.rules) assert.equal(r.hash, hashTokenIds(r.tokens), r.identifier);
  assert.equal(db.tokens.length, db.ruleStarts[db.rules.length]);
});

test('rule attributes: kinds, relevance, coverage, continuity, required phrases, references, ignorables', () => {
  const kinds = new Map<string, number>();
  for (const r of db.rules.slice(0, db.dataRules)) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
  // The data's counts (README), plus the 4 rules whose front matter is read here (3 texts, 1 notice).
  assert.deepEqual(Object.fromEntries(kinds), { notice: 14_464, reference: 11_505, text: 4_165, tag: 3_657, intro: 166, clue: 100, 'false-positive': 1_267 });
  assert.equal(db.rules.filter((r) => r.isFalsePositive && r.licenseExpression === '').length, 1_267);
  assert.equal(db.rules.filter((r) => r.isContinuous).length, 3_863);

  const spdxRef = rule('389-exception_10.RULE');
  assert.deepEqual([spdxRef.licenseExpression, spdxRef.kind, spdxRef.relevance], ['389-exception', 'reference', 100]);
  assert.deepEqual(spdxRef.required, [[1, 3]]);
  assert.deepEqual(words(db, spdxRef.index).slice(1, 3), ['389', 'exception']);
  assert.deepEqual(spdxRef.ignorableUrls, ['https://spdx.org/licenses/389-exception']);

  const gplUrl = rule('gpl-2.0_12.RULE');
  assert.deepEqual(words(db, gplUrl.index), ['http', 'www', 'gnu', 'org', 'licenses', 'old', 'licenses', 'gpl', '2', '0', 'txt']);

  const withReference = db.rules.find((r) => r.referencedFilenames.length > 0);
  assert.ok(withReference);
  assert.equal(db.rules.filter((r) => r.referencedFilenames.length > 0).length, 3_449);
  const coverage = raw.rules.findIndex((r) => r.minimum_coverage === 80);
  assert.equal(db.rules[coverage]?.minimumCoverage, 80);
  const noRelevance = raw.rules.findIndex((r) => r.relevance === undefined);
  assert.equal(db.rules[noRelevance]?.relevance, null);

  const mit = rule('mit.LICENSE');
  assert.deepEqual([mit.licenseExpression, mit.kind, mit.isFromLicense, mit.relevance], ['mit', 'text', true, 100]);
  assert.deepEqual(words(db, mit.index).slice(0, 4), ['permission', 'is', 'hereby', 'granted']);

  // Rule files whose YAML front matter the export left in the text are read as ScanCode reads them.
  const crlf = rule('kfgqpc-uthmanic-script-hafs_1.RULE');
  assert.deepEqual([crlf.licenseExpression, crlf.kind, crlf.minimumCoverage], ['kfgqpc-uthmanic-script-hafs', 'text', 80]);
  assert.ok(!words(db, crlf.index).includes('expression'));
});

test('token ids run from the rarest word to the commonest, with their document frequencies', () => {
  for (let id = 1; id < db.dictionary.length; id++) assert.ok((db.docFreq[id] as number) >= (db.docFreq[id - 1] as number));
  assert.equal(db.dictionary[db.tokenId('license') as number], 'license');
  assert.equal(db.tokenId('no-such-word'), undefined);
  assert.ok((db.tokenId('license') as number) > (db.tokenId('sublicensable') as number));
});

test('the SPDX map: SPDX keys, LicenseRef-scancode-<key> otherwise, and back', () => {
  assert.equal(db.spdxOf('gpl-2.0-plus'), 'GPL-2.0-or-later');
  assert.equal(db.spdxOf('mit'), 'MIT');
  assert.equal(db.spdxOf('bsd-new'), 'BSD-3-Clause');
  // A deprecated key with no SPDX key of its own, and a key the data does not know.
  assert.equal(db.license('agpl-3.0-bacula')?.isDeprecated, true);
  assert.equal(db.spdxOf('agpl-3.0-bacula'), 'LicenseRef-scancode-agpl-3.0-bacula');
  assert.equal(db.spdxOf('not-a-key'), 'LicenseRef-scancode-not-a-key');
  assert.equal(db.keyOfSpdx('GPL-2.0-or-later'), 'gpl-2.0-plus');
  assert.equal(db.keyOfSpdx('gpl-2.0+'), 'gpl-2.0-plus');
  assert.equal(db.keyOfSpdx('Apache-2.0'), 'apache-2.0');
  assert.equal(db.keyOfSpdx('Nonexistent-1.0'), undefined);
  assert.equal(db.licenses.filter((l) => l.isDeprecated).length, 145);
});

test('a stale, foreign or missing index is detected, and the index is then built from the data file', () => {
  assert.equal(licenseDbIndexFreshness({ index }), 'fresh');
  assert.equal(licenseDbIndexFreshness({ index: join(dir, 'none.bin') }), 'missing');
  const garbage = join(dir, 'garbage.bin');
  writeFileSync(garbage, 'not an index');
  assert.equal(licenseDbIndexFreshness({ index: garbage }), 'unreadable');
  // Built by other code: the key in the header differs.
  const bytes = readFileSync(index);
  const at = bytes.indexOf('"key":"') + 7;
  const foreign = Buffer.from(bytes);
  foreign.write(bytes[at] === 0x30 ? '1' : '0', at, 'latin1');
  writeFileSync(join(dir, 'foreign.bin'), foreign);
  assert.equal(licenseDbIndexFreshness({ index: join(dir, 'foreign.bin') }), 'stale-code');
  // Built from other data: a newer LicenseDB dropped in without a rebuild.
  const newer = join(dir, 'newer.json.gz');
  writeFileSync(
    newer,
    gzipSync(
      JSON.stringify({
        data_license: 'CC-BY-4.0',
        licenses: [{ key: 'tiny', spdx_license_key: 'Tiny-1.0', text: 'Tiny license text' }],
        rules: [{ file: 'tiny_1.RULE', license_expression: 'tiny', is_license_reference: true, text: 'the {{tiny}} license' }],
      }),
    ),
  );
  assert.equal(licenseDbIndexFreshness({ index, data: newer }), 'stale-data');
  // The stale index is not used: the newer data is.
  const rebuilt = loadLicenseDb({ index, data: newer });
  assert.deepEqual(rebuilt.rules.map((r) => r.identifier), ['tiny_1.RULE', 'tiny.LICENSE']);
  assert.deepEqual(rebuilt.rules[0]?.required, [[1, 2]]);
  assert.equal(rebuilt.spdxOf('tiny'), 'Tiny-1.0');
  assert.throws(() => loadLicenseDb({ index: join(dir, 'none.bin'), data: join(dir, 'none.json.gz') }), /no data file .* npm run build/);
});

test('data that is not LicenseDB is refused with the reason', () => {
  assert.throws(() => parseLicenseDbData(Buffer.from('plain')), /not a gzipped JSON file/);
  assert.throws(() => parseLicenseDbData(gzipSync('{"licenses": []}')), /"licenses" and "rules" arrays/);
  assert.throws(() => parseLicenseDbData(gzipSync('{"licenses": [{"key": "x"}], "rules": []}')), /licenses\[0\]/);
});
