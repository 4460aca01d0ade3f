/**
 * Registry license declarations to SPDX. Registries hand back what the publisher wrote: SPDX expressions
 * ("MIT OR Apache-2.0"), free-text names ("Apache License, Version 2.0", "BSD"), license URLs (NuGet's
 * `licenseUrl`, pom `<url>`), Trove classifiers, R's DESCRIPTION syntax ("GPL (>= 2) | MIT + file LICENSE"),
 * and sometimes a whole license text pasted into a field (older PyPI `license` fields). The names-to-SPDX
 * tables and the full-text matcher are src/analysis/licenses' (read-only use); what no table knows is kept as
 * written, so a declared license is never lost, only left unnormalised.
 */
import { renderSpdx } from '../../licenses/expression.js';
import { declaredToExpression } from '../../licenses/manifests.js';
import { licenseByName } from '../../licenses/names.js';
import { detectLicenses } from '../../licenses/match/detect.js';
import { licenseEngine } from '../../licenses/match/engine.js';
import { combineAnd, mapKeys } from '../../licenses/match/expressions.js';

/** deps.dev's word for a declaration that names no known license; used the same way here. */
export const NON_STANDARD = 'non-standard';

/** Longer than any license name: a pasted license text, not a name. */
const MAX_NAME_LENGTH = 120;

/** One declared value as an SPDX expression; unknown short names as written; texts matched or `non-standard`. */
export function normalizeDeclared(declared: string): string | null {
  const value = declared.trim();
  if (value === '' || /^(unknown|none|n\/a|null|undefined|other|unlicensed)$/i.test(value)) return null;
  if (value.length > MAX_NAME_LENGTH || value.includes('\n')) {
    // A pasted text goes through the LicenseDB matcher, as a license file would.
    const expression = combineAnd(detectLicenses(value).detections.map((d) => d.expression));
    return expression ? mapKeys(expression, (key) => licenseEngine().db.spdxOf(key)) : NON_STANDARD;
  }
  const spdx = spdxOf(value);
  if (spdx) return spdx;
  // A link to a license page no table knows says "some license", not which one.
  return /^https?:\/\//i.test(value) ? NON_STANDARD : value;
}

/** The SPDX expression a short declaration stands for, or null when no table knows it. */
export function spdxOf(declared: string): string | null {
  const value = declared.trim();
  // URLs by the URL table only: spdx-correct, behind declaredToExpression, guesses a license from any text.
  if (/^https?:\/\//i.test(value)) return licenseByName(value);
  const expression = declaredToExpression(value);
  return expression ? renderSpdx(expression) : null;
}

/** Distinct normalised values in declaration order. */
export function normalizeAll(declared: readonly string[]): string[] {
  const out: string[] = [];
  for (const value of declared) {
    const normalized = normalizeDeclared(value);
    if (normalized !== null && !out.includes(normalized)) out.push(normalized);
  }
  return out;
}

/**
 * The license of a Trove classifier (`License :: OSI Approved :: MIT License` → `MIT`), or null for the
 * umbrella ones (`License :: OSI Approved`) and those naming no single license.
 */
export function classifierLicense(classifier: string): string | null {
  const parts = classifier.split('::').map((part) => part.trim());
  if (parts[0] !== 'License' || parts.length < 2) return null;
  const last = parts[parts.length - 1] as string;
  if (/^(OSI Approved|Other\/Proprietary License|Public Domain|Freely Distributable|Freeware|Repoze Public License)$/i.test(last)) {
    return null;
  }
  return licenseByName(last);
}

/** R's abbreviations (R's `share/licenses/license.db`) to SPDX; `(>= n)` means "n or later". */
const R_LICENSES: Readonly<Record<string, string>> = {
  'GPL-2': 'GPL-2.0-only',
  'GPL-3': 'GPL-3.0-only',
  'GPL (>= 2)': 'GPL-2.0-or-later',
  'GPL (>= 2.0)': 'GPL-2.0-or-later',
  'GPL (>= 3)': 'GPL-3.0-or-later',
  'GPL (>= 3.0)': 'GPL-3.0-or-later',
  GPL: 'GPL-2.0-or-later',
  'LGPL-2': 'LGPL-2.0-only',
  'LGPL-2.1': 'LGPL-2.1-only',
  'LGPL-3': 'LGPL-3.0-only',
  'LGPL (>= 2)': 'LGPL-2.0-or-later',
  'LGPL (>= 2.1)': 'LGPL-2.1-or-later',
  'LGPL (>= 3)': 'LGPL-3.0-or-later',
  LGPL: 'LGPL-2.0-or-later',
  'AGPL-3': 'AGPL-3.0-only',
  'AGPL (>= 3)': 'AGPL-3.0-or-later',
  'Apache License 2.0': 'Apache-2.0',
  'Apache License (== 2.0)': 'Apache-2.0',
  'Apache License (>= 2)': 'Apache-2.0',
  'Apache License': 'Apache-2.0',
  'Artistic-2.0': 'Artistic-2.0',
  'Artistic License 2.0': 'Artistic-2.0',
  'BSD_2_clause': 'BSD-2-Clause',
  'BSD_3_clause': 'BSD-3-Clause',
  MIT: 'MIT',
  'MPL-2.0': 'MPL-2.0',
  'MPL (>= 2)': 'MPL-2.0',
  CC0: 'CC0-1.0',
  'CC BY 4.0': 'CC-BY-4.0',
  'CC BY-SA 4.0': 'CC-BY-SA-4.0',
  'EUPL-1.2': 'EUPL-1.2',
  'EUPL (>= 1.2)': 'EUPL-1.2',
  Unlimited: NON_STANDARD,
};

/**
 * An R DESCRIPTION `License:` field as one SPDX expression: `|` separates alternatives, `+ file LICENSE`
 * adds terms in a file (the license named stays the declaration, as ScanCode and deps.dev read it).
 */
export function rLicenseExpression(field: string): string | null {
  const alternatives = field
    .split('|')
    .map((part) => part.trim().replace(/\s*\+\s*file\s+LICEN[CS]E$/i, '').replace(/^file\s+LICEN[CS]E$/i, '').trim())
    .filter((part) => part !== '');
  const spdx = alternatives.map((part) => R_LICENSES[part.replace(/\s+/g, ' ')] ?? normalizeDeclared(part)).filter((id): id is string => id !== null);
  const distinct = [...new Set(spdx)];
  if (distinct.length === 0) return null;
  return distinct.length === 1 ? (distinct[0] as string) : distinct.map((id) => (/\s/.test(id) ? `(${id})` : id)).join(' OR ');
}
