import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { extractor, parseVersionCatalog } from './index.js';

test('libs.versions.toml: every library form, references and rich versions; plugins and bundles are not packages', () => {
  const packages = parseVersionCatalog(crlf(fixture('gradle-version-catalog', 'libs.versions.toml')), 'gradle/libs.versions.toml');
  assert.deepEqual(ids(packages), [
    'androidx.compose:compose-bom@',
    'com.example:dynamic@',
    'com.example:ranged@',
    'com.example:unknown@',
    'com.google.code.gson:gson@2.10.1',
    'com.google.guava:guava@33.0.0-jre',
    'com.squareup.okhttp3:okhttp@4.12.0',
    'org.jetbrains.kotlin:kotlin-stdlib@1.9.22',
    'org.jetbrains.kotlinx:kotlinx-coroutines-core@1.8.0-RC2',
    'org.junit.jupiter:junit-jupiter@5.10.2',
    'org.junit:junit-bom@5.10.2',
  ]);
  const stdlib = onePackage(packages, 'org.jetbrains.kotlin:kotlin-stdlib');
  assert.equal(stdlib.purl, 'pkg:maven/org.jetbrains.kotlin/kotlin-stdlib@1.9.22');
  assert.equal(stdlib.line, 9);
  assert.equal(stdlib.direct, true);
  assert.equal(onePackage(packages, 'com.google.code.gson:gson').line, 11, 'a quoted alias');
  assert.equal(onePackage(packages, 'com.squareup.okhttp3:okhttp').line, 10, 'the alias under [libraries], not the [versions] key');
});

test('version catalogs: only under gradle/ (libs.versions.toml anywhere); empty and broken files', () => {
  assert.deepEqual(parseVersionCatalog('[versions]\na = "1"\n', 'gradle/libs.versions.toml'), []);
  assert.throws(() => parseVersionCatalog('[libraries\n', 'gradle/libs.versions.toml'), /not valid TOML/);
  assert.ok(extractor.matches('gradle/libs.versions.toml'));
  assert.ok(extractor.matches('build-logic/libs.versions.toml'));
  assert.ok(extractor.matches('app/gradle/test.versions.toml'));
  assert.ok(!extractor.matches('app/config/test.versions.toml'));
});
