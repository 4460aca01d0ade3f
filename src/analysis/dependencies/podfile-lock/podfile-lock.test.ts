import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { extractor, parsePodfileLock } from './index.js';

test('Podfile.lock: every PODS entry (subspecs too) with its version, direct from DEPENDENCIES, graph, lines', () => {
  const packages = parsePodfileLock(crlf(fixture('podfile-lock', 'Podfile.lock')), 'ios/Podfile.lock');
  assert.deepEqual(ids(packages), [
    'Alamofire@5.8.1',
    'FirebaseCoreInternal@10.19.0',
    'GoogleUtilities/Environment@7.12.0',
    'GoogleUtilities/NSData+zlib@7.12.0',
    'LocalKit@0.3.0-beta.2',
    'PromisesObjC@2.3.1',
    'SnapKit@5.6.0',
  ]);
  const alamofire = onePackage(packages, 'Alamofire');
  assert.equal(alamofire.ecosystem, 'CocoaPods');
  assert.equal(alamofire.purl, 'pkg:cocoapods/Alamofire@5.8.1');
  assert.equal(alamofire.direct, true);
  assert.equal(alamofire.resolution, 'registry');
  assert.equal(alamofire.line, 2);
  assert.equal(alamofire.sourceFile, 'ios/Podfile.lock');
  const environment = onePackage(packages, 'GoogleUtilities/Environment');
  assert.equal(environment.purl, 'pkg:cocoapods/GoogleUtilities@7.12.0#Environment', 'a subspec is its pod with a subpath');
  assert.deepEqual(environment.dependsOn, ['pkg:cocoapods/PromisesObjC@2.3.1']);
  assert.equal(environment.line, 5);
  const zlib = onePackage(packages, 'GoogleUtilities/NSData+zlib');
  assert.equal(zlib.line, 7, 'a quoted entry is found too');
  assert.equal(zlib.direct, false);
  assert.deepEqual(onePackage(packages, 'FirebaseCoreInternal').dependsOn, [zlib.purl]);
  const local = onePackage(packages, 'LocalKit');
  assert.equal(local.resolution, 'local');
  assert.equal(local.version, '0.3.0-beta.2');
  const snapKit = onePackage(packages, 'SnapKit');
  assert.equal(snapKit.resolution, 'git');
  assert.equal(snapKit.commit, 'f222cbdf325885926566172f6f5f06af95473158');
});

test('Podfile.lock: an empty file, a broken one and an entry without a version are errors; no PODS is no package', () => {
  assert.throws(() => parsePodfileLock('', 'Podfile.lock'), /empty file/);
  assert.throws(() => parsePodfileLock('PODS:\n  - [unclosed\n', 'Podfile.lock'), /not valid YAML/);
  assert.throws(() => parsePodfileLock('PODS:\n  - Alamofire\n', 'Podfile.lock'), /without a version/);
  assert.throws(() => parsePodfileLock('PODS:\n  - [1, 2]\n', 'Podfile.lock'), /neither a string/);
  assert.deepEqual(parsePodfileLock('COCOAPODS: 1.14.3\n', 'Podfile.lock'), []);
  assert.ok(extractor.matches('app/Podfile.lock'));
  assert.ok(!extractor.matches('app/Podfile'));
});
