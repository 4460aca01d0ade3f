/**
 * Conan's `conanfile.txt` (INI-like): `[requires]` lists the project's libraries as references
 * (`name/version[@user/channel][#recipe_revision]`), `[tool_requires]` (Conan 1: `[build_requires]`) the tools
 * the build runs and `[test_requires]` test-only libraries; `#` starts a comment line. Other sections
 * (`[generators]`, `[options]`, `[layout]`) name no packages.
 *
 * As OSV-SCALIBR (cpp/conanfiletxt): each reference of `[requires]` and `[tool_requires]` is a ConanCenter
 * package, name and version with user/channel, revisions, package ids and timestamps stripped; tool
 * requirements are its `tool-requires` group, dev here; `[build_requires]` and `[test_requires]`, which it does
 * not read, are dev too. A version range (`[>1.0 <2.0]`), which it keeps as the version, pins nothing: ''.
 * `conanfile.py` is Python code, and reading it would mean running it: it is not read.
 */
import { baseName, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'conanfile-txt',
  version: 1,
  ecosystem: 'ConanCenter',
  matches: (path) => baseName(path) === 'conanfile.txt',
  async extract(repo, path) {
    return parseConanfileTxt(await readLockfile(repo, path), path);
  },
};

const SECTIONS = new Map([
  ['requires', false],
  ['tool_requires', true],
  ['build_requires', true],
  ['test_requires', true],
]);

/** `name/version@user/channel#rrev:pkgid#prev%timestamp` → name and version (as written, possibly a range). */
export function splitReference(reference: string): [name: string, version: string] {
  const bare = reference.split('%')[0]?.split(':')[0]?.split('#')[0]?.split('@')[0]?.trim() ?? '';
  const slash = bare.indexOf('/');
  return slash < 0 ? [bare, ''] : [bare.slice(0, slash), bare.slice(slash + 1)];
}

export function parseConanfileTxt(text: string, path: string): PackageRecord[] {
  const records: PackageRecord[] = [];
  let dev: boolean | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '').trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const section = /^\[([^\]]+)\]$/.exec(line);
    if (section) {
      dev = SECTIONS.get((section[1] as string).trim().toLowerCase());
      return;
    }
    if (dev === undefined) return;
    const [name, version] = splitReference(line);
    if (!name) return;
    records.push(
      packageRecord('ConanCenter', path, {
        name,
        version: version.startsWith('[') ? '' : version,
        direct: true,
        dev,
        line: index + 1,
        resolution: 'registry',
      }),
    );
  });
  return records;
}
