import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../lib/paths.js';
import { SCANCODE_KEYS } from './scancode-keys.data.js';
import { scancodeKey, spdxOfKey } from './scancode-keys.js';

interface KeyEntry {
  key: string;
  spdx_license_key: string | null;
  other_spdx_license_keys: string[];
  is_deprecated: boolean;
}

void test('the ScanCode key table is in step with the shared ScanCode LicenseDB extract', (t) => {
  const shared = join(packageRoot(), '..', 'shared', 'data', 'licenses', 'scancode-license-keys.json');
  if (!existsSync(shared)) {
    t.skip(`${shared} not present`);
    return;
  }
  const { licenses } = JSON.parse(readFileSync(shared, 'utf8')) as { licenses: KeyEntry[] };
  const expected = licenses
    .filter((l) => !l.is_deprecated && l.spdx_license_key)
    .filter((l) => l.spdx_license_key !== `LicenseRef-scancode-${l.key}` || l.other_spdx_license_keys.length > 0)
    .map((l) => [l.key, l.spdx_license_key as string, ...l.other_spdx_license_keys])
    .sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));
  assert.deepEqual(SCANCODE_KEYS, expected, 'regenerate with src/analysis/licenses/scancode-keys.generate.mjs');
  // Every current key maps to its SPDX id and back.
  for (const entry of licenses.filter((l) => !l.is_deprecated && l.spdx_license_key && !l.key.startsWith('unknown'))) {
    assert.equal(spdxOfKey(entry.key), entry.spdx_license_key, entry.key);
    assert.equal(scancodeKey(entry.spdx_license_key as string), entry.key, entry.key);
  }
});
