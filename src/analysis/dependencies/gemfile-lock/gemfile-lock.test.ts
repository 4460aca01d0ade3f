import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { parseGemfileLock } from './index.js';

test('Gemfile.lock: GIT/PATH/GEM sources, platform variants once, DEPENDENCIES as direct, graph', () => {
  const packages = parseGemfileLock(crlf(fixture('gemfile-lock', 'Gemfile.lock')), 'Gemfile.lock');
  assert.deepEqual(ids(packages), ['local_engine@0.1.0', 'mini_portile2@2.8.5', 'my-gem@0.4.0', 'nokogiri@1.15.5', 'racc@1.7.3', 'rack@3.0.9', 'rspec@3.13.0']);
  const nokogiri = onePackage(packages, 'nokogiri');
  assert.equal(nokogiri.direct, true);
  assert.equal(nokogiri.line, 18);
  assert.equal(nokogiri.purl, 'pkg:gem/nokogiri@1.15.5');
  assert.deepEqual(nokogiri.dependsOn, ['pkg:gem/mini_portile2@2.8.5', 'pkg:gem/racc@1.7.3']);
  assert.equal(onePackage(packages, 'racc').direct, false);
  const myGem = onePackage(packages, 'my-gem');
  assert.equal(myGem.resolution, 'git');
  assert.equal(myGem.commit, '0123456789abcdef0123456789abcdef01234567');
  assert.equal(myGem.direct, true);
  assert.deepEqual(myGem.dependsOn, ['pkg:gem/rack@3.0.9']);
  assert.equal(onePackage(packages, 'local_engine').resolution, 'local');
  assert.throws(() => parseGemfileLock('just some text\n', 'Gemfile.lock'), /not a Gemfile\.lock/);
});
