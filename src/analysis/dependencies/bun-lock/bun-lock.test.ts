import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { parseBunLock } from './index.js';

test('bun.lock: JSONC, workspaces, nested copies, aliases, github dependencies, dev from the graph', () => {
  const text = fixture('bun-lock', 'bun.lock');
  const packages = parseBunLock(crlf(text), 'bun.lock');
  assert.deepEqual(ids(packages), [
    '@acme/app@2.0.0',
    '@acme/lib@',
    '@types/prop-types@15.7.12',
    '@types/react@18.2.79',
    'csstype@3.1.3',
    'js-tokens@4.0.0',
    'left-pad@',
    'lodash@3.10.1',
    'lodash@4.17.21',
    'loose-envify@1.4.0',
    'react@18.2.0',
  ]);
  const react = onePackage(packages, 'react');
  assert.equal(react.direct, true);
  assert.equal(react.dev, false);
  assert.deepEqual(react.dependsOn, ['pkg:npm/loose-envify@1.4.0']);
  assert.equal(react.line, text.split('\n').findIndex((line) => line.includes('"my-react": ["react@')) + 1);
  assert.equal(onePackage(packages, 'lodash', '3.10.1').direct, true, 'the member @acme/app has its own copy');
  assert.equal(onePackage(packages, 'lodash', '4.17.21').direct, true, 'declared by @acme/lib');
  assert.equal(onePackage(packages, 'csstype').dev, true);
  assert.equal(onePackage(packages, 'csstype').direct, false);
  assert.equal(onePackage(packages, '@types/react').dev, true);
  assert.equal(onePackage(packages, '@acme/lib').resolution, 'local');
  const leftPad = onePackage(packages, 'left-pad');
  assert.equal(leftPad.resolution, 'git');
  assert.equal(leftPad.commit, '5eb2ec9');
});

test('bun.lock: malformed files are refused with a reason', () => {
  assert.throws(() => parseBunLock('{"packages": {', 'bun.lock'), /not valid JSONC/);
  assert.throws(() => parseBunLock('{"lockfileVersion": 1}', 'bun.lock'), /no "packages" object/);
});
