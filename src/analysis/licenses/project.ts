/**
 * Project license detection as licensee does it (`licensee detect --json`): the license files at the root
 * (LICENSE, COPYING, ... ranked by name), the License section of the README, and the top-ranked package
 * manifest, each matched and listed; the project's license is the one license they agree on, `NOASSERTION`
 * when they disagree. Computed once per repository view (`repo.memo`) for every checker that needs it.
 */
import { createHash } from 'node:crypto';
import type { RepoFile, RepoView } from '../../lib/repo/repo-view.js';
import { renderSpdx } from './expression.js';
import { licenseMeta, LICENSEE_PSEUDO, toLicenseeId } from './licensee-ids.js';
import { manifestScore, readManifest } from './manifests.js';
import { findLicenseReference } from './names.js';
import { contentWithoutTitle, COPYRIGHT_LINES } from './normalize.js';
import { getCorpus } from './corpus.js';
import { matchLicenseText, prepareText } from './text-match.js';

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
  /** Added: the declared SPDX expression when a manifest declares more than one license. */
  license_expression?: string;
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

/** licensee's Copyright matcher: the whole file is copyright lines. */
export function isCopyrightOnly(content: string): boolean {
  const lines = content.trim().split(/\r?\n/);
  return lines.length > 0 && lines[0] !== '' && lines.every((line) => /^[_*\-\s]*(?:copyright|\(c\)|©)/i.test(line));
}

function attributionOf(content: string): string | null {
  const match = COPYRIGHT_LINES.exec(contentWithoutTitle(content, { titles: getCorpus().titles }));
  return match ? match[0].trim() : null;
}

interface FileMatch {
  readonly file: LicenseeMatchedFile;
  /** The license's licensee-style id (spdx_id of the licenses list). */
  readonly license: string;
  readonly copyrightFile: boolean;
}

function matchLicenseFile(name: string, content: string, readme: boolean): FileMatch {
  const prepared = prepareText(content);
  const contentHash = createHash('sha1').update(prepared.normalized).digest('hex');
  const base = { filename: name, content_hash: contentHash };
  if (isCopyrightOnly(content)) {
    const copyrightFile = /^copyright(?:\.(?!xml|go|gemspec)[^./]+)?$/i.test(name);
    return {
      file: { ...base, matcher: { name: 'copyright', confidence: 100 }, matched_license: 'NONE', attribution: content.trim() },
      license: LICENSEE_PSEUDO.none,
      copyrightFile,
    };
  }
  const match = matchLicenseText(prepared, undefined, content);
  if (match) {
    const id = toLicenseeId(match.license.id);
    return {
      file: { ...base, matcher: { name: match.matcher, confidence: match.confidence }, matched_license: id, attribution: attributionOf(content) },
      license: id,
      copyrightFile: false,
    };
  }
  if (readme) {
    const reference = findLicenseReference(content);
    if (reference) {
      const id = toLicenseeId(reference);
      return { file: { ...base, matcher: { name: 'reference', confidence: 90 }, matched_license: id, attribution: null }, license: id, copyrightFile: false };
    }
  }
  return { file: { ...base, matcher: null, matched_license: 'NOASSERTION', attribution: null }, license: LICENSEE_PSEUDO.other, copyrightFile: false };
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
  // licensee: LGPL lives in COPYING.LESSER beside a GPL COPYING; put it first so it names the project.
  const lesser = matches.findIndex((m) => /^copying\.lesser$/i.test(m.file.filename) && /^LGPL/.test(m.license));
  if (lesser > 0 && /^GPL/.test(matches[0]?.license ?? '')) matches.unshift(...matches.splice(lesser, 1));

  const readme = ranked(rootFiles, readmeScore)[0];
  if (readme) {
    const section = readmeLicenseSection(await read(readme.path));
    if (section) matches.push(matchLicenseFile(readme.path, section, true));
  }
  const manifest = ranked(rootFiles, manifestScore)[0];
  if (manifest) {
    const match = matchManifest(manifest.path, await read(manifest.path));
    if (match) matches.push(match);
  }

  const licenses = [...new Set(matches.map((m) => m.license))];
  const withoutCopyright = [...new Set(matches.filter((m) => !m.copyrightFile).map((m) => m.license))];
  const lgplPair =
    licenses.length === 2 &&
    licenseFiles.length === 2 &&
    /^copying\.lesser$/i.test(matches[0]?.file.filename ?? '') &&
    /^LGPL/.test(matches[0]?.license ?? '') &&
    /^GPL/.test(matches[1]?.license ?? '');
  let license: string | null = null;
  if (withoutCopyright.length === 1 || lgplPair) license = withoutCopyright[0] ?? null;
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
