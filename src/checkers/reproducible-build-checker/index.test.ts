import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startFakePlatform, type FakePlatform } from '../../../test/fakes/platforms.js';
import { makeContext, makeRepo, testConfig, type FixtureRepo } from '../../../test/support/fixtures.js';
import type { Json } from '../../lib/json.js';
import { checkReproducible, checker, MAX_ARTIFACTS } from './index.js';

type JsonObject = { [key: string]: Json };
type Result = Record<string, unknown> & { artifacts: Array<Record<string, unknown>> };
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const sha512 = (text: string): string => createHash('sha512').update(text).digest('hex');

let github: FakePlatform;
let repo: FixtureRepo;
before(async () => {
  github = await startFakePlatform('github');
  repo = await makeRepo({ Makefile: 'build:\n\tSOURCE_DATE_EPOCH=$(shell git log -1 --format=%ct) go build -trimpath ./...\n', 'go.mod': 'module github.com/acme/demo\n\ngo 1.22\n\ntoolchain go1.22.4\n', 'README.md': '# demo\n' });
});
after(async () => {
  await github.close();
  await repo.cleanup();
});

function release(tag: string, assets: Record<string, string>, extra: JsonObject = {}): JsonObject {
  for (const [name, body] of Object.entries(assets)) github.data.assets[`${tag}/${name}`] = body;
  return {
    tag_name: tag,
    name: tag,
    body: '',
    draft: false,
    prerelease: false,
    created_at: '2026-01-01T00:00:00Z',
    published_at: '2026-01-01T00:00:00Z',
    assets: Object.entries(assets).map(([name, body]) => ({ name, size: body.length, digest: `sha256:${sha256(body)}`, browser_download_url: `${github.origin}/acme/demo/releases/download/${tag}/${name}` })),
    ...extra,
  };
}

async function check(): Promise<Result> {
  const config = testConfig({ ...github.env() });
  return (await checkReproducible(makeContext(repo.view, { config, task: { projectUrl: github.projectUrl } }))) as Result;
}

void test('checksums published and matching, with signals: reproducible', async () => {
  const tarball = 'tarball bytes';
  const zip = 'zip bytes';
  github.data.releases = [release('v1.0.0', { 'demo.tar.gz': tarball, 'demo.zip': zip, SHA256SUMS: `${sha256(tarball)}  demo.tar.gz\n${sha256(zip)} *demo.zip\n${sha256('x')}  not-attached.deb\n`, 'demo.zip.sha512': `${sha512(zip)}\n` })];
  const result = await check();
  assert.equal(result.reproducible, true);
  assert.equal(result.checksum_match, true);
  assert.deepEqual(result.artifacts, [
    { release: 'v1.0.0', file: 'demo.tar.gz', checksum_file: 'SHA256SUMS', algorithm: 'sha256', expected: sha256(tarball), actual: sha256(tarball), match: true, platform_digest_match: true },
    { release: 'v1.0.0', file: 'demo.zip', checksum_file: 'SHA256SUMS', algorithm: 'sha256', expected: sha256(zip), actual: sha256(zip), match: true, platform_digest_match: true },
    { release: 'v1.0.0', file: 'demo.zip', checksum_file: 'demo.zip.sha512', algorithm: 'sha512', expected: sha512(zip), actual: sha512(zip), match: true, platform_digest_match: true },
  ]);
  assert.deepEqual(result.checksum_files, [
    { release: 'v1.0.0', file: 'SHA256SUMS', listed: 3, attached: 2 },
    { release: 'v1.0.0', file: 'demo.zip.sha512', listed: 1, attached: 1 },
  ]);
  assert.deepEqual(result.signal_kinds, ['source-date-epoch', 'trimpath', 'pinned-toolchain']);
  assert.deepEqual((result.signals as Array<{ file: string }>).map((signal) => signal.file), ['demo/Makefile', 'demo/Makefile', 'demo/go.mod']);
  assert.deepEqual(Object.keys(result).slice(0, 4), ['reproducible', 'checksum_match', 'artifacts', 'signals']);
});

void test('a mismatch makes checksum_match false', async () => {
  github.data.releases = [release('v1.0.0', { 'demo.tar.gz': 'tampered', SHA256SUMS: `${sha256('original')}  demo.tar.gz\n` })];
  const result = await check();
  assert.deepEqual([result.reproducible, result.checksum_match, result.artifacts[0]?.match, result.artifacts[0]?.platform_digest_match], [false, false, false, true]);
});

void test('no checksum file: checksum_match null with the reason; reproducible false', async () => {
  github.data.releases = [release('v1.0.0', { 'demo.tar.gz': 'x' })];
  const result = await check();
  assert.deepEqual([result.reproducible, result.checksum_match, result.reason], [false, null, 'no checksum file among the assets of the releases checked']);
});

void test('downloads that fail or exceed the cap are reported per artifact and verify nothing', async () => {
  github.data.releases = [release('v1.0.0', { 'big.bin': 'x'.repeat(5000), SHA256SUMS: `${sha256('x'.repeat(5000))}  big.bin\n${sha256('gone')}  gone.bin\n` })];
  (github.data.releases[0]?.assets as JsonObject[]).push({ name: 'gone.bin', size: 4, browser_download_url: `${github.origin}/acme/demo/releases/download/v1.0.0/gone.bin` });
  const config = testConfig({ ...github.env() });
  const result = (await checkReproducible(makeContext(repo.view, { config, task: { projectUrl: github.projectUrl } }), { maxArtifactBytes: 1000 })) as Result;
  assert.deepEqual(result.artifacts.map((artifact) => [artifact.file, artifact.match, artifact.error]), [
    ['big.bin', null, 'Release asset larger than 1000 bytes; not checked'],
    ['gone.bin', null, 'Failed to download release asset: 404'],
  ]);
  assert.equal(result.checksum_match, null);
  assert.equal(result.reason, 'no artifact listed in the checksum files could be verified');
});

void test(`at most ${MAX_ARTIFACTS} artifacts are downloaded`, async () => {
  const assets: Record<string, string> = {};
  let sums = '';
  for (let i = 0; i < MAX_ARTIFACTS + 2; i++) {
    assets[`a${i}.bin`] = `body ${i}`;
    sums += `${sha256(`body ${i}`)}  a${i}.bin\n`;
  }
  github.data.releases = [release('v1.0.0', { ...assets, SHA256SUMS: sums })];
  github.requests.length = 0;
  const result = await check();
  assert.equal(result.artifacts.filter((artifact) => artifact.match === true).length, MAX_ARTIFACTS);
  assert.equal(result.artifacts.filter((artifact) => String(artifact.error).startsWith('not verified')).length, 2);
  assert.equal(github.requests.filter((request) => /\/a\d+\.bin$/.test(request.path)).length, MAX_ARTIFACTS);
});

void test('a local folder: signals only; a platform failure is an error', async () => {
  const local = (await checker.run(makeContext(repo.view, { task: { projectUrl: '/srv/demo' } }))) as Result;
  assert.deepEqual([local.reproducible, local.checksum_match, local.releases_skipped], [false, null, 'not a GitHub, Gitee or GitCode project: releases are not read']);
  github.mode = 'unauthorized';
  try {
    await assert.rejects(check(), /GitHub API refused the token/);
  } finally {
    github.mode = 'ok';
  }
});
