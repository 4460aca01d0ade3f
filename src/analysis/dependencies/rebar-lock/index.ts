/**
 * rebar3's `rebar.lock` (Erlang terms, read by ./erlang-terms.ts): `{"1.2.0", [Dep, ...]}.` followed by a
 * `[{pkg_hash, ...}]` form, or, before rebar3 3.7, just `[Dep, ...].`. Each Dep is `{<<"app">>, Source, Level}`:
 * Source `{pkg, <<"hex_name">>, <<"version">>}` (a Hex package; its Hex name may differ from the application
 * name), `{git, "url", {ref, "commit"}}` or `{git_subdir, "url", {ref, "commit"}, "path"}`; Level 0 is a
 * dependency of the project itself, deeper levels come through others.
 *
 * As OSV-SCALIBR (erlang/rebarlock): Hex packages by their Hex name and version, repository dependencies by
 * their application name with the commit and no version, Mercurial ones skipped (a changeset is not a git
 * commit), each name and version once. It returns no package for a file it cannot read; here such a file is
 * malformed.
 */
import { LineLocator } from '../lines.js';
import { MalformedFileError, baseName, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';
import { itemsOf, parseErlangTerms, textOf, type Term } from './erlang-terms.js';

export const extractor: Extractor = {
  name: 'rebar-lock',
  version: 1,
  ecosystem: 'Hex',
  matches: (path) => baseName(path) === 'rebar.lock',
  async extract(repo, path) {
    return parseRebarLock(await readLockfile(repo, path), path);
  },
};

/** The dependency list: the second element of `{"1.2.0", [...]}`, or the legacy bare list. */
function dependencyList(form: Term | undefined): readonly Term[] {
  const legacy = itemsOf(form, 'list');
  if (legacy) return legacy;
  const versioned = itemsOf(form, 'tuple');
  const list = itemsOf(versioned?.[1], 'list');
  if (!versioned || versioned.length !== 2 || !list) throw new MalformedFileError('the first form is neither {Version, [Deps]} nor [Deps]: not a rebar.lock');
  return list;
}

export function parseRebarLock(text: string, path: string): PackageRecord[] {
  const forms = parseErlangTerms(text);
  if (forms.length === 0) return [];
  const locator = new LineLocator(text);
  const seen = new Set<string>();
  const records: PackageRecord[] = [];
  for (const dependency of dependencyList(forms[0])) {
    const [appTerm, sourceTerm, levelTerm] = itemsOf(dependency, 'tuple') ?? [];
    const app = textOf(appTerm);
    const source = itemsOf(sourceTerm, 'tuple');
    const kind = textOf(source?.[0]);
    if (!app || !source) continue;
    const level = levelTerm?.kind === 'integer' ? levelTerm.value : undefined;
    const line = locator.lineAt(dependency.at);
    if (kind === 'pkg') {
      const name = textOf(source[1]) ?? app;
      const version = textOf(source[2]) ?? '';
      if (seen.has(`${name}@${version}`)) continue;
      seen.add(`${name}@${version}`);
      records.push(packageRecord('Hex', path, { name, version, direct: level === undefined ? undefined : level === 0, line, resolution: 'registry' }));
    } else if (kind === 'git' || kind === 'git_subdir') {
      const ref = itemsOf(source[2], 'tuple');
      const commit = textOf(ref?.[0]) === 'ref' ? textOf(ref?.[1]) : undefined;
      if (!commit || seen.has(`${app}#${commit}`)) continue;
      seen.add(`${app}#${commit}`);
      records.push(
        packageRecord('Hex', path, {
          name: app,
          version: '',
          direct: level === undefined ? undefined : level === 0,
          line,
          resolution: 'git',
          commit: /^[0-9a-f]{7,40}$/i.test(commit) ? commit.toLowerCase() : undefined,
        }),
      );
    }
  }
  return records;
}
