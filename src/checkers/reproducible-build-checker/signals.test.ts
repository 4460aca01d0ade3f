import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isBuildinfoFile, isSignalSource, isToolchainFile, scanText, scanToolchainFile } from './signals.js';

void test('which files are searched', () => {
  for (const path of ['Makefile', 'build/release.mk', 'Dockerfile', 'scripts/build.sh', '.github/workflows/release.yml', '.goreleaser.yaml', 'pom.xml', 'build.gradle.kts', 'README.md', 'docs/building.md', 'debian/rules', 'CMakeLists.txt']) assert.ok(isSignalSource(path), path);
  for (const path of ['src/main.go', 'vendor/x/Makefile', 'node_modules/y/package.json', 'LICENSE', 'assets/logo.svg']) assert.ok(!isSignalSource(path), path);
  for (const path of ['rust-toolchain.toml', 'go.mod', '.nvmrc', '.tool-versions', 'global.json', 'gradle/wrapper/gradle-wrapper.properties', 'flake.lock']) assert.ok(isToolchainFile(path), path);
  assert.ok(isBuildinfoFile('dist/demo_1.0_amd64.buildinfo'));
});

void test('text signals: SOURCE_DATE_EPOCH and the tools\' timestamp settings, -trimpath, declarations', () => {
  assert.deepEqual(scanText('Makefile', 'VERSION := 1\nexport SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct)\nbuild:\n\tgo build -trimpath -o bin/demo\n'), [
    { kind: 'source-date-epoch', path: 'Makefile', line: 2, text: 'export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct)' },
    { kind: 'trimpath', path: 'Makefile', line: 4, text: 'go build -trimpath -o bin/demo' },
  ]);
  assert.equal(scanText('pom.xml', '<properties>\n  <project.build.outputTimestamp>2024-01-01T00:00:00Z</project.build.outputTimestamp>\n')[0]?.kind, 'source-date-epoch');
  assert.equal(scanText('build.gradle.kts', 'tasks.withType<AbstractArchiveTask> {\n  isPreserveFileTimestamps = false\n}\n')[0]?.kind, 'source-date-epoch');
  assert.equal(scanText('.goreleaser.yaml', 'builds:\n  - flags: [-trimpath]\n    mod_timestamp: "{{ .CommitTimestamp }}"\n').length, 2);
  assert.deepEqual(scanText('README.md', '## Build\n\nOur builds are reproducible, see https://reproducible-builds.org.\n\nUse SOURCE_DATE_EPOCH.\n').map((s) => s.kind), ['declaration'], 'documents only declare');
  assert.deepEqual(scanText('docs/build.md', '本项目支持可重现构建。\n').map((s) => s.kind), ['declaration']);
});

void test('not signals: words that only look alike', () => {
  assert.deepEqual(scanText('Makefile', 'TRIMPATH_OPTS=\n# reproducible? no\nbuild:\n\tgcc -o x x.c\n'), []);
  assert.deepEqual(scanText('README.md', 'A reproducible research notebook.\n'), []);
});

void test('pinned toolchains: an exact version, not a channel', () => {
  assert.deepEqual(scanToolchainFile('rust-toolchain.toml', '[toolchain]\nchannel = "1.79.0"\n'), { kind: 'pinned-toolchain', path: 'rust-toolchain.toml', line: 2, text: 'channel = "1.79.0"' });
  assert.equal(scanToolchainFile('rust-toolchain.toml', '[toolchain]\nchannel = "stable"\n'), null);
  assert.equal(scanToolchainFile('rust-toolchain', '1.80.1\n')?.text, '1.80.1');
  assert.equal(scanToolchainFile('go.mod', 'module x\n\ngo 1.22\n\ntoolchain go1.22.4\n')?.line, 5);
  assert.equal(scanToolchainFile('go.mod', 'module x\n\ngo 1.22\n'), null);
  assert.equal(scanToolchainFile('.nvmrc', 'lts/*\n'), null);
  assert.equal(scanToolchainFile('.nvmrc', 'v20.11.1\n')?.kind, 'pinned-toolchain');
  assert.equal(scanToolchainFile('gradle/wrapper/gradle-wrapper.properties', 'distributionUrl=https\\://services.gradle.org/x.zip\ndistributionSha256Sum=abc\n')?.line, 2);
});
