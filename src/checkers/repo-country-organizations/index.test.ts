import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { makeTask, testConfig } from '../../../test/support/fixtures.js';
import { startFakeOssInsight, type FakeOssInsight } from '../../../test/fakes/ossinsight.js';
import { errorOf, sample } from '../../../test/fakes/service-fake.js';
import { silentLogger } from '../../lib/log.js';
import { MemoryCache } from '../../lib/shared-cache.js';
import { runCommands } from '../runner.js';
import type { Json } from '../types.js';

let oss: FakeOssInsight;
before(async () => {
  oss = await startFakeOssInsight(['pingcap/tidb']);
});
after(() => oss.close());

async function countries(projectUrl = 'https://github.com/pingcap/tidb', cache = new MemoryCache()): Promise<Json> {
  const results = await runCommands({
    commands: ['repo-country-organizations'],
    task: makeTask({ projectUrl }),
    repo: null,
    config: testConfig({ OPENCHECKER_OSSINSIGHT_API_URL: `${oss.url}/v1`, OPENCHECKER_OSSINSIGHT_TIMEOUT_S: '1' }),
    configDir: tmpdir(),
    log: silentLogger(),
    cache,
  });
  return results['repo-country-organizations'] ?? null;
}

function reset(): void {
  oss.mode = 'ok';
  oss.requests.length = 0;
  oss.failing.clear();
}

const data = (file: string): Json => (sample('ossinsight', file) as { data: Json }).data;

describe('repo-country-organizations against a fake OSS Insight', () => {
  test('six breakdowns under upstream\'s keys, each the API\'s data object', async () => {
    reset();
    assert.deepEqual(await countries('https://github.com/pingcap/tidb.git'), {
      issue_creators_country: data('repos.issue_creators.countries.200.json'),
      issue_creators_organizations: data('repos.issue_creators.organizations.200.json'),
      pull_request_creators_country: data('repos.pull_request_creators.countries.200.json'),
      pull_request_creators_organizations: data('repos.pull_request_creators.organizations.200.json'),
      stargazers_country: data('repos.stargazers.countries.200.json'),
      stargazers_organizations: data('repos.stargazers.organizations.200.json'),
    });
    assert.deepEqual(oss.requests.map((r) => r.path).sort(), [
      '/v1/repos/pingcap/tidb/issue_creators/countries/',
      '/v1/repos/pingcap/tidb/issue_creators/organizations/',
      '/v1/repos/pingcap/tidb/pull_request_creators/countries/',
      '/v1/repos/pingcap/tidb/pull_request_creators/organizations/',
      '/v1/repos/pingcap/tidb/stargazers/countries/',
      '/v1/repos/pingcap/tidb/stargazers/organizations/',
    ]);
  });

  test('answers are kept in the shared cache: a second check of the repository makes no calls', async () => {
    reset();
    const cache = new MemoryCache();
    const first = await countries('https://github.com/pingcap/tidb', cache);
    assert.equal(oss.requests.length, 6);
    assert.deepEqual(await countries('https://github.com/PingCap/TiDB', cache), first);
    assert.equal(oss.requests.length, 6);
  });

  test('no located users: empty rows, not an error', async () => {
    reset();
    oss.mode = 'empty';
    const result = (await countries()) as Record<string, { rows: Json[] }>;
    assert.equal(Object.keys(result).length, 6);
    for (const value of Object.values(result)) assert.deepEqual(value.rows, []);
  });

  test('one failing call marks its key only', async () => {
    reset();
    oss.failing.add('/v1/repos/pingcap/tidb/stargazers/organizations/');
    const result = (await countries()) as Record<string, Json>;
    assert.deepEqual(result.stargazers_organizations, { error: 'OSS Insight failed (HTTP 503 on /repos/pingcap/tidb/stargazers/organizations/): upstream connect error' });
    assert.deepEqual(result.stargazers_country, data('repos.stargazers.countries.200.json'));
  });

  test('a repository OSS Insight does not know, bad credentials, throttling, a hang and a broken body fail the command', async () => {
    reset();
    assert.deepEqual(await countries('https://github.com/acme/unknown'), {
      error: 'OSS Insight gave no data for acme/unknown: OSS Insight has no /repos/acme/unknown/issue_creators/countries/ (HTTP 404): Not Found',
    });
    oss.mode = 'unauthorized';
    assert.match(errorOf(await countries()), /OSS Insight rejected the credentials \(HTTP 401/);
    oss.mode = 'rate-limited';
    assert.match(errorOf(await countries()), /OSS Insight is rate-limiting requests \(HTTP 429 .*retry in 3600 s/);
    oss.mode = 'malformed';
    assert.match(errorOf(await countries()), /OSS Insight answered .* with a body that is not JSON/);
    oss.mode = 'timeout';
    assert.match(errorOf(await countries()), /OSS Insight \(127\.0\.0\.1:\d+\) did not answer within 1 s/);
  });

  test('other platforms are refused with the reason, without calls', async () => {
    reset();
    assert.deepEqual(await countries('https://gitee.com/acme/demo'), {
      error: 'repo-country-organizations works on GitHub repositories only (OSS Insight indexes GitHub), not gitee',
    });
    assert.match(errorOf(await countries('https://git.example.test/acme/demo')), /GitHub repositories only .*Unsupported platform/);
    assert.equal(oss.requests.length, 0);
  });
});
