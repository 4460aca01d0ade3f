import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture } from '../../../../test/support/lockfile-fixtures.js';
import { extractor, parseNodeVersion } from './index.js';

test('.nvmrc and .node-version: the first version line is nodejs, without its v; aliases name nothing', () => {
  const [node, ...rest] = parseNodeVersion(crlf(fixture('node-version', '.nvmrc')), '.nvmrc');
  assert.deepEqual(rest, []);
  assert.equal(node?.name, 'nodejs');
  assert.equal(node?.version, '20.11.1');
  assert.equal(node?.ecosystem, 'generic');
  assert.equal(node?.purl, 'pkg:generic/nodejs@20.11.1');
  assert.equal(node?.line, 2);
  assert.equal(parseNodeVersion('18\n20\n', '.node-version')[0]?.version, '18');
  assert.deepEqual(parseNodeVersion('lts/iron\n', '.nvmrc'), []);
  assert.deepEqual(parseNodeVersion('node\n', '.nvmrc'), []);
  assert.deepEqual(parseNodeVersion('', '.node-version'), []);
  assert.ok(extractor.matches('web/.nvmrc'));
  assert.ok(extractor.matches('.node-version'));
  assert.ok(!extractor.matches('.python-version'));
});
