import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { fixtureDir, fixtureRecord } from '../../../test/support/osv-fixtures.js';
import { loadOfflineDatabase, offlineDatabase } from './offline.js';
import type { OsvVulnerability } from './types.js';

const signal = new AbortController().signal;
const json = (record: unknown): string => JSON.stringify(record);

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'oc-osv-offline-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('reads loose records in sub-folders and all.zip exports, and matches locally', async () => {
  await withDir(async (dir) => {
    await mkdir(join(dir, 'npm'));
    await writeFile(join(dir, 'npm', 'GHSA-whgm-jr23-g3j9.json'), json(fixtureRecord('GHSA-whgm-jr23-g3j9')));
    // osv.dev's export: a flat zip of <ID>.json entries.
    const zip = zipSync({
      'PYSEC-2020-73.json': strToU8(json(fixtureRecord('PYSEC-2020-73'))),
      'GHSA-269g-pwp5-87pp.json': strToU8(json(fixtureRecord('GHSA-269g-pwp5-87pp'))),
      'README.txt': strToU8('not a record'),
    });
    await mkdir(join(dir, 'PyPI'));
    await writeFile(join(dir, 'PyPI', 'all.zip'), zip);
    await writeFile(join(dir, 'broken.json'), '{"id": ');
    await writeFile(join(dir, 'not-a-record.json'), '{"hello": 1}');
    await writeFile(join(dir, 'corrupt.zip'), 'PK not really');
    const { db } = await loadOfflineDatabase(dir, signal);
    assert.equal(db.size, 3);
    assert.equal(db.problems.length, 3);
    const results = await db.findVulnerabilities(
      [
        { ecosystem: 'npm', name: 'ansi-html', version: '0.0.7' },
        { ecosystem: 'PyPI', name: 'Pandas', version: '0.23.4' },
        { ecosystem: 'PyPI', name: 'pandas', version: '1.0.4' },
        { ecosystem: 'Maven', name: 'junit:junit', version: '4.13-rc-2' },
        { ecosystem: 'npm', name: 'left-pad', version: '1.0.0' },
      ],
      signal,
    );
    assert.deepEqual(results.map((list) => list.map((record) => record.id)), [['GHSA-whgm-jr23-g3j9'], ['PYSEC-2020-73'], [], ['GHSA-269g-pwp5-87pp'], []]);
  });
});

test("reads an export whose entries use data descriptors, as Go's archive/zip writes osv.dev's", async () => {
  await withDir(async (dir) => {
    // Written by Python's zipfile to an unseekable stream: flag bit 3, sizes after the data.
    await writeFile(join(dir, 'all.zip'), await readFile(join(fixtureDir(), 'data-descriptor.zip')));
    const { db } = await loadOfflineDatabase(dir, signal);
    assert.deepEqual(db.problems, []);
    assert.equal(db.size, 2);
    assert.equal(db.lookup({ ecosystem: 'crates.io', name: 'regex', version: '1.5.4' })[0]?.id, 'RUSTSEC-2022-0013');
  });
});

test('a record affecting several packages is found under each', async () => {
  await withDir(async (dir) => {
    const record: OsvVulnerability = {
      id: 'TEST-2',
      modified: '2024-01-01T00:00:00Z',
      affected: [
        { package: { ecosystem: 'crates.io', name: 'a' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '2.0.0' }] }] },
        { package: { ecosystem: 'crates.io', name: 'b' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { last_affected: '1.2.0' }] }] },
      ],
    };
    await writeFile(join(dir, 'TEST-2.json'), json(record));
    const { db } = await loadOfflineDatabase(dir, signal);
    assert.equal(db.lookup({ ecosystem: 'crates.io', name: 'a', version: '1.9.9' }).length, 1);
    assert.equal(db.lookup({ ecosystem: 'crates.io', name: 'b', version: '1.2.0' }).length, 1);
    assert.equal(db.lookup({ ecosystem: 'crates.io', name: 'b', version: '1.2.1' }).length, 0);
  });
});

test('the loaded database is reused until a file in the directory changes', async () => {
  await withDir(async (dir) => {
    await writeFile(join(dir, 'a.json'), json(fixtureRecord('GO-2022-0274')));
    const first = await offlineDatabase(dir, signal);
    assert.equal(await offlineDatabase(dir, signal), first);
    await writeFile(join(dir, 'b.json'), json(fixtureRecord('RUSTSEC-2022-0013')));
    const second = await offlineDatabase(dir, signal);
    assert.notEqual(second, first);
    assert.equal(second.size, 2);
  });
});

test('a missing directory is a clear error', async () => {
  await assert.rejects(loadOfflineDatabase(join(tmpdir(), 'no-such-osv-dir-for-tests'), signal), /cannot read the OSV offline directory/);
});
