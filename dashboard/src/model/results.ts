/** Which view shows a command's result: chosen by command name, checked against the output's shape. */
import { findingsReport, type FindingsReport } from './findings.js';
import { asArray, isObject, maybeParseJson } from './json.js';
import { isLanguagesOutput, languageSegments, type LanguageSegment } from './languages.js';
import { isLicenseeOutput, isScancodeOutput, licenseeSummary, scancodeSummary, type LicenseSummary } from './licenses.js';
import { isOsvOutput, vulnerabilityReport, type VulnerabilityReport } from './osv.js';
import { isScorecardOutput, scorecard, type Scorecard } from './scorecard.js';

export type ResultView =
  | { kind: 'error'; message: string }
  | { kind: 'empty'; message: string }
  | { kind: 'vulnerabilities'; report: VulnerabilityReport }
  | { kind: 'licenses'; summary: LicenseSummary }
  | { kind: 'languages'; segments: LanguageSegment[] }
  | { kind: 'scorecard'; scorecard: Scorecard }
  | { kind: 'findings'; report: FindingsReport }
  | { kind: 'paths'; paths: string[] }
  | { kind: 'json'; value: unknown };

/** `{"error": "..."}` (the runner's shape for a command that could not run). */
function errorOf(value: unknown): string | null {
  if (!isObject(value) || typeof value.error !== 'string') return null;
  return Object.keys(value).length === 1 ? value.error : null;
}

/** The finders' list shape, `{"readme_file": [paths]}`, and what an empty list means. */
const FINDER_KEYS: Readonly<Record<string, { key: string; none: string }>> = {
  'readme-checker': { key: 'readme_file', none: 'No README files.' },
  'maintainers-checker': { key: 'maintainers_file', none: 'No MAINTAINERS, COMMITTERS, OWNERS or CODEOWNERS files.' },
  'api-doc-checker': { key: 'api-doc-checker', none: 'No document introduces the API.' },
  'build-doc-checker': { key: 'build-doc-checker', none: 'No document explains building and packaging.' },
};

function finderView(command: string, value: unknown): ResultView | null {
  const finder = FINDER_KEYS[command];
  if (!finder) return null;
  // `{}` is the legacy text setting's (and upstream's) "nothing found".
  if (isObject(value) && Object.keys(value).length === 0) return { kind: 'empty', message: finder.none };
  if (!isObject(value) || !Array.isArray(value[finder.key])) return null;
  const paths = asArray(value[finder.key]).filter((p): p is string => typeof p === 'string');
  return paths.length === 0 ? { kind: 'empty', message: finder.none } : { kind: 'paths', paths };
}

/** Upstream's finders returned `find` output: newline-terminated paths, `{}` when nothing matched. */
function pathsOf(value: unknown): string[] | null {
  if (typeof value !== 'string') return null;
  const lines = value.split('\n').filter((line) => line.trim() !== '');
  return lines.length > 0 && lines.every((line) => !/\s{2,}|[{}]/.test(line)) ? lines : null;
}

export function resultView(command: string, raw: unknown): ResultView {
  const error = errorOf(raw);
  if (error !== null) return { kind: 'error', message: error || 'The command failed without a message.' };
  const value = maybeParseJson(raw);
  switch (command) {
    case 'osv-scanner':
      if (isOsvOutput(value)) {
        const report = vulnerabilityReport(value);
        return report.total === 0 ? { kind: 'empty', message: 'No known vulnerabilities.' } : { kind: 'vulnerabilities', report };
      }
      if (isObject(value) && Object.keys(value).length === 0) return { kind: 'empty', message: 'Nothing to scan: no lockfiles or manifests found.' };
      break;
    case 'license-detector':
      if (isLicenseeOutput(value)) return { kind: 'licenses', summary: licenseeSummary(value) };
      break;
    case 'scancode':
      if (isScancodeOutput(value)) return { kind: 'licenses', summary: scancodeSummary(value) };
      break;
    case 'languages-detector':
      if (isLanguagesOutput(value)) return { kind: 'languages', segments: languageSegments(value) };
      if (isObject(value) && Object.keys(value).length === 0) return { kind: 'empty', message: 'No languages detected.' };
      break;
    case 'scorecard-score':
      if (isScorecardOutput(value)) return { kind: 'scorecard', scorecard: scorecard(value) };
      break;
    default: {
      const finder = finderView(command, value);
      if (finder) return finder;
      const report = findingsReport(command, value);
      if (report) return { kind: 'findings', report };
    }
  }
  const paths = pathsOf(value);
  if (paths) return { kind: 'paths', paths };
  return { kind: 'json', value };
}
