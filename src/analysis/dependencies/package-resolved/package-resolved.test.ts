import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { extractor, parsePackageResolved, swiftUrlName } from './index.js';

test('Package.resolved v1: repositoryURL pins as SwiftURL packages; a branch pin has no version but its commit', () => {
  const packages = parsePackageResolved(crlf(fixture('package-resolved', 'v1.Package.resolved')), 'Package.resolved');
  assert.deepEqual(ids(packages), ['github.com/apple/swift-argument-parser@1.2.0', 'github.com/realm/SwiftLint@']);
  const parser = onePackage(packages, 'github.com/apple/swift-argument-parser');
  assert.equal(parser.ecosystem, 'SwiftURL');
  assert.equal(parser.purl, 'pkg:swift/github.com/apple/swift-argument-parser@1.2.0');
  assert.equal(parser.commit, 'fddd1c00396eed152c45a46bea9f47b98e59301d');
  assert.equal(parser.line, 5);
  const lint = onePackage(packages, 'github.com/realm/SwiftLint');
  assert.equal(lint.commit, '7595ad3fafc1a31086dc40ba01fd898bf6b42d5f');
  assert.equal(lint.resolution, 'git');
  assert.equal(lint.line, 14);
});

test('Package.resolved v2: https and scp-like locations, pre-release versions, local pins', () => {
  const packages = parsePackageResolved(crlf(fixture('package-resolved', 'v2.Package.resolved')), 'App.xcodeproj/project.xcworkspace/xcshareddata/swiftpm/Package.resolved');
  assert.deepEqual(ids(packages), ['Users/dev/src/shared-utils@', 'github.com/apple/swift-nio@2.64.0', 'github.com/grpc/grpc-swift@1.21.0-alpha.1']);
  assert.equal(onePackage(packages, 'github.com/apple/swift-nio').line, 4);
  assert.equal(onePackage(packages, 'github.com/grpc/grpc-swift').purl, 'pkg:swift/github.com/grpc/grpc-swift@1.21.0-alpha.1');
  assert.equal(onePackage(packages, 'Users/dev/src/shared-utils').resolution, 'local');
});

test('Package.resolved v3: registry pins keep their identity (no swift purl without a host)', () => {
  const packages = parsePackageResolved(fixture('package-resolved', 'v3.Package.resolved'), 'Package.resolved');
  assert.deepEqual(ids(packages), ['github.com/apple/swift-collections@1.1.0', 'mona.LinkedList@1.2.0']);
  const registry = onePackage(packages, 'mona.LinkedList');
  assert.equal(registry.resolution, 'registry');
  assert.equal(registry.purl, 'pkg:generic/mona.LinkedList@1.2.0');
  assert.equal(registry.commit, undefined);
});

test('Package.resolved: repository locations as OSV names them; malformed files', () => {
  assert.equal(swiftUrlName('https://github.com/apple/swift-nio.git'), 'github.com/apple/swift-nio');
  assert.equal(swiftUrlName('ssh://git@github.com/apple/swift-nio.git/'), 'github.com/apple/swift-nio');
  assert.equal(swiftUrlName('git@gitlab.com:group/sub/repo.git'), 'gitlab.com/group/sub/repo');
  assert.equal(swiftUrlName('https://user@example.org/x/y'), 'example.org/x/y');
  assert.throws(() => parsePackageResolved('{"pins": [', 'Package.resolved'), /not valid JSON/);
  assert.throws(() => parsePackageResolved('{"version": 2}', 'Package.resolved'), /no "pins"/);
  assert.deepEqual(parsePackageResolved('{"pins": [], "version": 2}', 'Package.resolved'), []);
  assert.ok(extractor.matches('Foo.xcworkspace/xcshareddata/swiftpm/Package.resolved'));
});
