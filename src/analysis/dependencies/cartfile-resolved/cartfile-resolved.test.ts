import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { extractor, parseCartfileResolved } from './index.js';

test('Cartfile.resolved: github and git entries by repository path, binaries skipped, commits carried', () => {
  const packages = parseCartfileResolved(crlf(fixture('cartfile-resolved', 'Cartfile.resolved')), 'Cartfile.resolved');
  assert.deepEqual(ids(packages), [
    'github.com/Alamofire/Alamofire@5.8.1',
    'github.com/ReactiveX/RxSwift@6.6.0-beta.1',
    'github.com/example/private-kit@',
    'github.example.corp/mobile/Analytics@1.4.2',
    'gitlab.example.com/ios/Toolkit@v2.0.0',
  ]);
  const alamofire = onePackage(packages, 'github.com/Alamofire/Alamofire');
  assert.equal(alamofire.ecosystem, 'SwiftURL');
  assert.equal(alamofire.purl, 'pkg:swift/github.com/Alamofire/Alamofire@5.8.1');
  assert.equal(alamofire.line, 2);
  assert.equal(onePackage(packages, 'github.com/example/private-kit').commit, '9f2c4d1e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e');
});

test('Cartfile.resolved: malformed lines and unknown origins are errors', () => {
  assert.deepEqual(parseCartfileResolved('', 'Cartfile.resolved'), []);
  assert.throws(() => parseCartfileResolved('github "a/b"\n', 'Cartfile.resolved'), /line 1: not origin/);
  assert.throws(() => parseCartfileResolved('svn "a/b" "1.0"\n', 'Cartfile.resolved'), /unknown origin "svn"/);
  assert.throws(() => parseCartfileResolved('github "" "1.0"\n', 'Cartfile.resolved'), /empty identifier/);
  assert.ok(extractor.matches('ios/Cartfile.resolved'));
  assert.ok(!extractor.matches('ios/Cartfile'));
});
