/**
 * Declared dependencies of pip requirements files and npm package.json files (upstream's PythonPip and
 * NodeJS types; Scorecard does not score them). A requirement is pinned by `--hash=` or an exact `==`/`===`
 * version; a package.json range is pinned when it is an exact version or when a lockfile beside the manifest
 * (or in a parent folder, for workspaces) fixes what the range resolves to.
 */
import semver from 'semver';
import { logicalLines } from '../../workflows/shell.js';
import type { Collected, Dependency } from './types.js';

export function isRequirementsFile(lowerName: string): boolean {
  return /^requirements.*\.txt$/.test(lowerName);
}

export function requirementsDependencies(path: string, text: string): Collected {
  const dependencies: Dependency[] = [];
  for (const { text: raw, line } of logicalLines(text)) {
    const content = raw.replace(/(^|\s)#.*$/, '').trim();
    // Options (-r other.txt, --index-url, -e path) name no versioned dependency of this file.
    if (content === '' || content.startsWith('-')) continue;
    const hashed = /--hash[=\s]/.test(content);
    const spec = content.split(/\s+--/)[0]?.split(';')[0]?.trim() ?? '';
    const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$/.exec(spec);
    if (!match) continue;
    const constraint = (match[3] ?? '').trim();
    const exact = /^===?\s*[^,<>=!~*\s]+$/.test(constraint) && !constraint.includes('*');
    dependencies.push({
      name: match[1] as string,
      version: exact ? constraint.replace(/^===?\s*/, '') : constraint,
      type: 'PythonPip',
      path,
      line: line + 1,
      pinned: hashed || exact,
      owned: false,
      snippet: raw.trim(),
      ecosystem: null,
    });
  }
  return { dependencies, problems: [] };
}

const SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;
export const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'];

/**
 * @param lockfile the lockfile that governs this manifest (same folder or a workspace root), or null
 */
export function packageJsonDependencies(path: string, text: string, lockfile: string | null): Collected {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (err) {
    return { dependencies: [], problems: [{ path, error: `invalid JSON: ${err instanceof Error ? err.message : String(err)}` }] };
  }
  if (typeof manifest !== 'object' || manifest === null) return { dependencies: [], problems: [{ path, error: 'package.json is not an object' }] };
  const dependencies: Dependency[] = [];
  for (const section of SECTIONS) {
    const deps = (manifest as Record<string, unknown>)[section];
    if (typeof deps !== 'object' || deps === null) continue;
    const sectionAt = text.indexOf(`"${section}"`);
    for (const [name, range] of Object.entries(deps as Record<string, unknown>)) {
      if (typeof range !== 'string') continue;
      const line = lineOfKey(text, name, sectionAt);
      const exact = isExactNpmVersion(range);
      dependencies.push({
        name,
        version: range,
        type: 'NodeJS',
        path,
        line,
        pinned: exact || lockfile !== null,
        owned: false,
        snippet: text.split(/\r?\n/)[line - 1]?.trim() ?? `"${name}": "${range}"`,
        ecosystem: null,
        lockfile,
        ...(exact ? {} : { note: lockfile ? `range pinned by ${lockfile}` : 'version range without a lockfile' }),
      });
    }
  }
  return { dependencies, problems: [] };
}

/** Exact versions, local paths and commit-pinned git URLs resolve to one thing. */
function isExactNpmVersion(range: string): boolean {
  const value = range.trim();
  if (/^(file|link|workspace|portal):/.test(value)) return true;
  if (/#[0-9a-f]{40}$/i.test(value)) return true;
  const alias = /^npm:(?:@?[^@]+)@(.+)$/.exec(value);
  return semver.valid(alias ? alias[1] ?? '' : value) !== null;
}

function lineOfKey(text: string, key: string, from: number): number {
  const index = text.indexOf(JSON.stringify(key), Math.max(from, 0));
  const at = index >= 0 ? index : Math.max(from, 0);
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
