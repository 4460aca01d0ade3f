import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { makeTask, testConfig } from '../../../test/support/fixtures.js';
import { startFakeBestPractices } from '../../../test/fakes/bestpractices.js';
import { errorOf, sample, type FakeService } from '../../../test/fakes/service-fake.js';
import { silentLogger } from '../../lib/log.js';
import { MemoryCache } from '../../lib/shared-cache.js';
import { runCommands } from '../runner.js';
import type { Json } from '../types.js';
import { pickProject } from '../../analysis/scorecard/best-practices.js';

let site: FakeService;
before(async () => {
  site = await startFakeBestPractices();
});
after(() => site.close());

async function badge(projectUrl = 'https://github.com/acme/demo'): Promise<Json> {
  const results = await runCommands({
    commands: ['bestpractices-checker'],
    task: makeTask({ projectUrl }),
    repo: null,
    config: testConfig({ OPENCHECKER_BESTPRACTICES_API_URL: site.url, OPENCHECKER_BESTPRACTICES_TIMEOUT_S: '1' }),
    configDir: tmpdir(),
    log: silentLogger(),
    cache: new MemoryCache(),
  });
  return results['bestpractices-checker'] ?? null;
}

function reset(): void {
  site.mode = 'ok';
  site.requests.length = 0;
}

describe('bestpractices-checker against a fake Best Practices site', () => {
  test('the project\'s entry verbatim, chosen by repo_url among the answers', async () => {
    reset();
    const [project] = sample('bestpractices', 'projects.search.200.json') as Json[];
    assert.deepEqual(await badge(), project);
    assert.equal(site.requests[0]?.url, '/projects.json?url=https%3A%2F%2Fgithub.com%2Facme%2Fdemo', 'the URL is sent encoded');
  });

  test('no badge entry is {} (upstream\'s shape), distinguishable from a failure', async () => {
    reset();
    assert.deepEqual(await badge('https://github.com/acme/no-badge'), {});
    site.mode = 'empty';
    assert.deepEqual(await badge(), {});
  });

  test('failures are errors, not {}', async () => {
    reset();
    site.mode = 'server-error';
    assert.deepEqual(await badge(), { error: 'OpenSSF Best Practices API failed (HTTP 503 on /projects.json)' });
    site.mode = 'rate-limited';
    assert.deepEqual(await badge(), { error: 'OpenSSF Best Practices API is rate-limiting requests (HTTP 429 on /projects.json); it asks to retry in 3600 s: Retry later' });
    site.mode = 'not-found';
    assert.deepEqual(await badge(), { error: 'OpenSSF Best Practices API has no /projects.json (HTTP 404): Not Found' });
    site.mode = 'unauthorized';
    assert.match(errorOf(await badge()), /rejected the credentials \(HTTP 401/);
    site.mode = 'malformed';
    assert.match(errorOf(await badge()), /with a body that is not JSON/);
    site.mode = 'timeout';
    assert.match(errorOf(await badge()), /did not answer within 1 s/);
  });

  test('a project URL that is not http(s) cannot have a badge entry', async () => {
    reset();
    assert.match(errorOf(await badge('/srv/repos/demo')), /needs an http\(s\) project URL/);
  });

  test('pickProject prefers the exact repo_url, then homepage_url, then the first', () => {
    const a = { id: 1, repo_url: 'https://github.com/x/site', homepage_url: 'https://github.com/x/demo' };
    const b = { id: 2, repo_url: 'https://github.com/X/Demo/' };
    assert.equal(pickProject([a, b], 'https://github.com/x/demo')?.id, 2);
    assert.equal(pickProject([a], 'https://github.com/x/demo')?.id, 1);
    assert.equal(pickProject([], 'https://github.com/x/demo'), null);
  });
});
