import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { makeTask, testConfig } from '../../../test/support/fixtures.js';
import { startFakeOhpm } from '../../../test/fakes/ohpm.js';
import { errorOf, type FakeService } from '../../../test/fakes/service-fake.js';
import { silentLogger } from '../../lib/log.js';
import { MemoryCache } from '../../lib/shared-cache.js';
import { runCommands } from '../runner.js';
import type { Json } from '../types.js';

const PACKAGED = 'https://gitee.com/openharmony-sig/ohos_axios';
const CREDENTIALS = { accessKey: 'AK-test', secretKey: 'SK-test-secret' };
let ohpm: FakeService;

before(async () => {
  ohpm = await startFakeOhpm(CREDENTIALS, [PACKAGED]);
});
after(() => ohpm.close());

async function ohpmInfo(projectUrl = PACKAGED, env: Record<string, string> = {}): Promise<Json> {
  const results = await runCommands({
    commands: ['ohpm-info'],
    task: makeTask({ projectUrl }),
    repo: null,
    config: testConfig({
      OPENCHECKER_OHPM_API_URL: ohpm.url,
      OPENCHECKER_OHPM_TIMEOUT_S: '1',
      OPENCHECKER_AKSK_ACCESS_KEY: CREDENTIALS.accessKey,
      OPENCHECKER_AKSK_SECRET_KEY: CREDENTIALS.secretKey,
      ...env,
    }),
    configDir: tmpdir(),
    log: silentLogger(),
    cache: new MemoryCache(),
  });
  return results['ohpm-info'] ?? null;
}

function reset(): void {
  ohpm.mode = 'ok';
  ohpm.requests.length = 0;
}

describe('ohpm-info against a fake OHPM that verifies the AK/SK signature', () => {
  test('a signed request for a packaged repository gives upstream\'s keys', async () => {
    reset();
    assert.deepEqual(await ohpmInfo(), { down_count: 1234, dependent: 5, bedependent: 17 });
    const [request] = ohpm.requests;
    assert.equal(request?.method, 'POST');
    assert.equal(request?.url, '/ohpm/m2m/package/info', 'param0 is signed, never sent');
    assert.equal(request?.body, `{"repoAddress": "${PACKAGED}", "packageName": "", "metaDataVersion": "v2"}`);
    assert.equal(request?.headers['content-type'], undefined, 'upstream sends the body without a Content-Type');
  });

  test('no package for the repository keeps upstream\'s empty strings', async () => {
    reset();
    assert.deepEqual(await ohpmInfo('https://gitee.com/acme/not-a-package'), { down_count: '', dependent: '', bedependent: '' });
    ohpm.mode = 'empty';
    assert.deepEqual(await ohpmInfo(), { down_count: '', dependent: '', bedependent: '' });
  });

  test('a wrong secret key is rejected by the server and reported as such', async () => {
    reset();
    assert.deepEqual(await ohpmInfo(PACKAGED, { OPENCHECKER_AKSK_SECRET_KEY: 'wrong' }), {
      error: 'OHPM rejected the credentials (HTTP 401 on /ohpm/m2m/package/info): signature verification failed',
    });
  });

  test('missing or placeholder credentials say which keys to set', async () => {
    reset();
    assert.deepEqual(await ohpmInfo(PACKAGED, { OPENCHECKER_AKSK_ACCESS_KEY: '' }), {
      error: 'ohpm-info needs the configuration key [AKSK] access_key (or OPENCHECKER_AKSK_ACCESS_KEY)',
    });
    assert.deepEqual(await ohpmInfo(PACKAGED, { OPENCHECKER_AKSK_ACCESS_KEY: 'your_access_key_here', OPENCHECKER_AKSK_SECRET_KEY: 'your_secret_key_here' }), {
      error: 'ohpm-info needs OHPM credentials: [AKSK] access_key and [AKSK] secret_key still hold the placeholder of upstream\'s config.ini',
    });
    assert.equal(ohpm.requests.length, 0);
  });

  test('404, throttling, a hang and a broken body are errors, never empty data', async () => {
    reset();
    ohpm.mode = 'not-found';
    assert.deepEqual(await ohpmInfo(), { error: 'OHPM has no /ohpm/m2m/package/info (HTTP 404): Not Found' });
    ohpm.mode = 'rate-limited';
    assert.deepEqual(await ohpmInfo(), { error: 'OHPM is rate-limiting requests (HTTP 429 on /ohpm/m2m/package/info); it asks to retry in 3600 s: Too many requests' });
    ohpm.mode = 'malformed';
    assert.match(errorOf(await ohpmInfo()), /^OHPM answered \/ohpm\/m2m\/package\/info with a body that is not JSON/);
    ohpm.mode = 'timeout';
    assert.deepEqual(await ohpmInfo(), { error: `OHPM (${new URL(ohpm.url).host}) did not answer within 1 s` });
  });

  test('a short rate limit is retried with a valid signature', async () => {
    reset();
    ohpm.mode = 'rate-limited-once';
    assert.deepEqual(await ohpmInfo(), { down_count: 1234, dependent: 5, bedependent: 17 });
    assert.equal(ohpm.requests.length, 2);
  });
});
