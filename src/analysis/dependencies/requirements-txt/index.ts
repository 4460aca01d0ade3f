/**
 * pip requirements files (`requirements.txt`, `requirements-dev.txt`, `requirements/*.txt`, ...): one PEP 508
 * requirement per logical line, with `\` continuations, `#` comments, per-line options (`--hash`), and
 * file options. `-r`/`--requirement` includes are followed through the repository view (relative to the
 * including file; cycles and missing files are tolerated), and their packages keep the included file as
 * `sourceFile`. `-c` constraint files only restrict versions and are not read. As in OSV-Scanner, `==`/`===`
 * pins and single `>=`/`~=` clauses (the lowest version allowed) give a version; other lines are reported
 * with an empty version, and an include of a repository file that does not exist is an error for the file.
 * pip-compile's `# via` comments tell direct (`via -r ...`) from transitive dependencies; without them every
 * line is taken as direct.
 */
import type { RepoView } from '../../../lib/repo/repo-view.js';
import { parseRequirement, pinnedVersion } from '../python-common.js';
import { MalformedFileError, baseName, commitOf, dirName, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'requirements-txt',
  version: 2,
  ecosystem: 'PyPI',
  matches(path) {
    const name = baseName(path).toLowerCase();
    if (!name.endsWith('.txt')) return false;
    return name.includes('requirements') || baseName(dirName(path)).toLowerCase() === 'requirements';
  },
  async extract(repo, path, signal) {
    const packages: PackageRecord[] = [];
    await readRequirements(repo, path, new Set(), packages, signal);
    return packages;
  },
};

/** Includes nested deeper than this are ignored (a guard; real projects use two or three levels). */
const MAX_INCLUDE_DEPTH = 16;

export interface LogicalLine {
  readonly text: string;
  /** 1-based line where the logical line starts. */
  readonly line: number;
  /** pip-compile's `# via` entries following the line. */
  readonly via: string[];
}

/** Joins `\` continuations, drops comments, and keeps pip-compile `# via` annotations with their line. */
export function logicalLines(text: string): LogicalLine[] {
  const result: { text: string; line: number; via: string[] }[] = [];
  const physical = text.split('\n');
  let buffer = '';
  let start = 0;
  let inVia = false;
  for (let index = 0; index < physical.length; index++) {
    const raw = (physical[index] as string).replace(/\r$/, '');
    const comment = /^\s*#(.*)$/.exec(raw);
    if (comment && buffer === '') {
      const body = comment[1] as string;
      const last = result[result.length - 1];
      const via = /^\s+via\b\s*(.*)$/.exec(body);
      if (via && last) {
        inVia = true;
        if (via[1]) last.via.push((via[1]).trim());
      } else if (inVia && last && /^\s{2,}\S/.test(body)) {
        last.via.push(body.trim());
      } else {
        inVia = false;
      }
      continue;
    }
    inVia = false;
    // A comment starts at `#` at the line start or after whitespace (pip's rule; `#egg=` in URLs stays).
    const content = raw.replace(/(^|\s)#.*$/, '');
    if (buffer === '') start = index + 1;
    // An odd number of trailing backslashes continues the line; an even one ends in escaped backslashes.
    if (/(^|[^\\])(\\\\)*\\$/.test(content)) {
      buffer += content.slice(0, -1) + ' ';
      continue;
    }
    buffer += content;
    if (buffer.trim() !== '') result.push({ text: buffer.trim(), line: start, via: [] });
    buffer = '';
  }
  if (buffer.trim() !== '') result.push({ text: buffer.trim(), line: start, via: [] });
  return result;
}

/** `git+https://host/repo.git@rev#egg=name` and other URL/VCS requirement lines. */
function urlRequirement(spec: string): { name: string; resolution: 'git' | 'url'; commit?: string } | undefined {
  const egg = /[#&]egg=([A-Za-z0-9._-]+)/.exec(spec)?.[1];
  if (!egg) return undefined;
  if (/^(git\+|hg\+|svn\+|bzr\+)/.test(spec)) {
    const rev = /@([0-9a-f]{7,40})(?:#|$)/i.exec(spec)?.[1] ?? commitOf(spec.replace(/#egg=.*$/, ''));
    return { name: egg, resolution: 'git', commit: rev?.toLowerCase() };
  }
  return { name: egg, resolution: 'url' };
}

/**
 * The version a requirement names, as OSV-Scanner reads it: the pin of `==`/`===`, or the lowest version
 * allowed by a single `>=` or `~=` clause (the oldest release the file admits, the one to check). Other
 * specifiers (`<`, `>`, `!=`, wildcards, several clauses) name no single version.
 */
export function requirementVersion(specifier: string): string {
  const pinned = pinnedVersion(specifier);
  if (pinned !== '') return pinned;
  const lowest = /^(?:>=|~=)([^,*<>=!~]+)$/.exec(specifier);
  return lowest?.[1] ?? '';
}

/** Whether a pip-compile `# via` list names only input files (then the package is a direct dependency). */
function directFromVia(via: readonly string[]): boolean {
  return via.length === 0 || via.some((entry) => entry.startsWith('-r ') || entry.startsWith('-c '));
}

async function readRequirements(repo: RepoView, path: string, visiting: Set<string>, into: PackageRecord[], signal: AbortSignal): Promise<void> {
  if (visiting.has(path) || visiting.size >= MAX_INCLUDE_DEPTH) return;
  visiting.add(path);
  const text = await readLockfile(repo, path);
  for (const { text: line, line: lineNumber, via } of logicalLines(text)) {
    signal.throwIfAborted();
    const include = /^(?:-r|--requirement)(?:\s*|=)(\S+)/.exec(line);
    if (include) {
      const target = resolveInclude(path, include[1] as string);
      if (target === undefined) continue; // a URL or a file outside the repository: not ours to read
      // As OSV-Scanner: an include that is missing leaves the requirements incomplete, an error for the file.
      if (!(await repo.exists(target))) throw new MalformedFileError(`line ${lineNumber}: -r ${include[1] as string}: no such file in the repository`);
      await readRequirements(repo, target, visiting, into, signal);
      continue;
    }
    const editable = /^(?:-e|--editable)(?:\s+|=)(\S+)/.exec(line);
    if (editable) {
      const vcs = urlRequirement(editable[1] as string);
      if (vcs) into.push(packageRecord('PyPI', path, { name: vcs.name, version: '', direct: true, line: lineNumber, resolution: vcs.resolution, commit: vcs.commit }));
      continue;
    }
    if (line.startsWith('-')) continue; // other options: indexes, constraints, --hash-only lines, ...
    // Per-requirement options (`--hash=...`, `--config-settings`) follow the requirement.
    const spec = line.replace(/\s--?[A-Za-z][\s\S]*$/, '').trim();
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec) || spec.startsWith('.') || spec.startsWith('/')) {
      const url = urlRequirement(spec);
      if (url) into.push(packageRecord('PyPI', path, { name: url.name, version: '', direct: directFromVia(via), line: lineNumber, resolution: url.resolution, commit: url.commit }));
      continue;
    }
    const requirement = parseRequirement(spec);
    if (!requirement) continue;
    const reference = requirement.url;
    const vcs = reference ? urlRequirement(`${reference}#egg=${requirement.name}`) : undefined;
    into.push(
      packageRecord('PyPI', path, {
        name: requirement.name,
        version: requirementVersion(requirement.specifier),
        direct: directFromVia(via),
        line: lineNumber,
        ...(vcs ? { resolution: vcs.resolution, commit: vcs.commit } : reference ? { resolution: 'url' as const } : {}),
      }),
    );
  }
}

/** An include's repository-relative path (relative to the including file); undefined for URLs or escapes. */
function resolveInclude(from: string, target: string): string | undefined {
  if (/^[a-z]+:\/\//i.test(target) || target.startsWith('/')) return undefined;
  const parts = dirName(from) ? dirName(from).split('/') : [];
  for (const part of target.split('/')) {
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}
