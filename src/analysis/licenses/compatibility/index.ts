/**
 * `license_compatibility` for the `scancode` result: the licenses found in files (their
 * `detected_license_expression_spdx`) checked against the project's declared license (licensee's answer, as
 * `license-detector` gives it), by the table in table.json (evaluate.ts). OSS Compass's
 * compliance_license_compatibility metric reads `license_compatibility.conflicts` (or `license_conflicts`):
 * any conflict scores 0.
 */
import { leaves, parseLicenseExpression, renderSpdx } from '../expression.js';
import type { LicenseeResult } from '../project.js';
import { evaluate } from './evaluate.js';
import { TABLE } from './table.js';

export interface CompatibilityConflict {
  /** The file, as `files[].path` names it (`<repo>/<path>`). */
  readonly file: string;
  /** The file's license expression (SPDX). */
  readonly license: string;
  readonly project_license: string;
  readonly reason: string;
  readonly sources: readonly string[];
}

export interface LicenseCompatibility {
  /** The project's declared license as an SPDX expression; null when it has none or its files disagree. */
  readonly project_license: string | null;
  readonly conflicts: CompatibilityConflict[];
  /** License ids met that the table does not know, so not evaluated. */
  readonly unknown_licenses: string[];
}

export interface ScannedFile {
  readonly path: string;
  readonly type: 'file' | 'directory';
  readonly detected_license_expression_spdx: string | null;
}

/** A licensee id as a current SPDX id (`GPL-2.0` is `GPL-2.0-only`). */
function currentId(id: string): string {
  return TABLE.deprecated.get(id) ?? id;
}

/**
 * The project's declared license as an SPDX expression, from licensee's answer: its `license`; or, when the
 * files disagree only because a manifest declares a compound expression ("MIT OR Apache-2.0" beside
 * LICENSE-MIT and LICENSE-APACHE), that expression. None or NOASSERTION otherwise gives null.
 */
export function projectLicenseOf(result: LicenseeResult): string | null {
  const license = result.license;
  if (license && license !== 'NOASSERTION' && license !== 'NONE') {
    const node = parseLicenseExpression(currentId(license));
    return node ? renderSpdx(node) : null;
  }
  if (license !== 'NOASSERTION') return null;
  const declared = result.matched_files.filter((file) => file.license_expression);
  if (declared.length !== 1) return null;
  const node = parseLicenseExpression(declared[0]?.license_expression ?? '');
  if (!node) return null;
  const ids = new Set(leaves(node).map((leaf) => currentId(leaf.license)));
  const others = result.matched_files.filter((file) => !file.license_expression && file.matched_license !== 'NONE');
  return others.every((file) => ids.has(currentId(file.matched_license))) ? renderSpdx(node) : null;
}

/** The conflicts between the files' licenses and the project's license. */
export function licenseCompatibility(files: readonly ScannedFile[], projectLicense: string | null): LicenseCompatibility {
  if (projectLicense === null) return { project_license: null, conflicts: [], unknown_licenses: [] };
  const conflicts: CompatibilityConflict[] = [];
  const unknown = new Set<string>();
  const verdicts = new Map<string, ReturnType<typeof evaluate>>();
  for (const file of files) {
    const license = file.detected_license_expression_spdx;
    if (file.type !== 'file' || !license) continue;
    let verdict = verdicts.get(license);
    if (!verdict) {
      verdict = evaluate(license, projectLicense);
      verdicts.set(license, verdict);
    }
    for (const id of verdict.unknown) unknown.add(id);
    if (verdict.conflict) {
      conflicts.push({ file: file.path, license, project_license: projectLicense, reason: verdict.conflict.reason, sources: verdict.conflict.sources });
    }
  }
  return { project_license: projectLicense, conflicts, unknown_licenses: [...unknown].sort() };
}
