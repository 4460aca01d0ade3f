import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateReadmeOpenSource, MESSAGES, pickManifest } from './evaluate.js';

const entry = {
  Name: 'zlib',
  License: 'Zlib',
  'License File': 'LICENSE',
  'Version Number': '1.3.1',
  Owner: 'someone@example.com',
  'Upstream URL': 'https://github.com/madler/zlib',
  Description: 'A compression library',
};

void test('evaluateReadmeOpenSource', () => {
  const { Owner: _owner, ...withoutOwner } = entry;
  const cases: [string, string, string | null][] = [
    ['one complete entry', JSON.stringify([entry]), null],
    ['several complete entries', JSON.stringify([entry, { ...entry, Name: 'b', Extra: 1 }]), null],
    ['empty values are still present keys', JSON.stringify([{ ...entry, Description: '' }]), null],
    ['empty array (no bundled components)', '[]', null],
    ['leading BOM', `\uFEFF${JSON.stringify([entry])}`, null],
    ['a missing key', JSON.stringify([entry, withoutOwner]), MESSAGES.badEntries],
    ['key names are case-sensitive', JSON.stringify([{ ...withoutOwner, owner: 'x' }]), MESSAGES.badEntries],
    ['element is a string', JSON.stringify(['Name License']), MESSAGES.badEntries],
    ['element is null', JSON.stringify([null]), MESSAGES.badEntries],
    ['element is an array', JSON.stringify([Object.keys(entry)]), MESSAGES.badEntries],
    ['not JSON', '{ Name: zlib', MESSAGES.badJson],
    ['empty file', '', MESSAGES.badJson],
    ['an object, not an array', JSON.stringify(entry), MESSAGES.badJson],
    ['a string', '"hello"', MESSAGES.badJson],
    ['null', 'null', MESSAGES.badJson],
  ];
  for (const [name, text, expected] of cases) {
    const verdict = evaluateReadmeOpenSource(text);
    assert.deepEqual(verdict, expected === null ? { ok: true } : { ok: false, message: expected }, name);
  }
});

void test('pickManifest prefers the exact spelling', () => {
  assert.equal(pickManifest([]), null);
  assert.equal(pickManifest(['readme.opensource', 'README.OpenSource']), 'README.OpenSource');
  assert.equal(pickManifest(['Readme.OpenSource']), 'Readme.OpenSource');
});
