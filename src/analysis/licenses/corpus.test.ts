import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { buildCorpus, corpusKey, getCorpus, precomputedCorpusPaths } from './corpus.js';
import { buildTitleBuckets, TitleMatcher } from './normalize.js';

void test('the corpus stored by the build step holds what the normaliser makes now', (t) => {
  if (corpusKey() === null) {
    t.skip('running from sources (tsx): there is no compiled corpus; the corpus is built in the process');
    return;
  }
  if (!existsSync(precomputedCorpusPaths().index)) {
    t.skip('no stored corpus: run `npm run build` (scripts/build-license-corpus.mjs)');
    return;
  }
  const loaded = getCorpus().licenses.map((l) => ({ id: l.id, normalized: l.normalized, wordCount: l.wordCount, fields: l.fields, sameText: l.sameText }));
  const built = buildCorpus().entries.map((e) => ({ id: e.id, normalized: e.normalized, wordCount: e.wordCount, fields: e.fields, sameText: e.sameText }));
  assert.equal(loaded.length, built.length);
  assert.deepEqual(loaded, built);
  assert.ok(getCorpus().licenses.every((l) => l.words.size === l.wordCount));
});

void test('titles are found by their first word, longest first, whole words only', () => {
  const titles = new TitleMatcher(
    buildTitleBuckets([
      { id: 'MIT', name: 'MIT License' },
      { id: 'MIT-0', name: 'MIT No Attribution' },
      { id: 'GPL-3.0-only', name: 'GNU General Public License v3.0 only' },
      { id: 'Apache-2.0', name: 'Apache License 2.0' },
    ]),
  );
  assert.equal(titles.exec('MIT License Copyright (c) 2020')?.[0], 'MIT License');
  assert.equal(titles.exec('The MIT License (MIT) Permission')?.[0], 'The MIT License');
  assert.equal(titles.exec('MIT No Attribution Copyright')?.[0], 'MIT No Attribution');
  assert.equal(titles.exec('"MIT License": text')?.[0], '"MIT License":');
  assert.equal(titles.exec('General Public License, version 3.0 only'.toLowerCase())?.[0], 'general public license, version 3.0 only');
  assert.equal(titles.exec('GNU General Public License v3.0 only')?.[0], 'GNU General Public License v3.0 only');
  assert.equal(titles.exec('Apache License, Version 2.0 January 2004')?.[0], 'Apache License, Version 2.0');
  assert.equal(titles.exec('MITRE Corporation'), null);
  assert.equal(titles.exec('Permission is hereby granted'), null);
  assert.equal(titles.exec(''), null);
});
