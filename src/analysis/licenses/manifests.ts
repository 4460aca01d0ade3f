/**
 * License declarations in package manifests: package.json (and bower.json), Cargo.toml, pyproject.toml,
 * setup.cfg, *.gemspec, pom.xml, *.csproj, *.nuspec, R DESCRIPTION, dist.ini, *.cabal and LICENSE.spdx. Each
 * reader takes the file's text and returns what it declares; nothing here reads files or runs code.
 */
import { createRequire } from 'node:module';
import type * as FastXmlParser from 'fast-xml-parser';
import type { XMLParser } from 'fast-xml-parser';
import { parse as parseToml } from 'smol-toml';
import { parseLicenseExpression, type LicenseNode } from './expression.js';
import { licenseByName } from './names.js';

export interface ManifestDeclaration {
  /** licensee's matcher name for the format (`npmbower`, `cargo`, `gemspec`...), or ours for formats it lacks. */
  readonly matcher: string;
  /** The declared value(s) as written. */
  readonly declared: readonly string[];
  /** The SPDX expression the declaration stands for; null when it names no known license. */
  readonly expression: LicenseNode | null;
  /** The manifest says the package is not licensed for use (`UNLICENSED`). */
  readonly unlicensed: boolean;
  /** 1-based line of the declaration in the file (1 when unknown). */
  readonly line: number;
}

interface ManifestFormat {
  readonly matcher: string;
  /** licensee's preference between manifests at the root (higher first). */
  readonly score: number;
  matches(lowerName: string): boolean;
  read(text: string): string[];
}

const require = createRequire(import.meta.url);
let xmlOnce: XMLParser | null = null;

/** The XML parser, loaded on first use: most projects have no XML manifest, and loading it costs ~15 ms. */
const xml = {
  parse(text: string): unknown {
    if (!xmlOnce) {
      const { XMLParser: Parser } = require('fast-xml-parser') as typeof FastXmlParser;
      xmlOnce = new Parser({ ignoreAttributes: false, parseTagValue: false, attributeNamePrefix: '@' });
    }
    return xmlOnce.parse(text) as unknown;
  },
};

type Dict = Record<string, unknown>;
const isDict = (value: unknown): value is Dict => typeof value === 'object' && value !== null && !Array.isArray(value);
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

function jsonLicense(text: string): string[] {
  const data: unknown = JSON.parse(text);
  if (!isDict(data)) return [];
  const direct = str(data.license) ?? (isDict(data.license) ? str(data.license.type) : null);
  if (direct) return [direct];
  // The deprecated `licenses: [{type}]` array: several entries mean a choice.
  const types = asList(data.licenses).map((entry) => (isDict(entry) ? str(entry.type) : str(entry)));
  const names = types.filter((name): name is string => name !== null);
  return names.length > 1 ? [names.map((name) => `(${name})`).join(' OR ')] : names;
}

function tomlTable(data: Dict, ...path: string[]): Dict | null {
  let node: unknown = data;
  for (const key of path) node = isDict(node) ? node[key] : undefined;
  return isDict(node) ? node : null;
}

function cargoLicense(text: string): string[] {
  const pkg = tomlTable(parseToml(text), 'package');
  const license = pkg ? str(pkg.license) : null;
  return license ? [license] : [];
}

function pyprojectLicense(text: string): string[] {
  const data = parseToml(text) as Dict;
  const project = tomlTable(data, 'project');
  const license = project?.license;
  // PEP 639: a string expression; PEP 621: {text = "..."} or {file = "..."} (a file says nothing by itself).
  const fromProject = str(license) ?? (isDict(license) ? str(license.text) : null);
  if (fromProject) return [fromProject];
  const poetry = tomlTable(data, 'tool', 'poetry');
  const fromPoetry = poetry ? str(poetry.license) : null;
  if (fromPoetry) return [fromPoetry];
  const classifiers = asList(project?.classifiers).map(str).filter((c): c is string => c?.startsWith('License ::') ?? false);
  return classifiers.map((c) => c.split('::').pop()?.trim() ?? '').filter(Boolean);
}

/**
 * `license = ...` and `License ::` classifiers in setup.cfg's [metadata] section. A full INI parser would be
 * one more dependency for one key of one section; Python's configparser continuation lines are followed.
 */
function setupCfgLicense(text: string): string[] {
  let section = '';
  const out: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const header = /^\s*\[([^\]]+)\]/.exec(line);
    if (header) {
      section = (header[1] as string).trim().toLowerCase();
      continue;
    }
    if (section !== 'metadata') continue;
    const license = /^license\s*[=:]\s*(.+)$/i.exec(line);
    if (license) out.push((license[1] as string).trim());
    if (/^classifiers\s*[=:]/i.test(line)) {
      for (let j = i + 1; j < lines.length && /^\s+\S/.test(lines[j] as string); j++) {
        const classifier = (lines[j] as string).trim();
        if (classifier.startsWith('License ::')) out.push(classifier.split('::').pop()?.trim() ?? '');
      }
    }
  }
  return out.filter(Boolean);
}

/** `s.license = 'MIT'` / `spec.licenses = ['MIT', 'Apache-2.0']` (licensee's Gemspec matcher, widened). */
function gemspecLicense(text: string): string[] {
  const single = /^\s*\w+\.license\s*=\s*["']([^"']+)["']/m.exec(text);
  if (single) return [single[1] as string];
  const list = /^\s*\w+\.licenses\s*=\s*(?:\[|%w\[|%w\()([^\])]*)[\])]/m.exec(text);
  if (!list) return [];
  const names = (list[1] as string).split(/[,\s]+/).map((name) => name.replace(/["']/g, '')).filter(Boolean);
  return names.length > 1 ? [names.join(' OR ')] : names;
}

function pomLicense(text: string): string[] {
  const data = xml.parse(text) as Dict;
  const project = isDict(data.project) ? data.project : null;
  const licenses = project && isDict(project.licenses) ? asList(project.licenses.license) : [];
  const names = licenses.map((entry) => (isDict(entry) ? (str(entry.name) ?? str(entry.url)) : null)).filter((n): n is string => n !== null);
  // Maven lists every license that applies; several <license> entries are read as a choice, as ScanCode does.
  return names.length > 1 ? [names.map((name) => `(${name})`).join(' OR ')] : names;
}

function csprojLicense(text: string): string[] {
  const data = xml.parse(text) as Dict;
  const project = isDict(data.Project) ? data.Project : null;
  const out: string[] = [];
  for (const group of asList(project?.PropertyGroup)) {
    if (!isDict(group)) continue;
    const expression = str(group.PackageLicenseExpression);
    if (expression) out.push(expression);
  }
  return out;
}

function nuspecLicense(text: string): string[] {
  const data = xml.parse(text) as Dict;
  const metadata = isDict(data.package) && isDict(data.package.metadata) ? data.package.metadata : null;
  if (!metadata) return [];
  const license = metadata.license;
  if (isDict(license) && license['@type'] === 'expression') return str(license['#text']) ? [str(license['#text']) as string] : [];
  const url = str(metadata.licenseUrl);
  return url ? [url] : [];
}

/** `Key: value` fields (R DESCRIPTION, LICENSE.spdx, cabal) or `key = value` (dist.ini). */
function fieldReader(pattern: RegExp): (text: string) => string[] {
  return (text) => {
    const match = pattern.exec(text);
    return match ? [(match[1] as string).trim()] : [];
  };
}

const FORMATS: readonly ManifestFormat[] = [
  { matcher: 'npmbower', score: 1.0, matches: (n) => n === 'package.json', read: jsonLicense },
  { matcher: 'spdx', score: 1.0, matches: (n) => n === 'license.spdx', read: fieldReader(/^PackageLicenseDeclared:\s*(.+)$/m) },
  { matcher: 'cargo', score: 1.0, matches: (n) => n === 'cargo.toml', read: cargoLicense },
  { matcher: 'gemspec', score: 1.0, matches: (n) => n.endsWith('.gemspec'), read: gemspecLicense },
  { matcher: 'cabal', score: 1.0, matches: (n) => n.endsWith('.cabal'), read: fieldReader(/^license\s*:\s*(.+)$/im) },
  { matcher: 'nuget', score: 1.0, matches: (n) => n.endsWith('.nuspec'), read: nuspecLicense },
  { matcher: 'pyproject', score: 0.95, matches: (n) => n === 'pyproject.toml', read: pyprojectLicense },
  { matcher: 'maven', score: 0.95, matches: (n) => n === 'pom.xml', read: pomLicense },
  { matcher: 'nuget', score: 0.95, matches: (n) => n.endsWith('.csproj'), read: csprojLicense },
  { matcher: 'cran', score: 0.9, matches: (n) => n === 'description', read: fieldReader(/^License:\s*(.+)$/m) },
  { matcher: 'setupcfg', score: 0.85, matches: (n) => n === 'setup.cfg', read: setupCfgLicense },
  { matcher: 'dist_zilla', score: 0.8, matches: (n) => n === 'dist.ini', read: fieldReader(/^license\s*=\s*(.+)$/m) },
  { matcher: 'npmbower', score: 0.75, matches: (n) => n === 'bower.json', read: jsonLicense },
  { matcher: 'npmbower', score: 0.7, matches: (n) => n === 'elm-package.json', read: jsonLicense },
];

/** licensee's score for a file name as a package manifest (0 = not one). */
export function manifestScore(fileName: string): number {
  const lower = fileName.toLowerCase();
  return FORMATS.find((format) => format.matches(lower))?.score ?? 0;
}

export function isManifest(fileName: string): boolean {
  return manifestScore(fileName) > 0;
}

/** A declared value as an expression: SPDX syntax, a free-text name, a license URL or an R/cabal short name. */
export function declaredToExpression(declared: string): LicenseNode | null {
  const cleaned = declared
    .replace(/\s*\+\s*file\s+LICEN[CS]E\s*$/i, '') // R: "MIT + file LICENSE"
    .replace(/^see license in .*/i, '')
    .trim();
  if (!cleaned) return null;
  const fromExpression = parseLicenseExpression(cleaned);
  if (fromExpression) return fromExpression;
  const byName = licenseByName(cleaned);
  return byName ? { license: byName, plus: false, exception: null } : null;
}

function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  return index < 0 ? 1 : text.slice(0, index).split('\n').length;
}

/**
 * What a manifest declares, or null when the file is not a manifest or declares nothing. Malformed files
 * (bad JSON, TOML or XML) declare nothing: the caller reports no license for them, never an exception.
 */
export function readManifest(fileName: string, text: string): ManifestDeclaration | null {
  const lower = fileName.toLowerCase();
  const format = FORMATS.find((candidate) => candidate.matches(lower));
  if (!format) return null;
  let declared: string[];
  try {
    declared = format.read(text);
  } catch {
    return null;
  }
  if (declared.length === 0) return null;
  const unlicensed = declared.length === 1 && /^unlicensed$/i.test(declared[0] as string);
  const nodes = unlicensed ? [] : declared.map(declaredToExpression);
  let expression: LicenseNode | null = null;
  if (nodes.length > 0 && nodes.every((node) => node !== null)) {
    for (const node of nodes) expression = expression ? { conjunction: 'and', left: expression, right: node } : node;
  }
  return { matcher: format.matcher, declared, expression, unlicensed, line: lineOf(text, declared[0] as string) };
}
