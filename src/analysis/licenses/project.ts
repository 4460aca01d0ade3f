/**
 * Project license detection as licensee does it (`licensee detect --json`): the license files at the root
 * (LICENSE, COPYING, ... ranked by name), the License section of the README, and the top-ranked package
 * manifest, each matched and listed; the project's license is the one license they agree on, `NOASSERTION`
 * when they disagree. Computed once per repository view (`repo.memo`) for every checker that needs it.
 */
import { createHash } from 'node:crypto';
import type { RepoFile, RepoView } from '../../lib/repo/repo-view.js';
import { renderSpdx } from './expression.js';
import { tokenize } from './licensedb-index.js';
import { licenseMeta, LICENSEE_PSEUDO, toLicenseeId } from './licensee-ids.js';
import { manifestScore, readManifest } from './manifests.js';
import { detectLicenses } from './match/detect.js';
import { licenseEngine } from './match/engine.js';
import { andOperands, combineAnd, isSingleKey, mapKeys } from './match/expressions.js';

export interface LicenseeLicense {
  key: string;
  spdx_id: string;
  meta: { title: string | null; source: string | null; nickname: string | null; hidden: boolean };
  url: string | null;
  other: boolean;
  gpl: boolean;
  lgpl: boolean;
  cc: boolean;
}

export interface LicenseeMatchedFile {
  filename: string;
  /** SHA-1 of the normalised text (licensee's content_hash); null for manifests. */
  content_hash: string | null;
  /** null when the file is a license file whose text matches no known license. */
  matcher: { name: string; confidence: number } | null;
  matched_license: string;
  attribution: string | null;
  /** Added: the SPDX expression when a file declares or holds more than one license (matched_license is NOASSERTION). */
  license_expression?: string;
  /** Added: the license a modified license text was made from (matched_license is NOASSERTION, as licensee's). */
  modified_from?: string;
}

export interface LicenseeResult {
  licenses: LicenseeLicense[];
  matched_files: LicenseeMatchedFile[];
  /** Added: licensee's project license (`project.license`): the SPDX id, NOASSERTION on disagreement, or null. */
  license: string | null;
  [key: string]: unknown;
}

// ------------------------------------------------------------------ file names (licensee's scores)

const LICENSE = '(?:un)?licen[sc]e';
const COPYING = 'copy(?:ing|right)';
const PREFERRED_EXT = '\\.(?:md|markdown|txt|html)';
const LICENSE_EXT = '\\.(?!spdx|header)[^./]+';
const OTHER_EXT = '\\.(?!xml|go|gemspec)[^./]+';
const ANY_EXT = '\\.[^./]+';

const FILENAME_SCORES: readonly [RegExp, number][] = [
  [`${LICENSE}`, 1.0],
  [`${LICENSE}${PREFERRED_EXT}`, 0.95],
  [`${COPYING}`, 0.9],
  [`${COPYING}${PREFERRED_EXT}`, 0.85],
  [`${LICENSE}${LICENSE_EXT}`, 0.8],
  [`${COPYING}${ANY_EXT}`, 0.75],
  [`${LICENSE}[-_][^.]*(?:${OTHER_EXT})?`, 0.7],
  [`${COPYING}[-_][^.]*(?:${OTHER_EXT})?`, 0.65],
  [`\\w+[-_]${LICENSE}[^.]*(?:${OTHER_EXT})?`, 0.6],
  [`\\w+[-_]${COPYING}[^.]*(?:${OTHER_EXT})?`, 0.55],
  [`ofl${PREFERRED_EXT}.*`, 0.5],
  [`ofl${OTHER_EXT}.*`, 0.45],
  ['ofl', 0.4],
  ['patents', 0.35],
  [`patents${OTHER_EXT}`, 0.3],
].map(([source, score]) => [new RegExp(`^${source as string}$`, 'is'), score as number]);

/** licensee's LicenseFile.name_score: how likely a root file name is a license file (0 = not one). */
export function licenseFileScore(name: string): number {
  for (const [regex, score] of FILENAME_SCORES) if (regex.test(name)) return score;
  return 0;
}

/** licensee's ReadmeFile.name_score. */
export function readmeScore(name: string): number {
  if (/^README$/i.test(name)) return 1.0;
  if (/^README\.(?:md|markdown|mdown|txt|rdoc|rst)$/i.test(name)) return 0.9;
  return 0;
}

const README_LICENSE_SECTION =
  /^(?:[#=]+\s(?:licen[sc]e:?)\s*[#=]*|(?:licen[sc]e:?)\n[-=]+)$([\s\S]*?)(?=^(?:[#=]+|[^\n]+\n[-=]+)|(?![\s\S]))/im;

/** The License section of a README (licensee's ReadmeFile.license_content), or null. */
export function readmeLicenseSection(content: string): string | null {
  const match = README_LICENSE_SECTION.exec(content.replace(/\r\n?/g, '\n'));
  return match ? (match[1] as string).trim() : null;
}

// ------------------------------------------------------------------ matching one file

/**
 * A copyright statement line ("Copyright (c) 2020 X", "© X"), not license prose that starts a line with the word
 * ("copyright notice and this permission notice", "COPYRIGHT HOLDERS AND CONTRIBUTORS BE LIABLE").
 */
const COPYRIGHT_LINE =
  /^[\s_*#/-]*(?:(?:[Cc]opyright|COPYRIGHT)(?!\s+(?:holders?|owners?|notices?|and|law|laws|protection|statement|HOLDERS?|OWNERS?|NOTICES?|AND)\b)\s*(?:\([cC]\)|©|&copy;|\d{4}|[A-Z<[])|\([cC]\)\s*\d|©)/;

/** licensee's Copyright matcher: the whole file is copyright lines. */
export function isCopyrightOnly(content: string): boolean {
  const lines = content.trim().split(/\r?\n/);
  return lines.length > 0 && lines[0] !== '' && lines.every((line) => /^[_*\-\s]*(?:copyright|\(c\)|©)/i.test(line));
}

/** The copyright lines of a license file (licensee's attribution), joined; null when there are none. */
function attributionOf(content: string): string | null {
  const lines = content.split(/\r?\n/).filter((line) => COPYRIGHT_LINE.test(line) && /\d{4}|<|\[/.test(line));
  return lines.length > 0 ? lines.map((line) => line.trim()).join('\n') : null;
}

interface FileMatch {
  readonly file: LicenseeMatchedFile;
  /** The license's licensee-style id (spdx_id of the licenses list). */
  readonly license: string;
  readonly copyrightFile: boolean;
}

/** A license text that is this much smaller than the file, or matched this partially, has been modified. */
const WHOLE_SHARE = 0.95;
const TEXT_COVERAGE = 95;

/**
 * One license file (or README License section) through the LicenseDB matcher, answered as licensee answers: the
 * one license it holds, NOASSERTION when it holds several or a modified text, no matcher when it holds none.
 * A full license text counts when it is matched at licensee's 98% and explains the file (a text with a clause
 * added or removed is another license, which licensee calls "other"); notices and references count as they are.
 * Copyright lines are left out first, as licensee strips them.
 */
function matchLicenseFile(name: string, content: string, readme: boolean): FileMatch {
  const contentHash = createHash('sha1').update(tokenize(content).join(' ')).digest('hex');
  const base = { filename: name, content_hash: contentHash };
  if (isCopyrightOnly(content)) {
    const copyrightFile = /^copyright(?:\.(?!xml|go|gemspec)[^./]+)?$/i.test(name);
    return {
      file: { ...base, matcher: { name: 'copyright', confidence: 100 }, matched_license: 'NONE', attribution: content.trim() },
      license: LICENSEE_PSEUDO.none,
      copyrightFile,
    };
  }
  const prose = content
    .split(/\r?\n/)
    .filter((line) => !COPYRIGHT_LINE.test(line))
    .join('\n');
  const found = detectLicenses(prose);
  const db = licenseEngine().db;
  const detections = found.detections.filter((d) => d.expression !== 'unknown-license-reference' && d.expression !== 'unknown');
  let expressions = [...new Set(detections.flatMap((d) => andOperands(d.expression)))];
  // The LGPL 3.0 is the GPL 3.0 plus permissions, and its text comes with the GPL's (SPDX's LGPL-3.0 text is
  // both): the pair in one file is the LGPL.
  if (expressions.some((e) => /^lgpl-3\.0(?:-plus)?$/.test(e))) expressions = expressions.filter((e) => !/^gpl-3\.0(?:-plus)?$/.test(e));
  const none: FileMatch = { file: { ...base, matcher: null, matched_license: 'NOASSERTION', attribution: null }, license: LICENSEE_PSEUDO.other, copyrightFile: false };
  if (expressions.length === 0) return none;
  const attribution = readme ? null : attributionOf(content);
  const combined = combineAnd(expressions) as string;
  const single = expressions.length === 1 && isSingleKey(combined);
  const matches = detections.flatMap((d) => d.matches).filter((m) => expressions.includes(m.expression));
  const texts = matches.filter((m) => m.rule >= 0 && (db.rules[m.rule]?.kind === 'text' || db.rules[m.rule]?.isFromLicense));
  const share = found.wordCount === 0 ? 0 : found.matchedWords / found.wordCount;
  const coverage = Math.max(0, ...texts.map((m) => m.coverage));
  const modified = texts.length > 0 && (coverage < TEXT_COVERAGE || share < WHOLE_SHARE);
  if (!single || modified) {
    const file: LicenseeMatchedFile = { ...base, matcher: null, matched_license: 'NOASSERTION', attribution };
    // licensee knows single licenses only: several, or a modified text, is "other"; the expression stays beside it.
    file.license_expression = mapKeys(combined, (key) => db.spdxOf(key));
    if (modified) file.modified_from = mapKeys(combined, (key) => db.spdxOf(key));
    return { file, license: LICENSEE_PSEUDO.other, copyrightFile: false };
  }
  const id = toLicenseeId(db.spdxOf(combined));
  const exact = texts.length > 0 && matches.every((m) => m.matcher !== '3-seq') && share >= 0.999;
  const matcher =
    texts.length === 0
      ? { name: 'reference', confidence: Math.round(Math.min(...matches.map((m) => m.score))) }
      : { name: exact ? 'exact' : 'dice', confidence: exact ? 100 : Math.round(Math.min(coverage, share * 100) * 100) / 100 };
  return { file: { ...base, matcher, matched_license: id, attribution }, license: id, copyrightFile: false };
}

function matchManifest(name: string, content: string): FileMatch | null {
  const declaration = readManifest(name, content);
  if (!declaration) return null;
  const base = { filename: name, content_hash: null, matcher: { name: declaration.matcher, confidence: 90 }, attribution: null };
  if (declaration.unlicensed) return { file: { ...base, matched_license: 'NONE' }, license: LICENSEE_PSEUDO.none, copyrightFile: false };
  const expression = declaration.expression;
  if (expression && !('conjunction' in expression) && !expression.exception) {
    const id = toLicenseeId(expression.plus ? `${expression.license}-or-later` : expression.license);
    return { file: { ...base, matched_license: id }, license: id, copyrightFile: false };
  }
  // licensee knows single licenses only: a compound declaration is "other"; we keep the expression beside it.
  const file: LicenseeMatchedFile = { ...base, matched_license: 'NOASSERTION' };
  if (expression) file.license_expression = renderSpdx(expression);
  return { file, license: LICENSEE_PSEUDO.other, copyrightFile: false };
}

// ------------------------------------------------------------------ the project

function ranked(files: readonly RepoFile[], score: (name: string) => number): RepoFile[] {
  return files
    .map((file) => ({ file, score: score(file.path) }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || (a.file.path < b.file.path ? -1 : 1))
    .map((entry) => entry.file);
}

async function detect(repo: RepoView, signal: AbortSignal, dir: string): Promise<LicenseeResult> {
  const prefix = dir === '' ? '' : `${dir.replace(/\/+$/, '')}/`;
  const rootFiles = (await repo.files())
    .filter((file) => file.path.startsWith(prefix) && !file.path.slice(prefix.length).includes('/'))
    .map((file) => ({ ...file, path: file.path.slice(prefix.length) }));
  const read = async (name: string): Promise<string> => {
    signal.throwIfAborted();
    return (await repo.readText(prefix + name)).replace(/^\uFEFF/, '');
  };

  const matches: FileMatch[] = [];
  const licenseFiles = ranked(rootFiles, licenseFileScore);
  for (const file of licenseFiles) matches.push(matchLicenseFile(file.path, await read(file.path), false));
  // REUSE keeps one text per license in LICENSES/ (LICENSES/MIT.txt): each is a license file of the project.
  const reuse = (await repo.files())
    .filter((file) => file.path.startsWith(`${prefix}LICENSES/`) && !file.path.slice(prefix.length + 'LICENSES/'.length).includes('/'))
    .map((file) => file.path.slice(prefix.length))
    .sort();
  for (const path of reuse) matches.push(matchLicenseFile(path, await read(path), false));
  // COPYING with the GPL beside COPYING.LESSER (or COPYING.LIB) with the LGPL is how the LGPL is shipped: the LGPL
  // is a set of permissions on top of the GPL, whose text must come with it. The pair means the LGPL.
  const lesser = matches.findIndex((m) => /^copying\.(?:lesser|lib)(?:\.[^./]+)?$/i.test(m.file.filename) && /^LGPL/.test(m.license));
  const lgpl = lesser >= 0 ? (matches[lesser] as FileMatch) : null;
  if (lesser > 0) matches.unshift(...matches.splice(lesser, 1));

  const readme = ranked(rootFiles, readmeScore)[0];
  if (readme) {
    const section = readmeLicenseSection(await read(readme.path));
    // The heading goes with the section: "License" + "MIT © Jane" is a license reference, "MIT © Jane" alone is
    // not. As licensee does, a section that names no license is listed (NOASSERTION) and counts as disagreement.
    if (section) matches.push(matchLicenseFile(readme.path, isCopyrightOnly(section) ? section : `License\n\n${section}`, true));
  }
  const manifest = ranked(rootFiles, manifestScore)[0];
  if (manifest) {
    const match = matchManifest(manifest.path, await read(manifest.path));
    if (match) matches.push(match);
  }

  const licenses = [...new Set(matches.map((m) => m.license))];
  const partOfLgpl = (m: FileMatch): boolean => lgpl !== null && m !== lgpl && /^GPL-\d/.test(m.license) && /^copying(?:\.[^./]+)?$/i.test(m.file.filename);
  const withoutCopyright = [...new Set(matches.filter((m) => !m.copyrightFile && !partOfLgpl(m)).map((m) => m.license))];
  let license: string | null = null;
  if (withoutCopyright.length === 1) license = withoutCopyright[0] ?? null;
  else if (withoutCopyright.length > 1) license = 'NOASSERTION';

  return { licenses: licenses.map(licenseMeta), matched_files: matches.map((m) => m.file), license };
}

/**
 * licensee's `detect --json` for the repository root (or for `dir`, a folder inside it), computed once per
 * repository view and folder.
 */
export function detectProjectLicense(repo: RepoView, signal: AbortSignal, dir = ''): Promise<LicenseeResult> {
  return repo.memo(`licenses:project:${dir}`, () => detect(repo, signal, dir));
}
