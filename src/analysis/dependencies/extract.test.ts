import assert from 'node:assert/strict';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeRepo } from '../../../test/support/fixtures.js';
import { npmTree, MEDIUM_TREE } from '../../../test/support/npm-tree.js';
import { FsRepoView } from '../../lib/repo/repo-view.js';
import { extractDependencies, findLockfiles, isVendoredPath } from './extract.js';
import { fixture } from '../../../test/support/lockfile-fixtures.js';

const signal = new AbortController().signal;

test('one repository with every format: each file read by its extractor, in path order', async () => {
  const repo = await makeRepo({
    'web/package-lock.json': fixture('package-lock', 'v3-workspaces.json'),
    'web2/yarn.lock': fixture('yarn-lock', 'berry.lock'),
    'web3/pnpm-lock.yaml': fixture('pnpm-lock', 'v9.yaml'),
    'web4/bun.lock': fixture('bun-lock', 'bun.lock'),
    'harmony/oh-package-lock.json5': fixture('oh-package-lock', 'oh-package-lock.json5'),
    'py/requirements.txt': 'django==4.2.1\n',
    'py/Pipfile.lock': fixture('pipfile-lock', 'Pipfile.lock'),
    'py/poetry.lock': fixture('poetry-lock', 'poetry.lock'),
    'py/pdm.lock': fixture('pdm-lock', 'pdm.lock'),
    'py/uv.lock': fixture('uv-lock', 'uv.lock'),
    'go/go.mod': fixture('go-mod', 'go.mod'),
    'rust/Cargo.lock': fixture('cargo-lock', 'Cargo.lock'),
    'ruby/Gemfile.lock': fixture('gemfile-lock', 'Gemfile.lock'),
    'php/composer.lock': fixture('composer-lock', 'composer.lock'),
    'java/pom.xml': fixture('pom-xml', 'parent-pom.xml'),
    'java/gradle.lockfile': fixture('gradle-lockfile', 'gradle.lockfile'),
    'java/buildscript-gradle.lockfile': fixture('gradle-lockfile', 'buildscript-gradle.lockfile'),
    'dotnet/packages.lock.json': fixture('nuget-packages-lock', 'packages.lock.json'),
    'dotnet/packages.config': fixture('nuget-packages-config', 'packages.config'),
    'dart/pubspec.lock': fixture('pubspec-lock', 'pubspec.lock'),
    'elixir/mix.lock': fixture('mix-lock', 'mix.lock'),
    'cpp/conan.lock': fixture('conan-lock', 'conan2.lock'),
    'r/renv.lock': fixture('renv-lock', 'renv.lock'),
    'third_party/lib/Cargo.lock': fixture('cargo-lock', 'Cargo.lock'),
    'src/vendor/go.mod': fixture('go-mod', 'go.mod'),
    'README.md': '# nothing to extract\n',
  });
  try {
    const results = await extractDependencies(repo.view, signal);
    assert.equal(results.length, 23);
    assert.deepEqual(results.filter((result) => result.error !== undefined), []);
    for (const result of results) {
      assert.ok(result.packages.length > 0 || result.file === 'java/pom.xml', `${result.file} yields packages`);
      for (const pkg of result.packages) {
        assert.ok(pkg.purl.startsWith('pkg:'), pkg.purl);
        assert.ok(pkg.sourceFile === result.file || result.extractor === 'requirements-txt', pkg.sourceFile);
      }
    }
    assert.deepEqual(
      results.map((result) => result.file),
      [...results.map((result) => result.file)].sort(),
    );
    const withVendored = await extractDependencies(repo.view, signal, { includeVendored: true });
    assert.deepEqual(withVendored.length, 25);
  } finally {
    await repo.cleanup();
  }
});

test('vendored folders: node_modules, vendor, third_party and friends, at any depth, not the file name itself', () => {
  assert.equal(isVendoredPath('node_modules/a/package-lock.json'), true);
  assert.equal(isVendoredPath('x/vendor/go.mod'), true);
  assert.equal(isVendoredPath('Third_Party/lib/Cargo.lock'), true);
  assert.equal(isVendoredPath('vendor.lock'), false);
  assert.equal(isVendoredPath('vendor/modules.txt'), false, "Go's list of the project's own vendored modules");
  assert.equal(isVendoredPath('svc/vendor/modules.txt'), false);
  assert.equal(isVendoredPath('vendor/x/vendor/modules.txt'), true);
  assert.equal(isVendoredPath('vendor/github.com/a/b/go.mod'), true);
  assert.equal(isVendoredPath('packages/app/yarn.lock'), false);
});

test("an aborted signal ends that caller's wait, not the shared extraction other checkers wait for", async () => {
  const repo = await makeRepo({ 'go.mod': 'module m\ngo 1.22\n' });
  try {
    const aborted = new AbortController();
    aborted.abort(new Error('task cancelled'));
    await assert.rejects(extractDependencies(repo.view, aborted.signal), /task cancelled/);
    const timingOut = new AbortController();
    const first = extractDependencies(repo.view, timingOut.signal);
    timingOut.abort(new Error('checker timed out'));
    await assert.rejects(first, /checker timed out/);
    const [result] = await extractDependencies(repo.view, signal);
    assert.equal(result?.packages[0]?.purl, 'pkg:golang/stdlib@1.22');
  } finally {
    await repo.cleanup();
  }
});

test('a file that vanishes between listing and reading becomes an error result, the rest stands', async () => {
  const repo = await makeRepo({ 'a/go.mod': 'module a\ngo 1.22\n', 'b/go.mod': 'module b\ngo 1.21\n' });
  try {
    await repo.view.files();
    await rm(join(repo.dir, 'a', 'go.mod'));
    const results = await extractDependencies(repo.view, signal);
    assert.match(results[0]?.error ?? '', /^a\/go\.mod: .*ENOENT/);
    assert.equal(results[1]?.packages[0]?.name, 'stdlib');
  } finally {
    await repo.cleanup();
  }
});

test('cross-check on a real npm install: the hidden lockfile yields exactly the installed packages', async () => {
  // npm writes node_modules/.package-lock.json (the v3 `packages` layout) for every install; each entry is a
  // folder holding a package.json whose name/version must match what the extractor reports.
  const tree = await npmTree(MEDIUM_TREE);
  const view = new FsRepoView(tree.dir, 'tree');
  const results = await extractDependencies(view, signal, { includeVendored: true });
  assert.deepEqual(await findLockfiles(view, {}), [], 'node_modules is skipped by default');
  const hidden = JSON.parse(await readFile(join(tree.nodeModules, '.package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
  // `.package-lock.json` is not a lockfile name extractors claim; read it as a package-lock.json.
  const { parsePackageLock } = await import('./package-lock/index.js');
  const packages = parsePackageLock(JSON.stringify(hidden, null, 2), 'node_modules/.package-lock.json');
  const installed: string[] = [];
  for (const key of Object.keys(hidden.packages)) {
    const manifest = JSON.parse(await readFile(join(tree.dir, key, 'package.json'), 'utf8')) as { name: string; version: string };
    installed.push(`${manifest.name}@${manifest.version}`);
  }
  assert.ok(packages.length > 100, `${packages.length} packages`);
  assert.deepEqual(packages.map((pkg) => `${pkg.name}@${pkg.version}`).sort(), installed.sort());
  // Every dependency edge points at a package of the same lockfile.
  const purls = new Set(packages.map((pkg) => pkg.purl));
  for (const pkg of packages) for (const dep of pkg.dependsOn ?? []) assert.ok(purls.has(dep), `${pkg.purl} → ${dep}`);
  // The bundled package-lock.json files inside node_modules are found when vendored folders are included.
  const nested = (await readdir(tree.nodeModules, { recursive: true })).filter((name) => String(name).endsWith('package-lock.json'));
  assert.equal(results.length, nested.length);
});

test('lockfiles above the view read cap (8 MiB) are read whole, not truncated', async () => {
  const packages: Record<string, unknown> = { '': { name: 'big', dependencies: { 'pkg-0': '*' } } };
  for (let index = 0; index < 40_000; index++) {
    packages[`node_modules/pkg-${index}`] = { version: '1.0.0', resolved: `https://registry.example.test/pkg-${index}/-/pkg-${index}-1.0.0.tgz`, integrity: `sha512-${'A'.repeat(88)}`, license: 'MIT' };
  }
  const text = JSON.stringify({ name: 'big', lockfileVersion: 3, packages }, null, 2);
  assert.ok(text.length > 8 * 1024 * 1024, `${text.length} bytes`);
  const repo = await makeRepo({ 'package-lock.json': text });
  try {
    const [result] = await extractDependencies(repo.view, signal);
    assert.equal(result?.error, undefined);
    assert.equal(result?.packages.length, 40_000);
  } finally {
    await repo.cleanup();
  }
});
