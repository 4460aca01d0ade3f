import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import spdxFull from 'spdx-license-list/full.js';
import { getCorpus } from './corpus.js';
import { normalizeLicenseText } from './normalize.js';
import { DICE_THRESHOLD, matchLicenseText, prepareText, SCAN_THRESHOLD, similarity } from './text-match.js';

const require = createRequire(import.meta.url);
const DEPRECATED = new Set(require('spdx-license-ids/deprecated.json') as string[]);

/** Every current SPDX license (deprecated spellings share their texts with current ids). */
const LICENSES = Object.entries(spdxFull).filter(([id]) => !DEPRECATED.has(id) && !id.endsWith('+'));

/** Whether a match names `id` (or an id whose text is identical, e.g. GPL-2.0-or-later for GPL-2.0-only). */
function names(id: string, matched: string | undefined): boolean {
  if (!matched) return false;
  if (matched === id) return true;
  return getCorpus().licenses.some((license) => license.id === matched && license.sameText.includes(id));
}

/** Rewraps every paragraph at ten words a line, as a text reflowed by an editor. */
function reflow(text: string): string {
  return text.replace(/([^\n])\n(?!\n)/g, '$1 ').replace(/((?:\S+ ){9}\S+) /g, '$1\n');
}

const NEW_COPYRIGHT = 'Copyright (c) 2031 Example Holder <dev@example.test>';

/**
 * A copyright statement line: "Copyright", "(c)" or "©" opening it, but not license prose that happens to start
 * a line with the word ("copyright notices are retained unchanged", "Copyright Notice and License Terms").
 */
const STATEMENT_LINE = /^\W*(?:copyright|\(c\)|©)/i;
const PROSE_LINE = /^\W*copyright\s+(?:notices?|law|and|or|holders?|owners?|information|statement|protection|the|of|to|in|on|for|is|this|license|licence)\b/i;

/** The copyright statement of the first lines replaced by another holder's (or one added when there is none). */
function recopy(text: string): string {
  const lines = text.split('\n');
  const at = lines.slice(0, 8).findIndex((line) => STATEMENT_LINE.test(line) && !PROSE_LINE.test(line));
  if (at < 0) return `${NEW_COPYRIGHT}\n\n${text}`;
  lines[at] = NEW_COPYRIGHT;
  return lines.join('\n');
}

interface Rate {
  rate: number;
  /** Texts that matched nothing. */
  misses: string[];
  /** Texts that matched another license (not one with the same text). */
  confusions: string[];
}

const VARIANTS = { 'as published': (text: string) => text, reflowed: reflow, 'copyright replaced': recopy } as const;
const rates = new Map<keyof typeof VARIANTS, Rate>();

function rate(variant: keyof typeof VARIANTS): Rate {
  const known = rates.get(variant);
  if (known) return known;
  const misses: string[] = [];
  const confusions: string[] = [];
  for (const [id, info] of LICENSES) {
    const match = matchLicenseText(VARIANTS[variant](info.licenseText));
    if (!match) misses.push(id);
    else if (!names(id, match.license.id)) confusions.push(`${id}→${match.license.id}`);
  }
  const failed = misses.length + confusions.length;
  const result = { rate: (100 * (LICENSES.length - failed)) / LICENSES.length, misses, confusions };
  rates.set(variant, result);
  return result;
}

for (const variant of Object.keys(VARIANTS) as (keyof typeof VARIANTS)[]) {
  void test(`SPDX license texts detect as themselves at licensee's 98%: ${variant}`, (t) => {
    const { rate: found, misses, confusions } = rate(variant);
    t.diagnostic(`${variant}: ${found.toFixed(1)}% of ${LICENSES.length}; no match: ${misses.join(' ') || 'none'}; another license: ${confusions.join(' ') || 'none'}`);
    assert.ok(found >= 98, `${variant}: ${found.toFixed(1)}% < 98%`);
  });
}

void test('near-identical licenses are told apart in every variant', (t) => {
  // Pairs that differ by a clause, a sentence or a version: each text must name its own license.
  const families = [
    ['BSD-2-Clause', 'BSD-3-Clause', 'BSD-4-Clause', 'BSD-3-Clause-Clear', 'BSD-2-Clause-Patent', '0BSD'],
    ['MIT', 'MIT-0', 'X11', 'ISC', 'JSON', 'MIT-feh'],
    ['GPL-2.0-only', 'GPL-3.0-only', 'LGPL-2.1-only', 'LGPL-3.0-only', 'AGPL-3.0-only', 'LGPL-2.0-only'],
    ['Apache-1.0', 'Apache-1.1', 'Apache-2.0', 'ECL-2.0', 'Pixar'],
    ['MPL-1.0', 'MPL-1.1', 'MPL-2.0', 'MPL-2.0-no-copyleft-exception', 'EPL-1.0', 'EPL-2.0'],
    ['CC-BY-4.0', 'CC-BY-SA-4.0', 'CC-BY-NC-4.0', 'CC-BY-ND-4.0', 'CC0-1.0'],
  ];
  const corpus = getCorpus();
  for (const family of families) {
    for (const id of family) {
      for (const [variant, transform] of Object.entries(VARIANTS)) {
        const match = matchLicenseText(transform(spdxFull[id]?.licenseText as string));
        assert.ok(names(id, match?.license.id), `${id} (${variant}) detected as ${match?.license.id ?? 'nothing'}`);
      }
    }
  }
  // GPL-2.0-only and GPL-2.0-or-later share one text: the text alone cannot tell them apart (the notice can).
  const gpl = corpus.licenses.find((license) => license.id === 'GPL-2.0-only');
  assert.ok(gpl?.sameText.includes('GPL-2.0-or-later'));
  // Close calls: licenses whose text another license also matches at 98% or more (ranked apart by coverage).
  const close: string[] = [];
  for (const [id, info] of LICENSES) {
    const prepared = prepareText(info.licenseText);
    for (const other of corpus.licenses) {
      if (other.id === id || other.sameText.includes(id) || names(id, other.id)) continue;
      if (Math.abs(other.words.size - prepared.words.size) > prepared.words.size * 0.05) continue;
      if (similarity(other, prepared) >= DICE_THRESHOLD) close.push(`${id}~${other.id}`);
    }
  }
  t.diagnostic(`texts another license also matches at >= 98%: ${close.join(' ') || 'none'}`);
  for (const variant of Object.keys(VARIANTS) as (keyof typeof VARIANTS)[]) {
    assert.deepEqual(rate(variant).confusions, [], `${variant}: texts detected as another license`);
  }
});

void test('real-world variants: markdown, comments, quotes, British spelling, other holders', () => {
  const mit = spdxFull.MIT?.licenseText as string;
  const markdown = `# The MIT License (MIT)\n\n**Copyright © 2024 Jane Doe**\n\n${mit.split('\n').slice(3).join('\n').replace(/"/g, '“')}`;
  assert.equal(matchLicenseText(markdown)?.license.id, 'MIT');
  const commented = mit.split('\n').map((line) => ` * ${line}`).join('\n');
  assert.equal(matchLicenseText(`/*\n${commented}\n */`)?.license.id, 'MIT');
  const isc = (spdxFull.ISC?.licenseText as string).replace(/\bISC\b(?= (?:disclaims|be liable))/g, 'THE AUTHOR').replace('license', 'licence');
  assert.equal(matchLicenseText(isc)?.license.id, 'ISC');
});

void test('texts that are not a license, or only part of one, match nothing', () => {
  assert.equal(matchLicenseText('Copyright (c) 2024 Jane Doe'), null);
  assert.equal(matchLicenseText('export function add(a, b) { return a + b; }\n'.repeat(20)), null);
  const apache = spdxFull['Apache-2.0']?.licenseText as string;
  assert.equal(matchLicenseText(apache.slice(0, Math.floor(apache.length / 3))), null);
  // The scan's lower threshold (ScanCode's --license-score 90) still refuses a third of a license.
  assert.equal(matchLicenseText(apache.slice(0, Math.floor(apache.length / 3)), SCAN_THRESHOLD), null);
  assert.ok(DICE_THRESHOLD > SCAN_THRESHOLD);
});

void test('normalisation strips what licensee strips', () => {
  const normalized = normalizeLicenseText('The MIT License\n\nCopyright (c) 2020 X\n\n* Item one\n* Item two\n\nhttp://example.test & `quoted`', {
    titles: getCorpus().titles,
  });
  assert.equal(normalized, "item one item two https://example.test and 'quoted'");
  // Line breaks play no part: a title and a statement joined to the first sentence go all the same.
  const joined = normalizeLicenseText('MIT License Copyright (c) 2020 Jane Doe <jane@example.test> Permission is hereby granted, free of charge.', {
    titles: getCorpus().titles,
  });
  assert.equal(joined, 'permission is hereby granted, free of charge.');
  const statement = normalizeLicenseText('Copyright 1998-1999, The OpenLDAP Foundation. All Rights Reserved.\n\n1. Redistributions of source code', {});
  assert.equal(statement, 'redistributions of source code');
});
