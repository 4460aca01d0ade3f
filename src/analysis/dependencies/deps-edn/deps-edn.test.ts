import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { extractor, parseDepsEdn } from './index.js';

test('deps.edn: :mvn/version coordinates as Maven packages, wherever a dependency map is; git with commits', () => {
  const packages = parseDepsEdn(crlf(fixture('deps-edn', 'deps.edn')), 'deps.edn');
  assert.deepEqual(ids(packages), [
    'cheshire:cheshire@5.10.0',
    'cheshire:cheshire@5.12.0',
    'io.github.clojure:tools.build@',
    'io.github.example:toolkit@',
    'lambdaisland:kaocha@1.87.1366',
    'org.clojure:clojure@1.11.1',
    'ring:ring-core@1.12.0-RC1',
  ]);
  const clojure = onePackage(packages, 'org.clojure:clojure');
  assert.equal(clojure.purl, 'pkg:maven/org.clojure/clojure@1.11.1');
  assert.equal(clojure.dev, false, 'in :deps, even though the :test alias names it too');
  assert.equal(clojure.direct, true);
  assert.equal(clojure.line, 3);
  assert.equal(onePackage(packages, 'cheshire:cheshire', '5.12.0').line, 5, 'a bare symbol is artifact/artifact');
  assert.equal(onePackage(packages, 'lambdaisland:kaocha').dev, true);
  assert.equal(onePackage(packages, 'lambdaisland:kaocha').line, 12);
  assert.equal(onePackage(packages, 'cheshire:cheshire', '5.10.0').dev, true);
  const toolkit = onePackage(packages, 'io.github.example:toolkit');
  assert.equal(toolkit.resolution, 'git');
  assert.equal(toolkit.commit, '4c1e9a2b7d3f5e8061a2b3c4d5e6f708192a3b4c');
  assert.equal(onePackage(packages, 'io.github.clojure:tools.build').commit, '8e78bcc');
});

test('deps.edn: no dependencies, broken EDN, not a map', () => {
  assert.deepEqual(parseDepsEdn('{:paths ["src"]}', 'deps.edn'), []);
  assert.deepEqual(parseDepsEdn('{}', 'deps.edn'), []);
  assert.deepEqual(parseDepsEdn(';; nothing yet\n', 'deps.edn'), []);
  assert.throws(() => parseDepsEdn('{:deps {', 'deps.edn'), /not valid EDN: a form is not closed/);
  assert.throws(() => parseDepsEdn('{:deps #{1 2', 'deps.edn'), /not valid EDN/);
  assert.throws(() => parseDepsEdn('[:deps]', 'deps.edn'), /must hold a map/);
  assert.ok(extractor.matches('service/deps.edn'));
  assert.ok(!extractor.matches('project.clj'));
});
