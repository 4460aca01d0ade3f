import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redact, redactDeep } from './redact.js';

const SECRET = 's3cr3tT0k3n';

test('redact hides the credentials of every URL form and keeps the rest readable', () => {
  const cases: Array<[string, string]> = [
    [`https://user:${SECRET}@github.com/acme/demo.git`, 'https://***@github.com/acme/demo.git'],
    [`http://${SECRET}@example.test/acme/demo`, 'http://***@example.test/acme/demo'],
    [`git://user:${SECRET}@example.test:9418/demo.git`, 'git://***@example.test:9418/demo.git'],
    [`ssh://git:${SECRET}@example.test:2222/acme/demo.git`, 'ssh://***@example.test:2222/acme/demo.git'],
    [`git+ssh://user:${SECRET}@example.test/demo`, 'git+ssh://***@example.test/demo'],
    [`user:${SECRET}@example.test:acme/demo.git`, '***@example.test:acme/demo.git'],
    [`file://user:${SECRET}@localhost/srv/demo`, 'file://***@localhost/srv/demo'],
    // Percent-encoded user-info, and a raw "@" inside the password.
    [`https://us%40er:${SECRET}%3A%2F@example.test/demo`, 'https://***@example.test/demo'],
    [`https://user:p@ss${SECRET}@example.test/demo`, 'https://***@example.test/demo'],
    // IPv6 hosts and ports.
    [`https://user:${SECRET}@[::1]:8443/demo.git`, 'https://***@[::1]:8443/demo.git'],
    [`http://user:${SECRET}@[fe80::1%25eth0]/demo`, 'http://***@[fe80::1%25eth0]/demo'],
    // Query and fragment secrets, of any case, among harmless parameters that are kept.
    [`https://gitlab.test/demo.git?private_token=${SECRET}&ref=main`, 'https://gitlab.test/demo.git?private_token=***&ref=main'],
    [`https://example.test/cb?access_token=${SECRET}`, 'https://example.test/cb?access_token=***'],
    [`https://example.test/cb?id=7&token=${SECRET}#top`, 'https://example.test/cb?id=7&token=***#top'],
    [`https://example.test/cb?KEY=${SECRET}&api_key=${SECRET}&Password=${SECRET}`, 'https://example.test/cb?KEY=***&api_key=***&Password=***'],
    [`https://bucket.test/o?X-Amz-Signature=${SECRET}&sig=${SECRET}&X-Amz-Security-Token=${SECRET}`, 'https://bucket.test/o?X-Amz-Signature=***&sig=***&X-Amz-Security-Token=***'],
    [`https://example.test/cb#access_token=${SECRET}&state=1`, 'https://example.test/cb#access_token=***&state=1'],
    // A URL inside another URL's query, percent-encoded.
    [`https://example.test/go?next=https%3A%2F%2Fuser%3A${SECRET}%40internal.test%2Fx%3Ftoken%3D${SECRET}`, 'https://example.test/go?next=https%3A%2F%2F***%40internal.test%2Fx%3Ftoken%3D***'],
    // Forms that hold no secret stay as they are.
    ['git@github.com:acme/demo.git', 'git@github.com:acme/demo.git'],
    ['https://github.com/acme/demo?tab=readme#install', 'https://github.com/acme/demo?tab=readme#install'],
    ['http://[::1]:8080/demo.git', 'http://[::1]:8080/demo.git'],
    ['/srv/repos/demo', '/srv/repos/demo'],
  ];
  for (const [input, expected] of cases) {
    assert.equal(redact(input), expected, input);
    assert.ok(!redact(input).includes(SECRET), input);
  }
});

test('redact hides credentials in the texts git and HTTP clients print', () => {
  const texts = [
    // What git prints for git:// URLs: the user-info without the scheme.
    `fatal: unable to look up user:${SECRET}@127.0.0.1:9 (port 9418) (Name or service not known)`,
    `fatal: unable to access 'https://user:${SECRET}@127.0.0.1:9/x.git/': Failed to connect`,
    `fatal: unable to access 'http://127.0.0.1:9/x.git?private_token=${SECRET}/': Failed to connect`,
    `clone failed: ssh: Could not resolve hostname; remote ssh://u:${SECRET}@host/x`,
    `request to https://user:${SECRET}@hooks.test/cb?token=${SECRET} failed`,
    `Authorization: Bearer ${SECRET}`,
    `{"authorization":"Basic ${SECRET}"}`,
  ];
  for (const text of texts) assert.ok(!redact(text).includes(SECRET), `${text} -> ${redact(text)}`);
  assert.equal(redact('git clone failed: repository not found'), 'git clone failed: repository not found');
});

test('redactDeep redacts strings at any depth and secret-named keys, and leaves errors to the serializer', () => {
  const err = new Error(`https://u:${SECRET}@x.test`);
  const out = redactDeep({
    project_url: `https://u:${SECRET}@x.test/a`,
    nested: { list: [`git://u:${SECRET}@x.test/a`], access_token: SECRET, count: 3 },
    password: SECRET,
    empty: { token: null },
    err,
  }) as Record<string, unknown>;
  assert.ok(!JSON.stringify({ ...out, err: undefined }).includes(SECRET));
  assert.equal((out.nested as Record<string, unknown>).count, 3);
  assert.deepEqual(out.empty, { token: null });
  assert.equal(out.err, err);
});
