import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { extractor, parseGradleLockfile } from './index.js';

test('gradle.lockfile: coordinates, test-only configurations as dev, lines', () => {
  const packages = parseGradleLockfile(crlf(fixture('gradle-lockfile', 'gradle.lockfile')), 'gradle.lockfile');
  assert.deepEqual(ids(packages), ['com.google.guava:failureaccess@1.0.1', 'com.google.guava:guava@32.1.3-jre', 'junit:junit@4.13.2', 'org.hamcrest:hamcrest-core@1.3']);
  const guava = onePackage(packages, 'com.google.guava:guava');
  assert.equal(guava.purl, 'pkg:maven/com.google.guava/guava@32.1.3-jre');
  assert.equal(guava.dev, false);
  assert.equal(guava.line, 5);
  assert.equal(onePackage(packages, 'junit:junit').dev, true);
});

test('buildscript-gradle.lockfile: plugin dependencies are build-time (dev)', () => {
  const packages = parseGradleLockfile(fixture('gradle-lockfile', 'buildscript-gradle.lockfile'), 'buildscript-gradle.lockfile');
  assert.deepEqual(ids(packages), ['org.springframework.boot:spring-boot-gradle-plugin@3.2.2']);
  assert.equal(packages[0]?.dev, true);
  assert.equal(extractor.matches('app/buildscript-gradle.lockfile'), true);
  assert.equal(extractor.matches('gradle/dependency-locks/compileClasspath.lockfile'), true);
  assert.equal(extractor.matches('other.lockfile'), false);
});

test('lines that are not coordinates are skipped, the others kept (as OSV-Scanner reads a damaged lockfile)', () => {
  const text = fixture('gradle-lockfile', 'damaged.lockfile');
  const packages = parseGradleLockfile(text, 'gradle.lockfile');
  assert.deepEqual(ids(packages), ['io.micronaut:micronaut-core@4.3.4', 'org.jetbrains.kotlin:kotlin-stdlib@1.9.22', 'org.postgresql:postgresql@42.7.2']);
  assert.equal(onePackage(packages, 'org.postgresql:postgresql').line, text.split('\n').findIndex((line) => line.startsWith('org.postgresql')) + 1);
  assert.equal(onePackage(packages, 'io.micronaut:micronaut-core').dev, false, 'no configurations listed: not known to be test-only');
  assert.deepEqual(parseGradleLockfile('# only comments\nempty=\n', 'gradle.lockfile'), []);
});
