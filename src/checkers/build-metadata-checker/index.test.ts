import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakePlatform, type FakePlatform } from '../../../test/fakes/platforms.js';
import { runOnFake } from '../../../test/fakes/run-platform-command.js';
import { makeContext, makeRepo, type FixtureRepo } from '../../../test/support/fixtures.js';
import type { Json } from '../../lib/json.js';
import { buildMetadataResult } from '../shared/build-metadata.js';
import { checker } from './index.js';

type JsonObject = { [key: string]: Json };

let github: FakePlatform;
let repo: FixtureRepo;
before(async () => {
  github = await startFakePlatform('github');
  repo = await makeRepo({ 'package.json': '{"name":"demo","repository":"https://github.com/acme/demo","scripts":{"build":"tsc"}}\n', 'packages/a/package.json': '{"repository":"x","scripts":{"build":"y"}}' });
});
after(async () => {
  await github.close();
  await repo.cleanup();
});

const asset = (name: string): JsonObject => ({ name, browser_download_url: `${github.origin}/acme/demo/releases/download/v2.0.0/${name}`, size: 10 });
const release = (tag: string, names: string[], extra: JsonObject = {}): JsonObject => ({ tag_name: tag, name: tag, body: '', draft: false, prerelease: false, created_at: '2026-01-01T00:00:00Z', published_at: '2026-01-01T00:00:00Z', assets: names.map(asset), ...extra });

async function run(env: Record<string, string> = {}): Promise<Record<string, unknown>> {
  return (await runOnFake(github, ['build-metadata-checker', 'artifact-metadata-checker'], { env, repo: repo.view }));
}

void test('release assets and the root manifest: every piece of build metadata with its kind', async () => {
  github.data.releases = [
    release('v2.0.0', ['demo-2.0.0.tar.gz', 'demo-2.0.0.tar.gz.intoto.jsonl', 'demo_2.0.0_checksums.txt', 'SHA256SUMS.asc', 'demo.cdx.json'], { published_at: '2026-03-01T00:00:00Z' }),
    release('v2.1.0-rc.1', ['demo.spdx.json'], { prerelease: true, published_at: '2026-04-01T00:00:00Z' }),
    release('v1.0.0', ['demo-1.0.0.zip', 'demo-1.0.0.zip.sha256']),
  ];
  const results = await run();
  const result = results['build-metadata-checker'] as Record<string, unknown>;
  assert.deepEqual(result, {
    metadata_available: true,
    artifact_metadata: [
      { release: 'v2.0.0', file: 'demo-2.0.0.tar.gz.intoto.jsonl', kind: 'provenance' },
      { release: 'v2.0.0', file: 'demo_2.0.0_checksums.txt', kind: 'checksum' },
      { release: 'v2.0.0', file: 'SHA256SUMS.asc', kind: 'signature' },
      { release: 'v2.0.0', file: 'demo.cdx.json', kind: 'sbom' },
      { release: 'v1.0.0', file: 'demo-1.0.0.zip.sha256', kind: 'checksum' },
      { release: null, file: 'demo/package.json', kind: 'package-manifest' },
    ],
    kinds: ['provenance', 'checksum', 'signature', 'sbom', 'package-manifest'],
    releases_checked: ['v2.0.0', 'v1.0.0'],
    manifests: [{ file: 'demo/package.json', repository: 'https://github.com/acme/demo', build: 'npm run build' }],
  });
  assert.deepEqual(results['artifact-metadata-checker'], result, 'the alias answers the same');
});

void test('only the latest releases are read', async () => {
  github.data.releases = [release('v3', []), release('v2', []), release('v1', ['old.sha256'])];
  const result = (await run({ OPENCHECKER_SUPPLYCHAIN_RELEASES_CHECKED: '2' }))['build-metadata-checker'] as Record<string, unknown>;
  assert.deepEqual(result.releases_checked, ['v3', 'v2']);
  assert.equal(result.metadata_available, true, 'the manifest still counts');
  assert.deepEqual((result.artifact_metadata as Array<{ kind: string }>).map((entry) => entry.kind), ['package-manifest']);
});

void test('nothing: false and an empty list (Compass reads both), with the evidence that was looked at', () => {
  const result = buildMetadataResult({ checked: ['v1'], entries: [] }, [{ file: 'demo/package.json', repository: null, build: 'npm run build' }]);
  assert.deepEqual(result, { metadata_available: false, artifact_metadata: [], kinds: [], releases_checked: ['v1'], manifests: [{ file: 'demo/package.json', repository: null, build: 'npm run build' }] });
});

void test('a local folder: manifests only, releases skipped with the reason; a platform failure is an error', async () => {
  const local = (await checker.run(makeContext(repo.view, { task: { projectUrl: '/srv/demo' } }))) as Record<string, unknown>;
  assert.equal(local.releases_skipped, 'not a GitHub, Gitee or GitCode project: releases are not read');
  assert.equal(local.metadata_available, true);
  github.mode = 'not-found';
  try {
    assert.match(String(((await run())['build-metadata-checker'] as { error: string }).error), /not found \(404\)/);
  } finally {
    github.mode = 'ok';
  }
});
