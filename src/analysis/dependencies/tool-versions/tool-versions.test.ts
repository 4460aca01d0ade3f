import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { extractor, parseToolVersions } from './index.js';

test('.tool-versions: each tool and version (fallbacks too); system, path: and comments skipped', () => {
  const packages = parseToolVersions(crlf(fixture('tool-versions', '.tool-versions')), '.tool-versions');
  assert.deepEqual(ids(packages), ['erlang@26.2.1', 'golang@1.22.0', 'nodejs@18.19.0', 'nodejs@20.11.0', 'python@3.12.2']);
  const node = onePackage(packages, 'nodejs', '20.11.0');
  assert.equal(node.ecosystem, 'asdf');
  assert.equal(node.purl, 'pkg:asdf/nodejs@20.11.0');
  assert.equal(node.line, 2);
  assert.equal(onePackage(packages, 'python').line, 3);
  assert.deepEqual(parseToolVersions('', '.tool-versions'), []);
  assert.ok(extractor.matches('sub/.tool-versions'));
  assert.ok(!extractor.matches('tool-versions'));
});
