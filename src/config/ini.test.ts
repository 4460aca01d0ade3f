import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../lib/paths.js';
import { IniSyntaxError, parseIni } from './ini.js';

const upstreamText = (): string => readFileSync(join(packageRoot(), 'test', 'fixtures', 'upstream-config.ini'), 'utf8');

test('parseIni reads the upstream config.ini with every section and key', () => {
  const doc = parseIni(upstreamText());
  assert.deepEqual(
    [...doc.keys()],
    ['RabbitMQ', 'SonarQube', 'OpenCheck', 'ChatBot', 'Gitee', 'Github', 'GitCode', 'UserManager', 'JWT', 'AKSK'],
  );
  assert.equal(doc.get('SonarQube')?.get('port'), 'None');
  assert.equal(doc.get('RabbitMQ')?.get('password'), '');
  assert.equal(doc.get('RabbitMQ')?.get('blocked_connection_timeout_ms'), '300000');
  assert.equal(doc.get('JWT')?.get('secret_key'), 'your_secure_secret_key_here');
  // Comment lines are not keys.
  assert.equal([...(doc.get('SonarQube')?.keys() ?? [])].some((key) => key.startsWith('#')), false);
});

test('keys are case-insensitive (stored lower-case); section names are kept as written', () => {
  const doc = parseIni('[OpenCheck]\nPORT = 81\nRepos_Dir = /x\n');
  assert.equal(doc.get('OpenCheck')?.get('port'), '81');
  assert.equal(doc.get('OpenCheck')?.get('repos_dir'), '/x');
});

test('values keep # and ; verbatim (no inline comments), and the first delimiter wins', () => {
  const doc = parseIni('[RabbitMQ]\npassword = p#ss;word\nurl: http://h:1/a=b\n; a comment\n# another\n');
  assert.equal(doc.get('RabbitMQ')?.get('password'), 'p#ss;word');
  assert.equal(doc.get('RabbitMQ')?.get('url'), 'http://h:1/a=b');
  assert.equal(doc.get('RabbitMQ')?.size, 2);
});

test('indented continuation lines extend the previous value; [DEFAULT] is inherited', () => {
  const doc = parseIni('[DEFAULT]\nshared = yes\n\n[A]\nlist = one\n  two\n  three\nshared = no\n[B]\nx = 1\n');
  assert.equal(doc.get('A')?.get('list'), 'one\ntwo\nthree');
  assert.equal(doc.get('A')?.get('shared'), 'no');
  assert.equal(doc.get('B')?.get('shared'), 'yes');
  assert.equal(doc.has('DEFAULT'), false);
});

test('a BOM and CRLF line endings are accepted', () => {
  const doc = parseIni('\uFEFF[JWT]\r\nexpires_minutes = 5\r\n');
  assert.equal(doc.get('JWT')?.get('expires_minutes'), '5');
});

test('syntax errors carry the line number', () => {
  const cases: [string, RegExp, number][] = [
    ['[A]\nkey = 1\nKEY = 2\n', /key "key" appears twice/, 3],
    ['[A]\n[A]\n', /section \[A\] appears twice/, 2],
    ['key = 1\n', /before any \[section\]/, 1],
    ['[A]\njust words\n', /expected "key = value"/, 2],
    ['[A]\n = value\n', /empty key name/, 2],
  ];
  for (const [text, message, line] of cases) {
    assert.throws(
      () => parseIni(text),
      (err: unknown) => err instanceof IniSyntaxError && message.test(err.message) && err.line === line && err.message.startsWith(`line ${line}:`),
      text,
    );
  }
});
