import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeRepo } from '../../../../test/support/fixtures.js';
import { extractDependencies } from '../extract.js';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { mavenVersion, parsePom, pomPackages } from './index.js';

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

test('pom.xml as OSV-Scanner reads it: ranges give their lower bound, properties in coordinates, last duplicate wins, managed-only left out', () => {
  const text = fixture('pom-xml', 'ranges-pom.xml');
  const packages = pomPackages(crlf(text), 'pom.xml', parsePom(text));
  assert.deepEqual(ids(packages), [
    'com.fasterxml.jackson.core:jackson-databind@2.13.4.1',
    'org.apache.logging.log4j:log4j-core@2.17.1',
    'org.eclipse.jetty:jetty-server@9.4.35.v20201120',
    'org.example.bounded:open-ended@1.5',
    'org.example.bounded:upper-only@',
    'org.example.dup:twice@1.0.1',
    'org.example.shop:shop-client@2.7-SNAPSHOT',
    'org.example.shop:shop-model@4.2.0',
  ]);
  assert.equal(onePackage(packages, 'org.example.shop:shop-model').dev, false, 'the main jar; its test-jar is the same package');
  assert.equal(onePackage(packages, 'org.apache.logging.log4j:log4j-core').line, text.split('\n').indexOf('      <artifactId>${log.artifact}</artifactId>') + 1);
  assert.equal(mavenVersion('[1.2,2.0)'), '1.2');
  assert.equal(mavenVersion('(1.2,2.0]'), '1.2');
  assert.equal(mavenVersion('[1.0],[1.5,)'), '1.0');
  assert.equal(mavenVersion('1.2.3'), '1.2.3');
});

test('a parent POM in the repository: its dependencies are inherited (with the child\'s project.version), the child\'s own declarations win', async () => {
  const repo = await makeRepo({
    'build/parent.xml': fixture('pom-xml', 'inheriting-parent.xml'),
    'worker/pom.xml': fixture('pom-xml', 'inheriting-child.xml'),
  });
  try {
    const results = await extractDependencies(repo.view, new AbortController().signal);
    assert.deepEqual(results.map((result) => result.file), ['worker/pom.xml']);
    const packages = results[0]?.packages ?? [];
    assert.deepEqual(ids(packages), [
      'com.google.code.findbugs:jsr305@3.0.2',
      'io.netty:netty-codec-http@4.1.100.Final',
      'org.example.shop:shop-bom-check@1.0-CHILD',
      'org.slf4j:slf4j-api@2.0.12',
    ]);
    const jsr305 = onePackage(packages, 'com.google.code.findbugs:jsr305');
    assert.equal(jsr305.sourceFile, 'build/parent.xml', 'declared by the parent');
    assert.equal(jsr305.line, fixture('pom-xml', 'inheriting-parent.xml').split('\n').indexOf('      <artifactId>jsr305</artifactId>') + 1);
    assert.equal(onePackage(packages, 'io.netty:netty-codec-http').sourceFile, 'worker/pom.xml');
  } finally {
    await repo.cleanup();
  }
});
