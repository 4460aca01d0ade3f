import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startValidatingOsv, type ValidatingOsv } from '../../../test/fakes/osv-validating.js';
import { MemoryCache } from '../../lib/shared-cache.js';
import { PlatformError } from '../../platforms/errors.js';
import { MAX_ISOLATION_REQUESTS, OsvApiClient, queryKey } from './client.js';
import { FIXTURE_IDS, fixtureRecord } from '../../../test/support/osv-fixtures.js';
import type { PackageQuery } from './types.js';

const signal = new AbortController().signal;
const ANSI: PackageQuery = { ecosystem: 'npm', name: 'ansi-html', version: '0.0.7' };
const JUNIT: PackageQuery = { ecosystem: 'Maven', name: 'junit:junit', version: '4.12' };
const BAD_ECOSYSTEM: PackageQuery = { ecosystem: 'NotAnEcosystem', name: 'x', version: '1.0.0' };
const NO_NAME: PackageQuery = { ecosystem: 'npm', name: '', version: '1.0.0' };
const filler = (count: number): PackageQuery[] => Array.from({ length: count }, (_, i) => ({ ecosystem: 'npm', name: `pkg-${i}`, version: '1.0.0' }));

let indexed: ValidatingOsv;
let plain: ValidatingOsv;
before(async () => {
  const records = FIXTURE_IDS.map(fixtureRecord);
  indexed = await startValidatingOsv(records, { style: 'indexed' });
  plain = await startValidatingOsv(records, { style: 'plain' });
});
after(async () => {
  await indexed.close();
  await plain.close();
});

const client = (url: string, cache = new MemoryCache(), concurrency = 4): OsvApiClient =>
  new OsvApiClient({ apiUrl: url, timeoutMs: 2000, concurrency, cache, cacheTtlMs: 60_000, retry: { attempts: 2, initialDelayMs: 5, maxDelayMs: 10 } });

test('the 400 names the refused query: it is set aside and the rest sent again, one request per bad query', async () => {
  const queries = [...filler(10), BAD_ECOSYSTEM, ANSI, ...filler(20).slice(10), NO_NAME, JUNIT];
  const before = indexed.batches.length;
  const c = client(indexed.url);
  const results = await c.findVulnerabilities(queries, signal);
  assert.deepEqual(results[11]?.map((r) => r.id), ['GHSA-whgm-jr23-g3j9']);
  assert.deepEqual(results[queries.length - 1]?.map((r) => r.id), ['GHSA-269g-pwp5-87pp']);
  assert.deepEqual(results[10], []);
  assert.deepEqual(new Map(c.rejected), new Map([[queryKey(BAD_ECOSYSTEM), 'invalid query'], [queryKey(NO_NAME), 'invalid query']]));
  assert.deepEqual(indexed.batches.slice(before).map((b) => [b.size, b.refused]), [[24, true], [23, true], [22, false]]);
});

test('the 400 does not say which query: bisection isolates it in about 2·log2(n) requests', async () => {
  const queries = [...filler(63), ANSI];
  queries.splice(40, 0, BAD_ECOSYSTEM);
  const before = plain.batches.length;
  const c = client(plain.url, new MemoryCache(), 1);
  const results = await c.findVulnerabilities(queries, signal);
  assert.deepEqual(results[queries.length - 1]?.map((r) => r.id), ['GHSA-whgm-jr23-g3j9']);
  assert.deepEqual([...c.rejected.keys()], [queryKey(BAD_ECOSYSTEM)]);
  const sent = plain.batches.slice(before);
  assert.equal(sent.filter((b) => !b.refused).reduce((sum, b) => sum + b.size, 0), 64, 'every good query answered once');
  assert.ok(sent.length <= 2 * Math.ceil(Math.log2(65)) + 1, `${sent.length} requests`);
});

test('refused queries are cached like answers: the next task sends nothing', async () => {
  const cache = new MemoryCache();
  await client(indexed.url, cache).findVulnerabilities([BAD_ECOSYSTEM, ANSI], signal);
  const before = indexed.batches.length;
  const second = client(indexed.url, cache);
  const results = await second.findVulnerabilities([ANSI, BAD_ECOSYSTEM], signal);
  assert.equal(indexed.batches.length, before);
  assert.deepEqual(results.map((list) => list.map((r) => r.id)), [['GHSA-whgm-jr23-g3j9'], []]);
  assert.deepEqual([...second.rejected.keys()], [queryKey(BAD_ECOSYSTEM)]);
});

test('when (nearly) every query is refused, isolation stops after its budget and the scan fails with the API error', async () => {
  const queries = filler(200).map((q) => ({ ...q, ecosystem: 'NotAnEcosystem' }));
  const before = plain.batches.length;
  await assert.rejects(client(plain.url).findVulnerabilities(queries, signal), (err: unknown) => err instanceof PlatformError && err.status === 400 && /more queries refused/.test(err.message));
  assert.ok(plain.batches.length - before <= 1 + MAX_ISOLATION_REQUESTS + 2);
});
