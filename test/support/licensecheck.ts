/**
 * Comparing our license findings with Debian's `licensecheck`: asking it about files, and deciding whether two
 * answers agree. Shared by the scancode cross-check test (MEDIUM tree) and `npm run bench -- license-agreement`
 * (LARGE tree).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The license ids of an SPDX expression (or of licensecheck's "X and/or Y"), without -only/-or-later/+. */
export function licenseIds(expression: string): Set<string> {
  return new Set(
    expression
      .split(/\s+(?:and\/or|and|or|AND|OR|WITH)\s+|[()]/)
      .map((part) => part.trim())
      .filter(Boolean)
      .map((id) => id.replace(/-only$|-or-later$|\+$/, '')),
  );
}

/** Both name the same licenses (licensecheck says "GPL" when a notice names no version). */
export function agrees(ours: string, theirs: string): boolean {
  const a = licenseIds(ours);
  const b = licenseIds(theirs);
  const covered = (id: string, other: Set<string>): boolean => other.has(id) || (id === 'GPL' && [...other].some((x) => x.startsWith('GPL')));
  return [...b].every((id) => covered(id, a)) && [...a].every((id) => covered(id, b) || (id.startsWith('GPL') && b.has('GPL')));
}

/**
 * licensecheck's SPDX answer for each path (relative to cwd), asked 200 at a time. `--check .*` because explicit
 * files are otherwise filtered by its default name pattern. Paths it names no license for are left out.
 */
export async function askLicensecheck(cwd: string, paths: readonly string[]): Promise<Map<string, string>> {
  const answers = new Map<string, string>();
  for (let i = 0; i < paths.length; i += 200) {
    const { stdout } = await execFileAsync('licensecheck', ['-m', '--shortname-scheme=spdx', '--check', '.*', '--', ...paths.slice(i, i + 200)], {
      cwd,
      maxBuffer: 16 * 1024 * 1024,
    });
    for (const line of stdout.trim().split('\n')) {
      const [path, license] = line.split('\t');
      if (path && license && license !== 'UNKNOWN') answers.set(path, license);
    }
  }
  return answers;
}
