import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureRecord } from '../../../test/support/osv-fixtures.js';
import { groupVulnerabilities } from './groups.js';
import { cvssBaseScore, maxSeverity } from './severity.js';
import type { OsvVulnerability } from './types.js';

test('CVSS base scores for v2, v3.0, v3.1 and v4.0 vectors', () => {
  assert.equal(cvssBaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H'), 7.5);
  assert.equal(cvssBaseScore('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), 9.8);
  assert.equal(cvssBaseScore('CVSS:3.1/AV:L/AC:H/PR:L/UI:R/S:U/C:H/I:N/A:N'), 4.4);
  assert.equal(cvssBaseScore('AV:N/AC:L/Au:N/C:P/I:P/A:P'), 7.5);
  assert.equal(cvssBaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'), 9.3);
  assert.equal(cvssBaseScore('HIGH'), null);
});

test('groups merge records through shared aliases and take the highest score', () => {
  const rustsec = fixtureRecord('RUSTSEC-2022-0013');
  const ghsa: OsvVulnerability = {
    id: 'GHSA-m5pq-gvj9-9vr8',
    modified: '2022-08-11T20:38:52Z',
    aliases: ['CVE-2022-24713'],
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
  };
  const unrelated: OsvVulnerability = { id: 'RUSTSEC-2099-0001', modified: '2099-01-01T00:00:00Z' };
  const groups = groupVulnerabilities([rustsec, unrelated, ghsa]);
  assert.deepEqual(groups, [
    {
      ids: ['GHSA-m5pq-gvj9-9vr8', 'RUSTSEC-2022-0013'],
      aliases: ['GHSA-m5pq-gvj9-9vr8', 'RUSTSEC-2022-0013', 'CVE-2022-24713'],
      max_severity: '9.8',
    },
    { ids: ['RUSTSEC-2099-0001'], aliases: ['RUSTSEC-2099-0001'], max_severity: '' },
  ]);
});

test('max_severity prints whole scores like Go does', () => {
  const ten: OsvVulnerability = { id: 'X', modified: '', severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H' }] };
  assert.equal(maxSeverity([ten]), '10');
  assert.equal(maxSeverity([fixtureRecord('GHSA-whgm-jr23-g3j9')]), '7.5');
});

test('a chain of aliases joins records that share no id directly', () => {
  const a: OsvVulnerability = { id: 'A', modified: '', aliases: ['B'] };
  const c: OsvVulnerability = { id: 'C', modified: '', aliases: ['D'] };
  const bridge: OsvVulnerability = { id: 'B', modified: '', aliases: ['D'] };
  assert.deepEqual(groupVulnerabilities([a, c, bridge]).map((group) => group.ids), [['A', 'B', 'C']]);
});
