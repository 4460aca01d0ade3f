import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../../lib/paths.js';
import { extractors } from './registry.js';

const root = join(packageRoot(), 'src', 'analysis', 'dependencies');

test('every folder under src/analysis/dependencies/ is a registered extractor of the same name, and back', () => {
  const folders = readdirSync(root)
    .filter((name) => statSync(join(root, name)).isDirectory())
    .sort();
  assert.deepEqual(extractors.map((extractor) => extractor.name), folders);
  assert.deepEqual([...extractors.map((extractor) => extractor.name)].sort(), extractors.map((extractor) => extractor.name), 'alphabetical');
});

test('every extractor has fixtures and a test beside it', () => {
  for (const { name } of extractors) {
    const files = readdirSync(join(root, name));
    assert.ok(files.includes('index.ts'), `${name}/index.ts`);
    assert.ok(files.includes(`${name}.test.ts`), `${name}/${name}.test.ts`);
    assert.ok(readdirSync(join(root, name, 'fixtures')).length > 0, `${name}/fixtures/`);
  }
});

test('no two extractors claim the same file name', () => {
  const samples = [
    'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'oh-package-lock.json5',
    'requirements.txt', 'requirements-dev.txt', 'Pipfile.lock', 'poetry.lock', 'pdm.lock', 'uv.lock', 'go.mod',
    'Cargo.lock', 'Gemfile.lock', 'gems.locked', 'composer.lock', 'pom.xml', 'gradle.lockfile',
    'buildscript-gradle.lockfile', 'packages.lock.json', 'packages.config', 'pubspec.lock', 'mix.lock', 'conan.lock',
    'renv.lock', 'gradle/verification-metadata.xml', 'Podfile.lock', 'Package.resolved', 'App.deps.json',
    'Directory.Packages.props', 'Directory.Build.props', 'packages.props', 'cabal.project.freeze', 'stack.yaml.lock',
    'rebar.lock', 'manifest.toml', 'deps.edn', 'pylock.toml', 'pylock.dev.toml', 'deno.lock', 'go.work',
    'vendor/modules.txt', 'gradle/libs.versions.toml', 'gradle/tools.versions.toml', 'conanfile.txt', '.tool-versions',
    'mise.toml', '.config/mise/config.toml', '.nvmrc', '.node-version', 'vcpkg.json', 'paket.lock', 'Cartfile.resolved',
    '.config/dotnet-tools.json',
  ];
  for (const sample of samples) {
    const claimed = extractors.filter((extractor) => extractor.matches(`sub/dir/${sample}`)).map((extractor) => extractor.name);
    assert.equal(claimed.length, 1, `${sample}: ${claimed.join(', ') || 'none'}`);
  }
  const others = ['package.json', 'go.sum', 'Cargo.toml', 'Gemfile', 'pyproject.toml', 'README.md', 'yarn.lock.bak', 'Podfile', 'Package.swift', 'App.csproj', 'go.work.sum', 'modules.txt', 'stack.yaml', 'gleam.toml', 'rebar.config', 'conanfile.py', 'vcpkg-configuration.json', 'config.toml', 'paket.dependencies', 'Cartfile'];
  for (const other of others) {
    assert.deepEqual(extractors.filter((extractor) => extractor.matches(other)).map((extractor) => extractor.name), [], other);
  }
});
