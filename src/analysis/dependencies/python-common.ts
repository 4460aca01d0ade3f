/** Pieces shared by the Python extractors: PEP 503 names, PEP 508 requirement strings, pyproject.toml. */
import { parse as parseToml } from 'smol-toml';
import type { RepoView } from '../../lib/repo/repo-view.js';
import { purlOf } from './purl.js';
import { MalformedFileError, asString, dirName, isObject, joinPath } from './record.js';

/** PEP 503 normalised name: lower case, runs of `-_.` as one `-`. Names compare equal in this form. */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export interface Requirement {
  readonly name: string;
  readonly extras: readonly string[];
  /** Version specifiers as written (`>=1,<2`), empty when none. */
  readonly specifier: string;
  /** The environment marker after `;`, if any. */
  readonly marker?: string;
  /** Direct reference (`name @ https://...`), if any. */
  readonly url?: string;
}

/**
 * A PEP 508 requirement string: `name[extra1,extra2] (>=1.0, <2) ; python_version < "3.11"` or
 * `name @ url ; marker`. Returns undefined when the string does not start with a valid name.
 */
export function parseRequirement(text: string): Requirement | undefined {
  const match = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*(.*)$/s.exec(text);
  if (!match) return undefined;
  const name = match[1] as string;
  const extras = (match[2] ?? '')
    .split(',')
    .map((extra) => extra.trim())
    .filter(Boolean);
  let rest = (match[3] ?? '').trim();
  let marker: string | undefined;
  let url: string | undefined;
  if (rest.startsWith('@')) {
    // `name @ url ; marker`: the URL ends at whitespace before `;`.
    const urlMatch = /^@\s*(\S+)\s*(?:;\s*(.*))?$/s.exec(rest);
    url = urlMatch?.[1];
    marker = urlMatch?.[2]?.trim() || undefined;
    return { name, extras, specifier: '', marker, url };
  }
  const semicolon = rest.indexOf(';');
  if (semicolon >= 0) {
    marker = rest.slice(semicolon + 1).trim() || undefined;
    rest = rest.slice(0, semicolon).trim();
  }
  const specifier = rest.replace(/^\((.*)\)$/, '$1').replace(/\s+/g, '');
  if (specifier !== '' && !/^(===|~=|==|!=|<=|>=|<|>)/.test(specifier)) return undefined;
  return { name, extras, specifier, marker };
}

/** The exact version a specifier pins (`==1.2.3` or `===1.2.3`, no wildcard), else ''. */
export function pinnedVersion(specifier: string): string {
  const match = /^===?([^,*]+)$/.exec(specifier);
  return match?.[1] ?? '';
}

export function parseTomlText(text: string): Record<string, unknown> {
  try {
    return parseToml(text);
  } catch (err) {
    throw new MalformedFileError(`not valid TOML: ${err instanceof Error ? (err.message.split('\n')[0] as string) : String(err)}`);
  }
}

/** The declared dependency names of a pyproject.toml or Pipfile: production and development (normalised). */
export interface DeclaredPython {
  readonly prod: Set<string>;
  readonly dev: Set<string>;
}

function addRequirementStrings(value: unknown, into: Set<string>): void {
  if (!Array.isArray(value)) return;
  for (const item of value) {
    const requirement = typeof item === 'string' ? parseRequirement(item) : undefined;
    if (requirement) into.add(normalizePythonName(requirement.name));
  }
}

function addTableKeys(value: unknown, into: Set<string>): void {
  if (!isObject(value)) return;
  for (const name of Object.keys(value)) if (name.toLowerCase() !== 'python') into.add(normalizePythonName(name));
}

/**
 * Direct dependencies declared by a pyproject.toml: PEP 621 `[project]` (and optional-dependencies), PEP 735
 * `[dependency-groups]`, Poetry's `[tool.poetry.*dependencies]` and groups, PDM's and uv's dev tables.
 */
export function declaredByPyproject(document: unknown): DeclaredPython {
  const prod = new Set<string>();
  const dev = new Set<string>();
  if (!isObject(document)) return { prod, dev };
  const project = isObject(document.project) ? document.project : {};
  addRequirementStrings(project.dependencies, prod);
  if (isObject(project['optional-dependencies'])) for (const list of Object.values(project['optional-dependencies'])) addRequirementStrings(list, prod);
  if (isObject(document['dependency-groups'])) for (const list of Object.values(document['dependency-groups'])) addRequirementStrings(list, dev);
  const tool = isObject(document.tool) ? document.tool : {};
  const poetry = isObject(tool.poetry) ? tool.poetry : {};
  addTableKeys(poetry.dependencies, prod);
  addTableKeys(poetry['dev-dependencies'], dev);
  if (isObject(poetry.group)) {
    for (const [group, table] of Object.entries(poetry.group)) {
      if (isObject(table)) addTableKeys(table.dependencies, group === 'main' ? prod : dev);
    }
  }
  const pdm = isObject(tool.pdm) ? tool.pdm : {};
  if (isObject(pdm['dev-dependencies'])) for (const list of Object.values(pdm['dev-dependencies'])) addRequirementStrings(list, dev);
  const uv = isObject(tool.uv) ? tool.uv : {};
  addRequirementStrings(uv['dev-dependencies'], dev);
  return { prod, dev };
}

/** The parsed TOML file `name` beside `path`, or undefined when absent or broken (it only adds flags). */
export async function siblingToml(repo: RepoView, path: string, name: string): Promise<unknown> {
  const sibling = joinPath(dirName(path), name);
  if (!(await repo.exists(sibling))) return undefined;
  return repo.memo(`dependencies:toml:${sibling}`, async () => {
    try {
      return parseToml(await repo.readText(sibling));
    } catch {
      return undefined;
    }
  });
}

/**
 * The `[[package]]` tables of a TOML Python lockfile (poetry.lock, pdm.lock) with each package's purl by
 * normalised name, for resolving dependency edges. A file with only `[metadata]` has no packages.
 */
export function lockPackages(text: string, kind: string): { packages: Record<string, unknown>[]; purlByName: Map<string, string> } {
  const document = parseTomlText(text);
  if (!Array.isArray(document.package)) {
    if (isObject(document.metadata)) return { packages: [], purlByName: new Map() };
    throw new MalformedFileError(`no [[package]] tables: not a ${kind}`);
  }
  const packages = document.package.filter(isObject);
  const purlByName = new Map<string, string>();
  for (const entry of packages) {
    const name = asString(entry.name);
    if (name) purlByName.set(normalizePythonName(name), purlOf('PyPI', name, asString(entry.version) ?? ''));
  }
  return { packages, purlByName };
}
