/**
 * The full LicenseDB self-detection run (issue #15's targets): every non-deprecated rule and license text, scanned
 * alone, then wrapped in source comments, reflowed and with another copyright holder, must give its own license
 * expression (≥ 99% plain, ≥ 98% disguised); every false-positive rule must give no detection. Prints each
 * variant's figures, its speed, and every miss. `npm run bench -- license-selftest`.
 * The test (src/analysis/licenses/match/selftest.test.ts) runs a sample of the same.
 */
import { runSelfDetection, selfTexts, VARIANTS } from '../test/support/license-selftest.js';

const texts = selfTexts();
let failed = false;
for (const variant of VARIANTS) {
  const started = performance.now();
  const report = runSelfDetection(texts, variant);
  const seconds = (performance.now() - started) / 1000;
  const rate = (100 * report.detected) / report.texts;
  const target = variant === 'plain' ? 99 : 98;
  if (rate < target) failed = true;
  process.stdout.write(
    `${variant}: ${report.detected}/${report.texts} = ${rate.toFixed(2)}% (target ≥ ${target}%), false-positive rules clean ${report.falsePositivesClean}/${report.falsePositives}, ${Math.round((report.texts + report.falsePositives) / seconds)} texts/s\n`,
  );
  for (const miss of report.misses) process.stdout.write(`  miss ${miss.identifier}: expected ${miss.expected}, got ${miss.got}\n`);
}
process.exitCode = failed ? 1 : 0;
