import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeContext, testConfig } from '../../../test/support/fixtures.js';
import type { RepoView } from '../../lib/repo/repo-view.js';
import { CheckerInputError, type CheckContext } from '../types.js';
import { checker } from './index.js';
import { loadEolList, resolveEolListPath } from './load.js';
import { shippedEolList } from '../../lib/paths.js';

/** A repository view that fails on any use: the checker declares it needs no checkout. */
const noRepo = new Proxy({} as RepoView, {
  get(_target, property) {
    if (property === 'name') return 'demo';
    throw new Error(`eol-checker used the repository (${String(property)})`);
  },
});

function context(projectUrl: string, configDir: string, eolListPath = ''): CheckContext {
  const config = testConfig();
  return makeContext(noRepo, {
    task: { projectUrl },
    configDir,
    config: { ...config, OpenCheck: { ...config.OpenCheck, eol_list_path: eolListPath } },
  });
}

async function tempDir(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'oc-eol-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const SMALL_LIST = `EOL LIST:
  - identifier: https://github.com/acme/old
    repoName: old
    release:
    - 1.0.0
    - 1.0.1
    eol: Y
    eolTime: '2020-02-02'
`;

function inputError(pattern: RegExp): (err: unknown) => boolean {
  return (err) => err instanceof CheckerInputError && pattern.test(err.message);
}

void test('the shipped list: angular.js is EOL since 2022-04-13', async (t) => {
  const dir = await tempDir(t);
  const result = await checker.run(context('https://github.com/angular/angular.js', dir));
  assert.deepEqual(result, { eol_status: 'Y', eol_release: ['1.8.0', '1.7.9', '1.7.8'], eol_time: '2022-04-13' });
});

void test('URL variants match after normalisation (upstream needed the exact string)', async (t) => {
  const dir = await tempDir(t);
  for (const url of ['https://github.com/angular/angular.js.git', 'http://www.github.com/Angular/angular.js/']) {
    const result = (await checker.run(context(url, dir))) as Record<string, unknown>;
    assert.equal(result.eol_time, '2022-04-13', url);
  }
});

void test('a project not on the list gets upstream\'s empty-string shape', async (t) => {
  const dir = await tempDir(t);
  assert.deepEqual(await checker.run(context('https://github.com/acme/fresh', dir)), { eol_status: '', eol_release: '', eol_time: '' });
});

void test('eol.yaml beside config.ini replaces the shipped list', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'eol.yaml'), SMALL_LIST);
  assert.deepEqual(await checker.run(context('https://github.com/acme/old', dir)), {
    eol_status: 'Y',
    eol_release: ['1.0.0', '1.0.1'],
    eol_time: '2020-02-02',
  });
  assert.deepEqual(await checker.run(context('https://github.com/angular/angular.js', dir)), { eol_status: '', eol_release: '', eol_time: '' });
});

void test('eol_list_path wins, relative to the config folder', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'eol.yaml'), 'EOL LIST: []\n');
  await writeFile(join(dir, 'custom-eol.yaml'), SMALL_LIST);
  const result = (await checker.run(context('https://github.com/acme/old', dir, 'custom-eol.yaml'))) as Record<string, unknown>;
  assert.equal(result.eol_status, 'Y');
  assert.deepEqual(await resolveEolListPath('', join(dir, 'missing')), { path: shippedEolList(), source: 'shipped' });
  assert.deepEqual(await resolveEolListPath(' /abs/list.yaml ', dir), { path: '/abs/list.yaml', source: 'config' });
});

void test('a missing or malformed list is an error naming the file and the setting', async (t) => {
  const dir = await tempDir(t);
  const missing = join(dir, 'nope.yaml');
  await assert.rejects(
    checker.run(context('https://github.com/acme/old', dir, missing)),
    inputError(new RegExp(`EOL list ${missing} cannot be used: the file does not exist\\. Set \\[OpenCheck\\] eol_list_path \\(OPENCHECKER_OPENCHECK_EOL_LIST_PATH\\)`)),
  );
  await writeFile(join(dir, 'eol.yaml'), 'EOL LIST:\n  - repoName: no identifier\n');
  await assert.rejects(checker.run(context('https://github.com/acme/old', dir)), inputError(/eol\.yaml cannot be used: entry 1 of "EOL LIST" has no identifier/));
  await assert.rejects(checker.run(context('https://github.com/acme/old', dir, '.')), inputError(/cannot be used: not a regular file/));
});

void test('the list is parsed once per file version and re-read when it changes', async (t) => {
  const dir = await tempDir(t);
  const path = join(dir, 'eol.yaml');
  await writeFile(path, SMALL_LIST);
  const first = await loadEolList(path);
  assert.equal(await loadEolList(path), first);
  await writeFile(path, SMALL_LIST.replace('acme/old', 'acme/older-project'));
  const second = await loadEolList(path);
  assert.notEqual(second, first);
  assert.ok(second.has('https://github.com/acme/older-project'));
  // A broken edit is reported, and fixing the file recovers without a restart.
  await writeFile(path, 'EOL LIST: {');
  await assert.rejects(loadEolList(path), inputError(/not valid YAML/));
  await writeFile(path, SMALL_LIST);
  assert.ok((await loadEolList(path)).has('https://github.com/acme/old'));
});

void test('declares no checkout', () => {
  assert.deepEqual(checker.requirements, { checkout: 'none' });
});
