import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeRepo } from '../../../../test/support/fixtures.js';
import { extractDependencies } from '../extract.js';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { parseYarnLock } from './index.js';

const signal = new AbortController().signal;

test('classic lockfile: multi-descriptor headers, aliases, git/file dependencies, graph and lines', () => {
  const text = fixture('yarn-lock', 'v1.lock');
  const packages = parseYarnLock(text, 'yarn.lock');
  assert.deepEqual(ids(packages), [
    '@babel/code-frame@7.12.13',
    '@babel/highlight@7.14.0',
    'is-thing@1.0.0',
    'js-tokens@4.0.0',
    'left-pad@1.3.0',
    'local-lib@0.1.0',
    'lodash@3.10.1',
    'lodash@4.17.21',
    'typescript@5.4.5',
  ]);
  const frame = onePackage(packages, '@babel/code-frame');
  assert.equal(frame.line, 5);
  assert.equal(frame.purl, 'pkg:npm/%40babel/code-frame@7.12.13');
  assert.deepEqual(frame.dependsOn, ['pkg:npm/%40babel/highlight@7.14.0']);
  assert.equal(frame.resolution, 'registry');
  // Without package.json the file does not say what is direct.
  assert.equal(frame.direct, undefined);
  assert.equal(onePackage(packages, 'js-tokens').line, 23);
  const leftPad = onePackage(packages, 'left-pad');
  assert.equal(leftPad.resolution, 'git');
  assert.equal(leftPad.commit, '5eb2ec9c1e8d3c3e4e1b6c5d1f2a3b4c5d6e7f80');
  assert.equal(onePackage(packages, 'local-lib').resolution, 'local');
  // The registry tarball's `#sha1` is not a commit.
  assert.equal(onePackage(packages, 'lodash', '4.17.21').commit, undefined);
  assert.deepEqual(parseYarnLock(crlf(text), 'yarn.lock'), packages);
});

test('classic lockfile with workspaces: direct and dev from the root and member manifests', async () => {
  const repo = await makeRepo({
    'yarn.lock': crlf(fixture('yarn-lock', 'v1.lock')),
    'package.json': fixture('yarn-lock', 'v1-package.json'),
    'packages/app/package.json': fixture('yarn-lock', 'v1-member-package.json'),
    'other/package.json': '{"dependencies": {"js-tokens": "^4.0.0"}}',
    'broken/yarn.lock': fixture('yarn-lock', 'malformed-v1.lock'),
  });
  try {
    const results = await extractDependencies(repo.view, signal);
    assert.match(results[0]?.error ?? '', /^broken\/yarn\.lock: line 5: nested value outside a section/);
    const packages = results[1]?.packages ?? [];
    assert.equal(onePackage(packages, 'lodash', '4.17.21').direct, true);
    assert.equal(onePackage(packages, 'lodash', '3.10.1').direct, true, 'through the old-lodash alias');
    assert.equal(onePackage(packages, 'is-thing').direct, true, 'declared by the workspace member');
    assert.equal(onePackage(packages, 'js-tokens').direct, false, 'other/ is not a workspace');
    assert.equal(onePackage(packages, 'typescript').dev, true);
    assert.equal(onePackage(packages, 'lodash', '4.17.21').dev, false);
    assert.equal(onePackage(packages, 'js-tokens').dev, undefined);
  } finally {
    await repo.cleanup();
  }
});

test('Berry lockfile: workspaces, aliases, git commits, patches skipped, graph', () => {
  const text = fixture('yarn-lock', 'berry.lock');
  const packages = parseYarnLock(text, 'yarn.lock');
  assert.deepEqual(ids(packages), [
    '@acme/app@0.0.0-use.local',
    'js-tokens@4.0.0',
    'left-pad@1.3.0',
    'lodash@3.10.1',
    'lodash@4.17.21',
    'loose-envify@1.4.0',
    'react-dom@18.2.0',
    'react@18.2.0',
    'resolve@1.22.8',
  ]);
  const react = onePackage(packages, 'react');
  assert.equal(react.direct, true);
  assert.equal(react.line, text.split('\n').indexOf('"my-react@npm:react@^18.2.0":') + 1);
  assert.deepEqual(react.dependsOn, ['pkg:npm/loose-envify@1.4.0']);
  assert.equal(onePackage(packages, 'lodash', '3.10.1').direct, true);
  assert.equal(onePackage(packages, 'loose-envify').direct, false);
  assert.deepEqual(onePackage(packages, 'loose-envify').dependsOn, ['pkg:npm/js-tokens@4.0.0']);
  const leftPad = onePackage(packages, 'left-pad');
  assert.equal(leftPad.resolution, 'git');
  assert.equal(leftPad.commit, '5eb2ec9c1e8d3c3e4e1b6c5d1f2a3b4c5d6e7f80');
  assert.equal(leftPad.direct, true);
  assert.equal(packages.some((pkg) => pkg.name === 'monorepo'), false, 'the root workspace is the project itself');
  assert.equal(onePackage(packages, '@acme/app').resolution, 'local');
  assert.equal(onePackage(packages, 'lodash', '4.17.21').line, 37);
  assert.deepEqual(parseYarnLock(crlf(text), 'yarn.lock'), packages);
});

test('classic lockfile, exotic entries: file: tarballs and folders, git commits in every form, aliases, pre-release and build versions', () => {
  const text = fixture('yarn-lock', 'v1-exotic.lock');
  const packages = parseYarnLock(crlf(text), 'yarn.lock');
  assert.deepEqual(ids(packages), [
    'bundled-lib@2.0.0',
    'chart-kit@3.1.0',
    'cli-tool@0.4.0-rc.2',
    'dom-bits@2.1.6+git',
    'ent@1.0.0',
    'etag@1.8.0',
    'etag@1.8.1',
    'local-thing@0.0.2',
    'pinned@2.1.8-no-fsevents.3',
    'tree-branch@5.0.0',
    'utils@1.0.0-beta.4',
  ]);
  const commits = Object.fromEntries(packages.map((pkg) => [pkg.name, pkg.commit]));
  assert.deepEqual(commits, {
    'bundled-lib': undefined,
    'chart-kit': '1111111111111111111111111111111111111111',
    'cli-tool': '2222222222222222222222222222222222222222',
    'dom-bits': '3333333333333333333333333333333333333333',
    ent: '4444444444444444444444444444444444444444',
    etag: undefined,
    'local-thing': undefined,
    pinned: undefined,
    'tree-branch': undefined,
    utils: undefined,
  });
  assert.equal(onePackage(packages, 'tree-branch').resolution, 'git', 'a branch is git, but no commit');
  assert.equal(onePackage(packages, 'bundled-lib').resolution, 'local');
  assert.equal(onePackage(packages, 'etag', '1.8.0').resolution, 'local');
  assert.equal(onePackage(packages, 'etag', '1.8.1').resolution, 'registry');
  assert.equal(onePackage(packages, 'pinned').resolution, 'registry', '`npm:<version>` is no alias');
  assert.deepEqual(onePackage(packages, 'local-thing').dependsOn, ['pkg:npm/etag@1.8.0']);
  assert.equal(onePackage(packages, 'local-thing').line, text.split('\n').indexOf('"local-thing@file:../local-thing", "local-thing@file:../local-thing/":') + 1);
});

test('Berry lockfile, exotic entries: the root workspace is left out, other workspaces, file:, git commits, aliases, odd versions kept', () => {
  const text = fixture('yarn-lock', 'berry-exotic.lock');
  const packages = parseYarnLock(crlf(text), 'yarn.lock');
  assert.deepEqual(ids(packages), [
    '@acme/ws-lib@0.0.0-use.local',
    'bundled-lib@2.0.0',
    'cli-tool@0.4.0-rc.2',
    'dom-bits@2.1.6+git',
    'local-thing@0.0.2',
    'numeric@1.10',
    'pinned@2.1.8-no-fsevents.3',
    'utils@1.0.0-beta.4',
  ]);
  assert.equal(onePackage(packages, 'cli-tool').commit, '2222222222222222222222222222222222222222');
  assert.equal(onePackage(packages, 'dom-bits').commit, '3333333333333333333333333333333333333333', '#commit: form');
  assert.equal(onePackage(packages, 'dom-bits').resolution, 'git');
  for (const name of ['bundled-lib', 'local-thing', '@acme/ws-lib']) assert.equal(onePackage(packages, name).resolution, 'local', name);
  for (const pkg of packages) assert.equal(pkg.direct, true, `${pkg.name}: a dependency of the root workspace`);
  assert.equal(onePackage(packages, 'numeric').line, text.split('\n').indexOf('"numeric@npm:^1.10.0":') + 1);
});
