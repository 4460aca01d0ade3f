/**
 * Standard license notices and short references, matched on a simplified text (lower case, comment markers
 * removed, whitespace collapsed): the Apache-2.0 header, the GPL family's "either version N of the License, or
 * (at your option) any later version", MPL, EPL, Boost, CC0, Unlicense, Perl's "same terms as Perl itself",
 * Go's "BSD-style license" header, and "licensed/released under the X license" for any known license name.
 * Rules run in order; a later rule never reports text an earlier one already explained.
 */
import { parseLicenseExpression, type LicenseNode } from './expression.js';
import { licenseByName } from './names.js';

export interface NoticeMatch {
  /** Rule name, reported as ScanCode's rule_identifier. */
  readonly rule: string;
  readonly expression: LicenseNode;
  /** Offsets in the simplified text. */
  readonly start: number;
  readonly end: number;
}

interface NoticeRule {
  readonly rule: string;
  readonly pattern: RegExp;
  /** The expression for a match (null: not a license after all). */
  expression(match: RegExpExecArray): LicenseNode | null;
}

const leaf = (license: string): LicenseNode => ({ license, plus: false, exception: null });
const fixed = (expression: string) => (): LicenseNode | null => parseLicenseExpression(expression);

function gplFamily(match: RegExpExecArray): LicenseNode | null {
  const kind = (match[1] ?? '').trim();
  const version = match[2] ?? '';
  const later = Boolean(match[3]);
  const major = version.split('.')[0];
  let id: string | null = null;
  if (kind === 'affero') id = major === '3' ? 'AGPL-3.0' : major === '1' ? 'AGPL-1.0' : null;
  else if (kind === 'lesser' || kind === 'library') {
    if (version === '2.1') id = 'LGPL-2.1';
    else if (major === '2') id = 'LGPL-2.0';
    else if (major === '3') id = 'LGPL-3.0';
  } else if (major === '1' || major === '2' || major === '3') id = `GPL-${major}.0`;
  return id ? leaf(`${id}-${later ? 'or-later' : 'only'}`) : null;
}

const GPL_VERSION =
  /\b(?:(?:this|the) (?:program|library|file|software) is free software;? you can redistribute it and\/or modify it under the terms of the )?(?:gnu )?(affero |lesser |library )?general public licen[sc]e\b[^.]{0,120}?\bversion ([123](?:\.[01])?)\b(?: of the licen[sc]e)?(,? or \(?at your option\)? any later version|,? or any later version|\+)?/g;

function namedLicense(match: RegExpExecArray): LicenseNode | null {
  const name = (match[1] ?? '').trim();
  if (!name || /^(?:this|that|the|same|a|an|any|which|such|following|its|these|above|other|my|our|your)$/.test(name)) return null;
  // A copyleft family without a version ("distributed under the GNU General Public License") names no
  // license precisely enough; the versioned notices are matched by the family rules above.
  if (/general public|\bgpl\b|\blgpl\b|\bagpl\b|mozilla|eclipse|creative commons|\bcc\b/.test(name) && !/\d/.test(name)) return null;
  const id = licenseByName(`${name} license`) ?? licenseByName(name);
  return id ? parseLicenseExpression(id) : null;
}

export const NOTICE_RULES: readonly NoticeRule[] = [
  {
    rule: 'apache-2.0_notice.RULE',
    pattern: /\blicensed under the apache licen[sc]e,? version 2\.0\b/g,
    expression: fixed('Apache-2.0'),
  },
  { rule: 'gpl-family_notice.RULE', pattern: GPL_VERSION, expression: gplFamily },
  {
    rule: 'mpl_notice.RULE',
    pattern: /\bsubject to the terms of the mozilla public licen[sc]e,? v(?:ersion|\.)? ?(2\.0|1\.1|1\.0)\b/g,
    expression: (m) => leaf(`MPL-${m[1] as string}`),
  },
  {
    rule: 'epl_notice.RULE',
    pattern: /\bmade available under the terms of the eclipse public licen[sc]e,? v(?:ersion ?)?([12])\.0\b/g,
    expression: (m) => leaf(`EPL-${m[1] as string}.0`),
  },
  {
    rule: 'bsl-1.0_notice.RULE',
    pattern: /\bdistributed under the boost software licen[sc]e,? version 1\.0\b/g,
    expression: fixed('BSL-1.0'),
  },
  {
    rule: 'cc0-1.0_notice.RULE',
    pattern: /\bto the extent possible under law,.{0,200}?waived all copyright and related or neighbou?ring rights\b/g,
    expression: fixed('CC0-1.0'),
  },
  {
    rule: 'unlicense_notice.RULE',
    pattern: /\bthis is free and unencumbered software released into the public domain\b/g,
    expression: fixed('Unlicense'),
  },
  {
    rule: 'perl_notice.RULE',
    pattern: /\bunder the same terms as perl itself\b/g,
    expression: fixed('Artistic-1.0-Perl OR GPL-1.0-or-later'),
  },
  {
    rule: 'bsd-new_notice.RULE',
    pattern: /\buse of this source code is governed by a bsd-style licen[sc]e\b/g,
    expression: fixed('BSD-3-Clause'),
  },
  {
    rule: 'mit_notice.RULE',
    pattern: /\buse of this source code is governed by an mit-style licen[sc]e\b/g,
    expression: fixed('MIT'),
  },
  {
    rule: 'wtfpl_notice.RULE',
    pattern: /\bdo what the fuck you want to public licen[sc]e\b/g,
    expression: fixed('WTFPL'),
  },
  {
    rule: 'license-reference_notice.RULE',
    pattern:
      /\b(?:licensed|released|distributed|available|published|provided|offered) (?:freely )?under (?:the )?(?:terms (?:and conditions )?of (?:the )?)?([a-z][a-z0-9.+-]*(?: [a-z0-9.+-]+){0,3}?),? licen[sc]e\b/g,
    expression: namedLicense,
  },
  {
    rule: 'license-reference_notice.RULE',
    pattern: /\b(mit|isc|apache-2\.0|bsd-2-clause|bsd-3-clause|0bsd|unlicense|mpl-2\.0) licen[sc]ed\b/g,
    expression: (m) => parseLicenseExpression(m[1] as string),
  },
];

/** Every notice in a simplified text, earliest first, none overlapping an earlier rule's match. */
export function findNotices(simplified: string): NoticeMatch[] {
  const out: NoticeMatch[] = [];
  for (const rule of NOTICE_RULES) {
    rule.pattern.lastIndex = 0;
    for (let match = rule.pattern.exec(simplified); match; match = rule.pattern.exec(simplified)) {
      const start = match.index;
      const end = start + match[0].length;
      if (out.some((other) => start < other.end && end > other.start)) continue;
      const expression = rule.expression(match);
      if (expression) out.push({ rule: rule.rule, expression, start, end });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** JSDoc/Closure `@license <expression>` tags, on the raw line. */
export const JSDOC_LICENSE = /@licen[sc]e\s+([A-Za-z0-9][A-Za-z0-9.+\-() ]*?)(?=\s*(?:\*\/|$|\s-\s|\s[(<]?https?:))/;

/** A `License: MIT` line (README bullets, file headers, YAML front matter): an SPDX id or expression alone. */
export const LICENSE_FIELD = /^[\s*#/;-]*licen[sc]e\s*:\s*((?:[A-Za-z0-9][A-Za-z0-9.+-]*)(?:\s+(?:OR|AND|or|and)\s+[A-Za-z0-9][A-Za-z0-9.+-]*)*)\.?\s*$/i;
