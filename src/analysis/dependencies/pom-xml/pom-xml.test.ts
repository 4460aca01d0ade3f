import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeRepo } from '../../../../test/support/fixtures.js';
import { extractDependencies } from '../extract.js';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { parsePom, pomPackages } from './index.js';

test('pom.xml through the view: parent from the repository, properties, dependencyManagement, scopes', async () => {
  const repo = await makeRepo({
    'pom.xml': fixture('pom-xml', 'parent-pom.xml'),
    'service/pom.xml': crlf(fixture('pom-xml', 'module-pom.xml')),
    'broken/pom.xml': '<project><dependencies>',
  });
  try {
    const results = await extractDependencies(repo.view, new AbortController().signal);
    assert.deepEqual(results.map((r) => r.file), ['broken/pom.xml', 'pom.xml', 'service/pom.xml']);
    assert.match(results[0]?.error ?? '', /not valid XML/);
    assert.deepEqual(results[1]?.packages, [], 'managed versions alone are not dependencies');
    const packages = results[2]?.packages ?? [];
    assert.deepEqual(ids(packages), [
      'com.acme:acme-common@2.1.0',
      'com.fasterxml.jackson.core:jackson-databind@2.16.1',
      'com.google.guava:guava@33.0.0-jre',
      'org.apache.commons:commons-text@1.10',
      'org.junit.jupiter:junit-jupiter@5.10.2',
      'org.slf4j:slf4j-api@2.0.12',
      'org.unknown:mystery@',
    ]);
    const jackson = onePackage(packages, 'com.fasterxml.jackson.core:jackson-databind');
    assert.equal(jackson.purl, 'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.16.1');
    assert.equal(jackson.direct, true);
    assert.equal(jackson.line, 28);
    const junit = onePackage(packages, 'org.junit.jupiter:junit-jupiter');
    assert.equal(junit.dev, true, 'scope from the parent dependencyManagement');
    assert.equal(junit.line, 51, 'not the plugin dependency nor the managed one');
    assert.equal(onePackage(packages, 'com.google.guava:guava').line, 33);
  } finally {
    await repo.cleanup();
  }
});

test('pom.xml without its parent in the repository: placeholders it cannot resolve give no version', () => {
  const text = fixture('pom-xml', 'module-pom.xml');
  const packages = pomPackages(text, 'pom.xml', parsePom(text));
  assert.equal(onePackage(packages, 'com.fasterxml.jackson.core:jackson-databind').version, '');
  assert.equal(onePackage(packages, 'com.acme:acme-common').version, '2.1.0', 'project.version falls back to the parent version');
  assert.throws(() => parsePom('<other/>'), /not a Maven POM/);
});
