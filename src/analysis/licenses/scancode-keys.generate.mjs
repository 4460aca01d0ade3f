import { readFileSync, writeFileSync } from 'node:fs';
const src = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const rows = [];
for (const l of src.licenses) {
  if (l.is_deprecated || !l.spdx_license_key) continue;
  if (l.spdx_license_key === `LicenseRef-scancode-${l.key}` && l.other_spdx_license_keys.length === 0) continue;
  rows.push([l.key, l.spdx_license_key, ...l.other_spdx_license_keys]);
}
rows.sort((a, b) => (a[0] < b[0] ? -1 : 1));
const body = rows.map((r) => `  ${JSON.stringify(r)},`).join('\n');
writeFileSync(process.argv[3], `/**
 * ScanCode license keys and the SPDX ids they stand for (first the key's own SPDX id, then other ids it answers
 * to), from ${src.source}.
 * Only keys whose SPDX id is not simply \`LicenseRef-scancode-<key>\`, and no deprecated keys. Generated: run
 * \`node src/analysis/licenses/scancode-keys.generate.mjs <scancode-license-keys.json> src/analysis/licenses/scancode-keys.data.ts\`;
 * scancode-keys.test.ts checks it against the shared table when that is present.
 */
export const SCANCODE_KEYS: readonly (readonly string[])[] = [
${body}
];
`);
console.log(rows.length);
