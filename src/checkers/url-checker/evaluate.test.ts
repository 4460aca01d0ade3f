import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAccessible, parseProjectUrl } from './evaluate.js';

void test('parseProjectUrl accepts http(s) and names what anything else is', () => {
  const table: [string, string][] = [
    ['git@github.com:acme/demo.git', 'ssh (git@host:path)'],
    ['ssh://git@github.com/acme/demo', 'ssh'],
    ['git://example.org/demo.git', 'git'],
    ['file:///srv/repos/demo', 'file'],
    ['ftp://example.org/demo', 'ftp'],
    ['/srv/repos/demo', 'a local path'],
    ['./demo', 'a local path'],
    ['~/demo', 'a local path'],
    ['C:\\repos\\demo', 'a local path'],
    ['github.com/acme/demo', 'no scheme'],
    ['   ', 'an empty URL'],
  ];
  for (const [raw, got] of table) assert.deepEqual(parseProjectUrl(raw), { ok: false, got }, raw);
  for (const raw of ['https://github.com/acme/demo', 'http://127.0.0.1:8080/x', ' HTTPS://Gitee.com/acme/demo ']) {
    const parsed = parseProjectUrl(raw);
    assert.ok(parsed.ok, raw);
  }
});

void test('isAccessible: 2xx only', () => {
  const table: [number, boolean][] = [
    [200, true],
    [203, true],
    [204, true],
    [299, true],
    [199, false],
    [301, false],
    [304, false],
    [401, false],
    [404, false],
    [429, false],
    [500, false],
    [503, false],
  ];
  for (const [status, accessible] of table) assert.equal(isAccessible(status), accessible, String(status));
});
