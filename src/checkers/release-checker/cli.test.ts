/** `openchecker check` on a platform URL: API-only commands run without cloning, against the fake GitHub. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startFakePlatform, type FakePlatform } from '../../../test/fakes/platforms.js';
import { packageRoot } from '../../lib/paths.js';
import { cacheEnv } from '../../../test/support/fixtures.js';

const run = promisify(execFile);
let github: FakePlatform;

before(async () => {
  github = await startFakePlatform('github');
});
after(() => github.close());

void test('openchecker check runs API-only commands without a clone', async () => {
  const { stdout, stderr } = await run(
    process.execPath,
    [join(packageRoot(), 'bin', 'openchecker.js'), 'check', github.projectUrl, '-c', 'release-checker', 'criticality-score', 'webhooks-checker'],
    { cwd: tmpdir(), env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...cacheEnv(), ...github.env() }, timeout: 60_000 },
  );
  assert.doesNotMatch(stderr, /cloning/);
  const payload = JSON.parse(stdout) as { project_url: string; scan_results: Record<string, Record<string, unknown>> };
  assert.equal(payload.project_url, 'https://github.com/acme/demo');
  assert.equal((payload.scan_results['release-checker']?.notes as { is_released: boolean }).is_released, true);
  assert.equal(typeof payload.scan_results['criticality-score']?.criticality_score, 'number');
  assert.deepEqual(payload.scan_results['webhooks-checker'], { access_token: false, error_msg: null, webhooks_hooks: [] });
});
