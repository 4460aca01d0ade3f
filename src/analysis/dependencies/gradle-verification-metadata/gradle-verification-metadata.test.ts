import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeRepo } from '../../../../test/support/fixtures.js';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { extractDependencies } from '../extract.js';
import { extractor, parseVerificationMetadata } from './index.js';

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((line) => line.includes(needle)) + 1;

test('components become Maven packages: every version, odd versions, any attribute order or quoting', () => {
  const text = fixture('gradle-verification-metadata', 'verification-metadata.xml');
  const packages = parseVerificationMetadata(crlf(text), 'gradle/verification-metadata.xml');
  assert.deepEqual(ids(packages), [
    'com.google.errorprone:javac@9+181-r4173-1',
    'com.google.guava:guava@33.0.0-jre',
    'com.google.guava:listenablefuture@9999.0-empty-to-avoid-conflict-with-guava',
    'com.jakewharton.android.repackaged:dalvik-dx@9.0.0_r3',
    'com.squareup.okio:okio@3.6.0',
    'com.squareup.okio:okio@3.9.1',
    'io.ktor:ktor-io-jvm@2.0.0-beta-1',
    'io.netty:netty-codec-http@4.1.100.Final',
    'javax.inject:javax.inject@1',
    'org.example:no-version@',
    'org.jetbrains.kotlin:kotlin-stdlib@1.9.22',
  ]);
  const guava = onePackage(packages, 'com.google.guava:guava');
  assert.equal(guava.ecosystem, 'Maven');
  assert.equal(guava.purl, 'pkg:maven/com.google.guava/guava@33.0.0-jre');
  assert.equal(guava.line, lineOf(text, 'group="com.google.guava"') - 1, 'the line of the start tag, attributes below it');
  assert.equal(guava.direct, undefined, 'the file does not say');
  assert.equal(guava.dev, undefined, 'the file does not say');
  assert.equal(onePackage(packages, 'io.ktor:ktor-io-jvm').line, lineOf(text, 'name="ktor-io-jvm"'));
  assert.equal(onePackage(packages, 'io.netty:netty-codec-http').line, lineOf(text, 'netty-codec-http'), 'the first of the two');
  assert.equal(onePackage(packages, 'com.squareup.okio:okio', '3.9.1').line, lineOf(text, 'version="3.9.1"'));
});

test('an empty components list, a file that is not XML, and one that is another XML document', () => {
  const empty = '<?xml version="1.0"?>\n<verification-metadata>\n  <configuration/>\n  <components/>\n</verification-metadata>\n';
  assert.deepEqual(parseVerificationMetadata(empty, 'gradle/verification-metadata.xml'), []);
  assert.throws(() => parseVerificationMetadata(fixture('gradle-verification-metadata', 'not-xml.txt'), 'gradle/verification-metadata.xml'), /not valid XML/);
  assert.throws(() => parseVerificationMetadata('<project/>', 'gradle/verification-metadata.xml'), /not a Gradle verification metadata file/);
});

test('only gradle/verification-metadata.xml is read, at any depth', async () => {
  assert.equal(extractor.matches('gradle/verification-metadata.xml'), true);
  assert.equal(extractor.matches('android/app/gradle/verification-metadata.xml'), true);
  assert.equal(extractor.matches('verification-metadata.xml'), false);
  assert.equal(extractor.matches('config/verification-metadata.xml'), false);
  assert.equal(extractor.matches('gradle/verification-metadata.xml.bak'), false);
  assert.equal(extractor.matches('my.gradle.verification-metadata.xml'), false);
  const repo = await makeRepo({ 'gradle/verification-metadata.xml': fixture('gradle-verification-metadata', 'verification-metadata.xml') });
  try {
    const results = await extractDependencies(repo.view, new AbortController().signal);
    assert.deepEqual(results.map((result) => [result.file, result.extractor, result.packages.length]), [['gradle/verification-metadata.xml', 'gradle-verification-metadata', 11]]);
  } finally {
    await repo.cleanup();
  }
});
