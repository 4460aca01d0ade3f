import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crlf, fixture, ids, onePackage } from '../../../../test/support/lockfile-fixtures.js';
import { extractor, parseGoWork } from './index.js';

test('go.work: stdlib from the toolchain, versioned replacement targets, go.work.sum modules (go.mod lines skipped)', () => {
  const packages = parseGoWork(crlf(fixture('go-work', 'go.work')), 'go.work', { text: crlf(fixture('go-work', 'go.work.sum')), path: 'go.work.sum' });
  assert.deepEqual(ids(packages), ['cloud.google.com/go/compute@1.23.3', 'example.com/legacy-fork@1.4.0-rc.2', 'golang.org/x/net@0.23.0', 'golang.org/x/tools@0.0.0-20191119224855-298f0cb1881e', 'stdlib@1.22.4']);
  const stdlib = onePackage(packages, 'stdlib');
  assert.equal(stdlib.line, 3);
  assert.equal(stdlib.purl, 'pkg:golang/stdlib@1.22.4');
  const net = onePackage(packages, 'golang.org/x/net');
  assert.equal(net.sourceFile, 'go.work', 'reported once, from the replace line');
  assert.equal(net.line, 12);
  assert.equal(net.purl, 'pkg:golang/golang.org/x/net@v0.23.0');
  const compute = onePackage(packages, 'cloud.google.com/go/compute');
  assert.equal(compute.sourceFile, 'go.work.sum');
  assert.equal(compute.line, 1);
  assert.equal(onePackage(packages, 'golang.org/x/tools').commit, '298f0cb1881e', 'a pseudo-version names its commit');
});

test('go.work: the go directive when the toolchain names no release; no go.work.sum; malformed sums and replaces', () => {
  assert.deepEqual(ids(parseGoWork('go 1.21\ntoolchain default\nuse ./a\n', 'go.work')), ['stdlib@1.21']);
  assert.deepEqual(parseGoWork('use ./a\n', 'go.work'), []);
  assert.throws(() => parseGoWork('go 1.21\n', 'go.work', { text: 'example.com/x v1.0.0\n', path: 'go.work.sum' }), /go\.work\.sum line 1/);
  assert.throws(() => parseGoWork('replace example.com/x\n', 'go.work'), /line 1: replace without/);
  assert.throws(() => parseGoWork('use (\n ./a\n', 'go.work'), /unterminated use/);
  assert.ok(extractor.matches('go.work'));
  assert.ok(!extractor.matches('go.work.sum'));
});
