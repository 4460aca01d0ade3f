/**
 * Self-detection of the LicenseDB (issue #15's first target): every rule and license text, scanned alone as a
 * file, must give its own license expression, and every false-positive rule must give no detection. The same
 * texts are then disguised as they appear in real files (wrapped in source comments, reflowed to another line
 * width, with a different copyright holder) and must still give their expression.
 *
 * Used by the sampled test (src/analysis/licenses/match/selftest.test.ts) and by the full run
 * (`npm run bench -- license-selftest`), which prints every miss.
 */
import { readFileSync } from 'node:fs';
import { parseLicenseDbData } from '../../src/analysis/licenses/licensedb-build.js';
import { licenseDbDataPath } from '../../src/analysis/licenses/licensedb-index.js';
import { detectLicenses } from '../../src/analysis/licenses/match/detect.js';
import { combineAnd } from '../../src/analysis/licenses/match/expressions.js';

export type Variant = 'plain' | 'comment' | 'reflow' | 'holder';
export const VARIANTS: readonly Variant[] = ['plain', 'comment', 'reflow', 'holder'];

export interface SelfText {
  /** Position in the index's rules (data rules, then license texts). */
  readonly index: number;
  readonly identifier: string;
  readonly expression: string;
  readonly falsePositive: boolean;
  /** A clue rule: ScanCode reports its matches as `license_clues`, never as a detection. */
  readonly clue: boolean;
  readonly text: string;
}

/** Every non-deprecated rule and license text of the shipped data, in the index's order. */
export function selfTexts(): SelfText[] {
  const raw = parseLicenseDbData(readFileSync(licenseDbDataPath()));
  const texts: SelfText[] = [];
  raw.rules.forEach((rule, index) => {
    if (rule.is_deprecated) return;
    texts.push({
      index,
      identifier: rule.file,
      expression: rule.license_expression ?? '',
      falsePositive: rule.is_false_positive === true,
      clue: rule.is_license_clue === true,
      text: rule.text.replace(/\{\{|\}\}/g, ''),
    });
  });
  raw.licenses.forEach((license, i) => {
    if (license.is_deprecated || !license.text.trim()) return;
    texts.push({ index: raw.rules.length + i, identifier: `${license.key}.LICENSE`, expression: license.key, falsePositive: false, clue: false, text: license.text });
  });
  return texts;
}

const STYLES = ['//', '#', '*', '<!--'] as const;

/** The text as it appears in a real file, disguised one way. */
export function disguise(text: string, variant: Variant, seed: number): string {
  switch (variant) {
    case 'plain':
      return text;
    case 'comment': {
      const style = STYLES[seed % STYLES.length] as (typeof STYLES)[number];
      const lines = text.split('\n');
      if (style === '*') return ['/*', ...lines.map((line) => ` * ${line}`.trimEnd()), ' */', 'int main(void) { return 0; }'].join('\n');
      if (style === '<!--') return ['<!--', ...lines, '-->', '<html></html>'].join('\n');
      return [...lines.map((line) => `${style} ${line}`.trimEnd()), '', 'x = 1'].join('\n');
    }
    case 'reflow': {
      const width = seed % 2 === 0 ? 50 : 110;
      const out: string[] = [];
      for (const paragraph of text.split(/\n\s*\n/)) {
        let line = '';
        for (const word of paragraph.split(/\s+/).filter(Boolean)) {
          if (line && line.length + word.length + 1 > width) {
            out.push(line);
            line = word;
          } else line = line ? `${line} ${word}` : word;
        }
        out.push(line, '');
      }
      return out.join('\n');
    }
    case 'holder': {
      // A copyright statement (the word, then a year or a placeholder), not prose that mentions copyright.
      const replaced = text.replace(/^[ \t]*(?:copyright|\(c\)|©)[ \t]*(?:\(c\)|©)?[ \t]*(?:\d{4}|[<[{]|by\b|\(?year)[^\n]*$/gim, 'Copyright (c) 2021 Quixotic Widgets Ltd.');
      return replaced === text ? `Copyright (c) 2021 Quixotic Widgets Ltd.\n\n${text}` : replaced;
    }
  }
}

export interface SelfMiss {
  readonly identifier: string;
  readonly variant: Variant;
  readonly expected: string;
  readonly got: string;
}

export interface SelfReport {
  readonly variant: Variant;
  readonly texts: number;
  readonly detected: number;
  readonly falsePositives: number;
  readonly falsePositivesClean: number;
  readonly misses: SelfMiss[];
}

/** Scans each text (every `step`-th of them) in one variant. */
export function runSelfDetection(texts: readonly SelfText[], variant: Variant, step = 1): SelfReport {
  let count = 0;
  let detected = 0;
  let falsePositives = 0;
  let falsePositivesClean = 0;
  const misses: SelfMiss[] = [];
  for (let i = 0; i < texts.length; i += step) {
    const item = texts[i] as SelfText;
    const result = detectLicenses(disguise(item.text, variant, i));
    const found = item.clue ? result.clues.map((m) => m.expression) : result.detections.map((d) => d.expression);
    const got = combineAnd(found) ?? '';
    if (item.falsePositive) {
      falsePositives++;
      if (got === '') falsePositivesClean++;
      else misses.push({ identifier: item.identifier, variant, expected: '(none)', got });
      continue;
    }
    count++;
    const expected = combineAnd([item.expression]) ?? '';
    if (got.toLowerCase() === expected.toLowerCase()) detected++;
    else misses.push({ identifier: item.identifier, variant, expected, got: got || '(none)' });
  }
  return { variant, texts: count, detected, falsePositives, falsePositivesClean, misses };
}
