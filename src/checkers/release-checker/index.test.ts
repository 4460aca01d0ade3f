import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { startFakePlatform, type FakePlatform } from '../../../test/fakes/platforms.js';
import { runOnFake } from '../../../test/fakes/run-platform-command.js';
import { makeContext, testConfig } from '../../../test/support/fixtures.js';
import { FsRepoView } from '../../lib/repo/repo-view.js';
import { checkReleases, checker, MAX_ARCHIVES } from './index.js';

type Result = Record<string, { error?: string; is_released?: boolean; release_contents?: Array<Record<string, unknown>>; signed_files?: Array<Record<string, unknown>> }>;

let github: FakePlatform;
let gitee: FakePlatform;
let gitcode: FakePlatform;

before(async () => {
  [github, gitee, gitcode] = await Promise.all([startFakePlatform('github'), startFakePlatform('gitee'), startFakePlatform('gitcode')]);
});
after(() => Promise.all([github.close(), gitee.close(), gitcode.close()]));

async function release(fake: FakePlatform, env: Record<string, string> = {}): Promise<Result> {
  return (await runOnFake(fake, ['release-checker'], { env }))['release-checker'] as Result;
}

/** The command-level error of a result. */
function errorOf(result: Result): string {
  return (result as unknown as { error: string }).error;
}

async function fresh(platform: 'github' | 'gitee' | 'gitcode'): Promise<FakePlatform> {
  const fake = await startFakePlatform(platform);
  after(() => fake.close());
  return fake;
}

void test('declares no checkout: it works from the platform API alone', () => {
  assert.deepEqual(checker.requirements, { checkout: 'none', network: true });
});

describe('GitHub', () => {
  beforeEach(async () => {
    github.mode = 'ok';
    github.requests.length = 0;
  });

  void test('notes from CHANGELOG.md and the body, SBOM from the archive, signatures from assets', async () => {
    const fake = await fresh('github');
    fake.data.archives['v1.1.0'] = { ...fake.data.archives['v1.1.0'], 'dist/demo.cdx.json': '{}' };
    const result = await release(fake, { OPENCHECKER_GITHUB_ACCESS_KEY: 'gh-token' });
    assert.deepEqual(result.notes, {
      is_released: true,
      release_contents: [
        { tag: 'v1.1.0', release_name: 'v1.1.0', has_content: true, content_files: ['CHANGELOG.md'], body_has_notes: true, error: null },
        { tag: 'v1.0.0', release_name: 'v1.0.0', has_content: true, content_files: ['CHANGELOG.md'], body_has_notes: true, error: null },
      ],
    });
    assert.deepEqual(result.sbom, {
      is_released: true,
      release_contents: [
        { tag: 'v1.1.0', release_name: 'v1.1.0', has_content: true, content_files: ['dist/demo.cdx.json'], error: null },
        { tag: 'v1.0.0', release_name: 'v1.0.0', has_content: false, content_files: [], error: null },
      ],
    });
    assert.deepEqual(result['signed-release-checker'], {
      is_released: true,
      signed_files: [
        { tag: 'v1.1.0', release_name: 'v1.1.0', signature_files: ['hello-world-1.1.0.tar.gz.asc', 'multiple.intoto.jsonl'], error: null },
        { tag: 'v1.0.0', release_name: 'v1.0.0', signature_files: [], error: null },
      ],
    });
    // The top-level lists OSS Compass's v2 security_package_sig and lifecycle_release_note read.
    assert.deepEqual((result as unknown as Record<string, unknown>).signature_files, ['hello-world-1.1.0.tar.gz.asc', 'multiple.intoto.jsonl']);
    assert.deepEqual((result as unknown as Record<string, unknown>).release_notes, ['v1.1.0', 'v1.0.0']);
    // The zipball redirects to "codeload" on another origin: the token went to the API only.
    const api = fake.requests.filter((request) => request.path.includes('/zipball/'));
    const codeload = fake.requests.filter((request) => request.path.startsWith('/codeload/'));
    assert.equal(api.length, 2);
    assert.equal(codeload.length, 2);
    assert.ok(api.every((request) => request.headers.authorization === 'Bearer gh-token'));
    assert.ok(codeload.every((request) => request.headers.authorization === undefined));
    assert.ok(codeload.every((request) => request.headers.host?.startsWith('localhost:')));
  });

  void test('drafts and pre-releases are not releases; only the most recent archives are downloaded', async () => {
    const fake = await fresh('github');
    const template = fake.data.releases[1] ?? {};
    fake.data.releases = [
      { ...template, tag_name: 'draft-1', draft: true },
      { ...template, tag_name: 'rc-1', prerelease: true },
      ...Array.from({ length: MAX_ARCHIVES + 2 }, (_, index) => ({
        ...template,
        tag_name: `v${MAX_ARCHIVES + 2 - index}.0.0`,
        name: `Release ${MAX_ARCHIVES + 2 - index}`,
        body: '',
        published_at: new Date(Date.UTC(2024, 0, MAX_ARCHIVES + 2 - index)).toISOString(),
        zipball_url: `${fake.url}/repos/acme/demo/zipball/v${MAX_ARCHIVES + 2 - index}.0.0`,
      })),
    ];
    for (let index = 1; index <= MAX_ARCHIVES + 2; index++) fake.data.archives[`v${index}.0.0`] = { 'NEWS.md': 'x' };
    const result = await release(fake);
    const notes = result.notes?.release_contents ?? [];
    assert.equal(notes.length, MAX_ARCHIVES + 2);
    assert.ok(!notes.some((entry) => ['draft-1', 'rc-1'].includes(String(entry.tag))));
    assert.deepEqual(notes[0], { tag: `v${MAX_ARCHIVES + 2}.0.0`, release_name: `Release ${MAX_ARCHIVES + 2}`, has_content: true, content_files: ['NEWS.md'], body_has_notes: false, error: null });
    assert.deepEqual(notes.at(-1), {
      tag: 'v1.0.0',
      release_name: 'Release 1',
      has_content: false,
      content_files: [],
      body_has_notes: false,
      error: 'Not checked: only the most recent releases are downloaded',
    });
    assert.equal(fake.requests.filter((request) => request.path.startsWith('/codeload/')).length, MAX_ARCHIVES);
  });

  void test('a repository without releases: each part says "No releases found", as upstream', async () => {
    github.mode = 'empty';
    const result = await release(github);
    assert.deepEqual(result, { notes: { error: 'No releases found' }, sbom: { error: 'No releases found' }, 'signed-release-checker': { error: 'No releases found' } });
  });

  void test('404, 401, a long rate limit and a broken body are command errors that say what happened', async () => {
    github.mode = 'not-found';
    assert.deepEqual(await release(github), { error: 'GitHub API: not found (404) on GET /repos/acme/demo/releases' });
    github.mode = 'unauthorized';
    assert.deepEqual(await release(github, { OPENCHECKER_GITHUB_ACCESS_KEY: 'expired' }), { error: 'GitHub API refused the token (401: Bad credentials) on GET /repos/acme/demo/releases' });
    github.mode = 'rate-limited';
    assert.match(errorOf(await release(github)), /^GitHub API rate limit exceeded; it resets at .* \(in 6[01] min\), longer than the 60 s an agent waits; configure \[Github\] access_key for a higher limit$/);
    github.mode = 'malformed';
    assert.match(errorOf(await release(github)), /^GitHub API answered GET \/repos\/acme\/demo\/releases with a body that is not JSON/);
  });

  void test('a short rate limit is waited out', async () => {
    github.mode = 'rate-limited-once';
    const result = await release(github);
    assert.equal(result.notes?.is_released, true);
    assert.deepEqual(github.requests.filter((request) => request.path.endsWith('/releases')).map((request) => request.status), [403, 200]);
  });

  void test('an API that never answers ends with the command time limit', async () => {
    github.mode = 'timeout';
    assert.deepEqual(await release(github, { OPENCHECKER_OPENCHECK_COMMAND_TIMEOUT_S: '1' }), { error: 'release-checker timed out after 1 s' });
  });

  void test('archive problems stay with their release: too large, not a zip, missing', async () => {
    const fake = await fresh('github');
    fake.data.rawArchives['v1.0.0'] = Buffer.from('<html>not a zip</html>');
    const ctx = makeContext(new FsRepoView(tmpdir(), 'demo'), { task: { projectUrl: fake.projectUrl }, config: testConfig(fake.env()) });
    const errors = async (options: Parameters<typeof checkReleases>[1]): Promise<unknown[]> => {
      const result = (await checkReleases(ctx, options)) as Result;
      return (result.sbom?.release_contents ?? []).map((entry) => entry.error);
    };
    assert.deepEqual(await errors({}), [null, 'Invalid zip file']);
    assert.deepEqual(await errors({ archiveMaxBytes: 100 }), ['Release archive larger than 100 bytes; not checked', 'Invalid zip file']);
    delete fake.data.archives['v1.1.0'];
    assert.deepEqual(await errors({}), ['Failed to download release zip: 404', 'Invalid zip file']);
  });
});

describe('Gitee and GitCode', () => {
  void test('Gitee: source zip from the zipball endpoint, with the token as access_token', async () => {
    const fake = await fresh('gitee');
    fake.data.archives['v1.0.0'] = { 'RELEASE_NOTES.md': 'x', 'sbom.spdx.json': '{}' };
    const result = await release(fake, { OPENCHECKER_GITEE_ACCESS_KEY: 'gitee-token' });
    assert.deepEqual(result.notes?.release_contents, [
      { tag: 'v1.1.0', release_name: 'v1.1.0', has_content: true, content_files: ['CHANGELOG.md'], body_has_notes: true, error: null },
      { tag: 'v1.0.0', release_name: 'v1.0.0', has_content: true, content_files: ['RELEASE_NOTES.md'], body_has_notes: true, error: null },
    ]);
    assert.deepEqual(result.sbom?.release_contents?.[1], { tag: 'v1.0.0', release_name: 'v1.0.0', has_content: true, content_files: ['sbom.spdx.json'], error: null });
    assert.deepEqual(result['signed-release-checker']?.signed_files?.[0]?.signature_files, ['aafwk_lite-1.1.0.tar.gz.asc']);
    const zips = fake.requests.filter((request) => request.path.endsWith('/zipball'));
    assert.deepEqual(zips.map((request) => [request.query.get('ref'), request.query.get('access_token')]).sort(), [
      ['v1.0.0', 'gitee-token'],
      ['v1.1.0', 'gitee-token'],
    ]);
  });

  void test('GitCode: source zip from the release assets', async () => {
    const fake = await fresh('gitcode');
    const result = await release(fake);
    assert.deepEqual(result.notes?.release_contents, [
      { tag: 'v1.0.217', release_name: 'release1 Name', has_content: true, content_files: ['CHANGELOG.md'], body_has_notes: true, error: null },
    ]);
    assert.deepEqual(result['signed-release-checker']?.signed_files?.[0]?.signature_files, []);
    assert.ok(fake.requests.some((request) => request.path === '/acme/demo/-/archive/v1.0.217/demo-v1.0.217.zip'));
  });

  void test('errors and empty answers on the v5 APIs', async () => {
    gitee.mode = 'not-found';
    assert.deepEqual(await release(gitee), { error: 'Gitee API: not found (404) on GET /api/v5/repos/acme/demo/releases' });
    gitcode.mode = 'unauthorized';
    assert.deepEqual(await release(gitcode, { OPENCHECKER_GITCODE_ACCESS_KEY: 'bad' }), {
      error: 'GitCode API refused the token (401: 401 Unauthorized) on GET /api/v5/repos/acme/demo/releases',
    });
    gitcode.mode = 'rate-limited';
    assert.match(errorOf(await release(gitcode)), /^GitCode API rate limit exceeded/);
    gitee.mode = 'empty';
    assert.deepEqual((await release(gitee)).notes, { error: 'No releases found' });
    gitee.mode = 'ok';
    gitcode.mode = 'ok';
  });
});

void test('URLs of other hosts are refused as input', async () => {
  const result = await runOnFake(github, ['release-checker'], { task: { projectUrl: 'https://gitlab.com/acme/demo' } });
  assert.deepEqual(result['release-checker'], { error: 'Unsupported platform for URL: https://gitlab.com/acme/demo (supported: github.com, gitee.com, gitcode.com)' });
});
