import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { createLogger } from './log.js';

const SECRET = 'glpat-S3cr3tT0k3n';

test('log lines never carry a credential, wherever it is, and stay valid JSON', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const log = createLogger('info', sink);
  const child = log.child({ project: `git://user:${SECRET}@forge.test/demo.git` });
  child.info(`cloning https://oauth2:${SECRET}@forge.test/demo.git`);
  log.warn({ url: `https://hooks.test/cb?private_token=${SECRET}&x=1`, nested: { callback: `http://u:${SECRET}@[::1]:8080/cb` } }, 'callback not delivered');
  log.error({ err: new Error(`fatal: unable to look up user:${SECRET}@127.0.0.1:9 (port 9418)`) }, 'clone failed');
  log.error(new Error(`request to https://hooks.test/cb?token=${SECRET}" failed`));
  log.info({ access_token: SECRET, req: { headers: { authorization: `Bearer ${SECRET}` } } }, 'request');
  log.info({ quoted: `he said "ssh://git:${SECRET}@forge.test/x" \\ and left` }, 'quotes and backslashes');
  assert.equal(lines.length, 6);
  for (const line of lines) {
    assert.ok(!line.includes(SECRET), line);
    assert.doesNotThrow(() => JSON.parse(line), line);
  }
  assert.match(lines[0] ?? '', /forge\.test\/demo\.git/);
});
