/**
 * License findings as one summary: counts per license, files without a license, and the per-file list.
 * Two layouts: licensee's (`license-detector`: `{"licenses":[…],"matched_files":[{filename, matcher,
 * matched_license}]}`, upstream returned it as a JSON string) and ScanCode's (`scancode`: `{"files":[{path,
 * type, detected_license_expression_spdx, …}]}`).
 */
import { asArray, asNumber, asString, isObject, type JsonObject } from './json.js';

export interface LicenseFile {
  path: string;
  license: string | null;
  /** How it was found: licensee's matcher and confidence, or ScanCode's score. */
  detail: string;
}

export interface LicenseSummary {
  /** The project's declared licenses (licensee's top-level list); empty for ScanCode. */
  project: string[];
  counts: { license: string; files: number }[];
  withoutLicense: string[];
  files: LicenseFile[];
}

/** licensee's placeholders for "a license file, but no license we know". */
const NOT_A_LICENSE = new Set(['', 'NOASSERTION', 'NONE', 'other', 'no-license']);

export function isLicenseeOutput(value: unknown): value is JsonObject {
  return isObject(value) && (Array.isArray(value.matched_files) || Array.isArray(value.licenses)) && !Array.isArray(value.files);
}

export function isScancodeOutput(value: unknown): value is JsonObject {
  return isObject(value) && Array.isArray(value.files);
}

function summarize(project: string[], files: LicenseFile[]): LicenseSummary {
  const counts = new Map<string, number>();
  for (const file of files) if (file.license) counts.set(file.license, (counts.get(file.license) ?? 0) + 1);
  return {
    project,
    counts: [...counts].map(([license, n]) => ({ license, files: n })).sort((a, b) => b.files - a.files || a.license.localeCompare(b.license)),
    withoutLicense: files.filter((f) => !f.license).map((f) => f.path),
    files,
  };
}

export function licenseeSummary(output: JsonObject): LicenseSummary {
  const project = asArray(output.licenses)
    .filter(isObject)
    .map((l) => asString(l.spdx_id) ?? asString(l.key) ?? (isObject(l.meta) ? asString(l.meta.title) : null))
    .filter((l): l is string => l !== null && !NOT_A_LICENSE.has(l));
  const files = asArray(output.matched_files)
    .filter(isObject)
    .map((file): LicenseFile => {
      const matcher = isObject(file.matcher) ? file.matcher : {};
      const license = asString(file.matched_license);
      const confidence = asNumber(matcher.confidence);
      const how = [asString(matcher.name), confidence === null ? null : `${confidence}% confidence`].filter(Boolean).join(', ');
      return { path: asString(file.filename) ?? '?', license: license && !NOT_A_LICENSE.has(license) ? license : null, detail: how };
    });
  return summarize(project, files);
}

/** The SPDX expression of a ScanCode file entry, across the 32.x and older (license_expressions) layouts. */
function scancodeExpression(file: JsonObject): string | null {
  const expression = asString(file.detected_license_expression_spdx) ?? asString(file.detected_license_expression);
  if (expression) return expression;
  const old = asArray(file.license_expressions).map(asString).filter((e): e is string => !!e);
  return old.length > 0 ? old.join(' AND ') : null;
}

export function scancodeSummary(output: JsonObject): LicenseSummary {
  const files = asArray(output.files)
    .filter(isObject)
    .filter((file) => (asString(file.type) ?? 'file') === 'file')
    .map((file): LicenseFile => {
      const detections = asArray(file.license_detections).filter(isObject);
      const scores = detections.flatMap((d) => asArray(d.matches).filter(isObject).map((m) => asNumber(m.score))).filter((s): s is number => s !== null);
      const detail = scores.length > 0 ? `score ${Math.max(...scores).toFixed(0)}` : '';
      return { path: asString(file.path) ?? '?', license: scancodeExpression(file), detail };
    });
  return summarize([], files);
}
