import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'smol-toml';
import { declaredByPyproject } from '../python-common.js';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { parsePoetryLock } from './index.js';

test('poetry.lock 2.0: graph, git sources, direct and dev from pyproject.toml groups', () => {
  const text = fixture('poetry-lock', 'poetry.lock');
  const declared = declaredByPyproject(parse(fixture('poetry-lock', 'pyproject.toml')));
  const packages = parsePoetryLock(crlf(text), 'poetry.lock', declared);
  assert.deepEqual(ids(packages), ['certifi@2024.2.2', 'iniconfig@2.0.0', 'my-tool@0.3.0', 'pytest@8.1.1', 'requests@2.31.0']);
  const requests = onePackage(packages, 'requests');
  assert.equal(requests.direct, true);
  assert.equal(requests.dev, false);
  assert.deepEqual(requests.dependsOn, ['pkg:pypi/certifi@2024.2.2'], 'the optional PySocks is not locked');
  assert.equal(requests.line, 47);
  assert.equal(onePackage(packages, 'iniconfig').dev, true, 'only pytest (dev group) needs it');
  assert.equal(onePackage(packages, 'iniconfig').direct, false);
  assert.equal(onePackage(packages, 'certifi').dev, false);
  const tool = onePackage(packages, 'my-tool');
  assert.equal(tool.resolution, 'git');
  assert.equal(tool.commit, '0123456789abcdef0123456789abcdef01234567');
});

test('poetry.lock 1.1: category gives dev; malformed files are refused', () => {
  const packages = parsePoetryLock(fixture('poetry-lock', 'poetry-legacy.lock'), 'poetry.lock');
  assert.equal(onePackage(packages, 'toml').dev, true);
  assert.equal(onePackage(packages, 'six').dev, false);
  assert.equal(onePackage(packages, 'six').direct, undefined);
  assert.throws(() => parsePoetryLock('[[package]\nname = 1', 'poetry.lock'), /not valid TOML/);
  assert.throws(() => parsePoetryLock('x = 1', 'poetry.lock'), /no \[\[package\]\] tables/);
});
