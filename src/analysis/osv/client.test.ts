import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeOsv, type FakeOsv } from '../../../test/fakes/osv.js';
import { MemoryCache } from '../../lib/shared-cache.js';
import { PlatformError } from '../../platforms/errors.js';
import { OsvApiClient, queryKey, type OsvClientOptions } from './client.js';
import { FIXTURE_IDS, fixtureRecord } from '../../../test/support/osv-fixtures.js';
import type { OsvVulnerability, PackageQuery } from './types.js';

const FAST_RETRY = { attempts: 3, initialDelayMs: 10, maxDelayMs: 50 };
const signal = (): AbortSignal => new AbortController().signal;

/** Five records affecting `many@1.0.0`, to exercise pagination. */
const MANY: OsvVulnerability[] = Array.from({ length: 5 }, (_, i) => ({
  id: `TEST-MANY-${i}`,
  modified: '2024-01-01T00:00:00Z',
  affected: [{ package: { ecosystem: 'npm', name: 'many' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] }],
}));

let osv: FakeOsv;
before(async () => {
  osv = await startFakeOsv([...FIXTURE_IDS.map(fixtureRecord), ...MANY], { pageSize: 2 });
});
after(() => osv.close());

function client(overrides: Partial<OsvClientOptions> = {}): OsvApiClient {
  return new OsvApiClient({ apiUrl: osv.url, timeoutMs: 2000, concurrency: 4, cache: new MemoryCache(), cacheTtlMs: 60_000, retry: FAST_RETRY, ...overrides });
}

const ANSI: PackageQuery = { ecosystem: 'npm', name: 'ansi-html', version: '0.0.7' };
const JUNIT: PackageQuery = { ecosystem: 'Maven', name: 'junit:junit', version: '4.12' };
const SAFE: PackageQuery = { ecosystem: 'npm', name: 'has-flag', version: '4.0.0' };

test('answers full records per query, in query order, asking once per distinct package', async () => {
  const before = osv.requests.length;
  const results = await client().findVulnerabilities([ANSI, SAFE, JUNIT, ANSI], signal());
  assert.deepEqual(results.map((list) => list.map((record) => record.id)), [['GHSA-whgm-jr23-g3j9'], [], ['GHSA-269g-pwp5-87pp'], ['GHSA-whgm-jr23-g3j9']]);
  assert.deepEqual(results[0]?.[0], fixtureRecord('GHSA-whgm-jr23-g3j9'), 'the full record, not the batch summary');
  const sent = osv.requests.slice(before);
  const batch = sent.filter((request) => request.endpoint === 'querybatch');
  assert.equal(batch.length, 1);
  assert.equal((batch[0]?.body as { queries: unknown[] }).queries.length, 3);
  assert.equal(sent.filter((request) => request.endpoint === 'vulns').length, 2);
});

test('more than 1,000 queries go in batches of at most 1,000', async () => {
  const queries: PackageQuery[] = Array.from({ length: 2500 }, (_, i) => ({ ecosystem: 'npm', name: `pkg-${i}`, version: '1.0.0' }));
  queries.splice(1234, 0, ANSI);
  const before = osv.requests.length;
  const results = await client().findVulnerabilities(queries, signal());
  const sizes = osv.requests.slice(before).filter((r) => r.endpoint === 'querybatch').map((r) => (r.body as { queries: unknown[] }).queries.length);
  assert.deepEqual(sizes.sort((a, b) => b - a), [1000, 1000, 501]);
  assert.equal(results.length, 2501);
  assert.deepEqual(results[1234]?.map((record) => record.id), ['GHSA-whgm-jr23-g3j9']);
  assert.equal(results.filter((list) => list.length > 0).length, 1);
});

test('follows next_page_token with only the unfinished queries', async () => {
  const before = osv.requests.length;
  const results = await client().findVulnerabilities([{ ecosystem: 'npm', name: 'many', version: '1.0.0' }, ANSI], signal());
  assert.deepEqual(results[0]?.map((record) => record.id).sort(), MANY.map((record) => record.id));
  const batches = osv.requests.slice(before).filter((r) => r.endpoint === 'querybatch').map((r) => (r.body as { queries: { page_token?: string }[] }).queries);
  assert.equal(batches.length, 3, '5 results in pages of 2');
  assert.equal(batches[0]?.length, 2);
  assert.equal(batches[1]?.length, 1);
  assert.ok(batches[1]?.[0]?.page_token);
});

test('retries 500/503 and dropped connections, then succeeds', async () => {
  osv.inject('querybatch', 500, 'reset');
  osv.inject('vulns', 503);
  const before = osv.count('querybatch');
  const results = await client().findVulnerabilities([JUNIT], signal());
  assert.deepEqual(results[0]?.map((record) => record.id), ['GHSA-269g-pwp5-87pp']);
  assert.equal(osv.count('querybatch') - before, 3);
});

test('a request that hangs times out and is retried', async () => {
  osv.inject('querybatch', 'hang');
  const started = Date.now();
  const results = await client({ timeoutMs: 300 }).findVulnerabilities([ANSI], signal());
  assert.deepEqual(results[0]?.map((record) => record.id), ['GHSA-whgm-jr23-g3j9']);
  assert.ok(Date.now() - started >= 300);
});

test('gives up with a clear error once the retries are spent', async () => {
  osv.inject('querybatch', 'hang', 'hang');
  await assert.rejects(client({ timeoutMs: 200, retry: { attempts: 2, initialDelayMs: 10, maxDelayMs: 10 } }).findVulnerabilities([SAFE], signal()), (err: unknown) => {
    assert.ok(err instanceof PlatformError);
    assert.match(err.message, /failed after 2 attempts: .*timed out after 200 ms/);
    return true;
  });
});

test('a 400 is not retried: the query is reported as refused', async () => {
  osv.inject('querybatch', 400);
  const before = osv.count('querybatch');
  const c = client();
  assert.deepEqual(await c.findVulnerabilities([SAFE], signal()), [[]]);
  assert.equal(osv.count('querybatch') - before, 1);
  assert.deepEqual([...c.rejected], [[queryKey(SAFE), 'injected failure']]);
});

test('the task signal stops the client while it waits to retry', async () => {
  osv.inject('querybatch', 503);
  const controller = new AbortController();
  const pending = client({ retry: { attempts: 3, initialDelayMs: 10_000, maxDelayMs: 10_000 } }).findVulnerabilities([SAFE], controller.signal);
  setTimeout(() => controller.abort(new Error('stopped')), 100);
  await assert.rejects(pending, /stopped/);
});

test('a second task with the same cache makes no request at all', async () => {
  const cache = new MemoryCache();
  await client({ cache }).findVulnerabilities([ANSI, JUNIT, SAFE], signal());
  const before = osv.requests.length;
  const second = client({ cache });
  const results = await second.findVulnerabilities([JUNIT, ANSI, SAFE], signal());
  assert.equal(osv.requests.length, before);
  assert.deepEqual(second.requests, { querybatch: 0, vulns: 0 });
  assert.deepEqual(results.map((list) => list.map((record) => record.id)), [['GHSA-269g-pwp5-87pp'], ['GHSA-whgm-jr23-g3j9'], []]);
});

test('cached answers expire with the TTL', async () => {
  const cache = new MemoryCache();
  await client({ cache, cacheTtlMs: 1 }).findVulnerabilities([ANSI], signal());
  await new Promise((resolve) => setTimeout(resolve, 10));
  const second = client({ cache, cacheTtlMs: 1 });
  await second.findVulnerabilities([ANSI], signal());
  assert.equal(second.requests.querybatch, 1);
  assert.equal(second.requests.vulns, 0, 'records are kept by id@modified, which never changes');
});
