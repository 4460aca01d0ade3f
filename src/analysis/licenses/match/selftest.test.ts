import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSelfDetection, selfTexts, VARIANTS } from '../../../../test/support/license-selftest.js';

// Every 25th text of the LicenseDB (about 1,500 of 37,297), in each disguise. The full run, with every miss
// listed, is `npm run bench -- license-selftest` (docs/licensedb.md gives its figures and argues the misses).
const STEP = 25;
const TARGET: Record<string, number> = { plain: 99, comment: 98, reflow: 98, holder: 98 };

void test('LicenseDB self-detection: each rule and license text, alone or disguised, gives its own expression', { timeout: 300_000 }, (t) => {
  const texts = selfTexts();
  assert.ok(texts.length > 37_000, `only ${texts.length} texts`);
  for (const variant of VARIANTS) {
    const report = runSelfDetection(texts, variant, STEP);
    const rate = (100 * report.detected) / report.texts;
    t.diagnostic(`${variant}: ${report.detected}/${report.texts} (${rate.toFixed(2)}%), false-positive rules clean ${report.falsePositivesClean}/${report.falsePositives}`);
    for (const miss of report.misses) t.diagnostic(`  ${variant} miss: ${miss.identifier}: expected ${miss.expected}, got ${miss.got}`);
    assert.ok(rate >= (TARGET[variant] as number), `${variant}: ${rate.toFixed(2)}% < ${TARGET[variant]}%`);
    assert.ok(report.falsePositivesClean >= report.falsePositives - 1, `${variant}: false-positive rules detected`);
  }
});
