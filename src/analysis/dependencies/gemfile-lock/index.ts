/**
 * Bundler's `Gemfile.lock` (also `gems.locked`). Sources (`GEM`, `GIT`, `PATH`, `PLUGIN SOURCE`) list their
 * gems under `specs:` as `    name (version[-platform])`, each followed by its own dependencies at six
 * spaces (the graph, by name); `DEPENDENCIES` lists what the Gemfile asks for (the direct gems; `!` marks
 * gems from a git/path source). Platform-specific copies of one version are reported once.
 *
 * Hand-parsed: the format is Bundler's own indentation-based text (no JavaScript library reads it; Bundler's
 * parser is Ruby), and parsing line by line gives exact line numbers.
 */
import { MalformedFileError, baseName, packageRecord } from '../record.js';
import { purlOf } from '../purl.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'gemfile-lock',
  version: 1,
  ecosystem: 'RubyGems',
  matches: (path) => baseName(path) === 'Gemfile.lock' || baseName(path) === 'gems.locked',
  async extract(repo, path) {
    return parseGemfileLock(await readLockfile(repo, path), path);
  },
};

interface Spec {
  readonly name: string;
  readonly version: string;
  readonly line: number;
  readonly source: string;
  readonly revision?: string;
  readonly deps: string[];
}

export function parseGemfileLock(text: string, path: string): PackageRecord[] {
  const specs: Spec[] = [];
  const direct = new Set<string>();
  let section = '';
  let revision: string | undefined;
  let current: Spec | undefined;
  let sawSection = false;
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    if (/^[A-Z]/.test(line)) {
      section = line.trim();
      sawSection = true;
      revision = undefined;
      current = undefined;
      return;
    }
    if (section === 'GIT' && /^ {2}revision: /.test(line)) revision = line.slice('  revision: '.length).trim();
    if (section === 'DEPENDENCIES') {
      const match = /^ {2}([^\s!(]+)/.exec(line);
      if (match) direct.add(match[1] as string);
      return;
    }
    if (!['GEM', 'GIT', 'PATH', 'PLUGIN SOURCE'].includes(section)) return;
    const spec = /^ {4}(\S+) \(([^)]+)\)$/.exec(line);
    if (spec) {
      // `1.15.0-x86_64-linux`: gem versions contain no `-`, platforms follow the first one.
      const version = (spec[2] as string).split('-')[0] as string;
      current = { name: spec[1] as string, version, line: index + 1, source: section, revision: section === 'GIT' ? revision : undefined, deps: [] };
      specs.push(current);
      return;
    }
    const dep = /^ {6}(\S+)/.exec(line);
    if (dep && current) current.deps.push(dep[1] as string);
  });
  if (!sawSection) throw new MalformedFileError('no GEM/DEPENDENCIES sections: not a Gemfile.lock');
  const byName = new Map<string, string>();
  for (const spec of specs) if (!byName.has(spec.name)) byName.set(spec.name, purlOf('RubyGems', spec.name, spec.version));
  const records = new Map<string, PackageRecord>();
  for (const spec of specs) {
    const purl = purlOf('RubyGems', spec.name, spec.version);
    if (records.has(purl)) continue;
    records.set(
      purl,
      packageRecord('RubyGems', path, {
        name: spec.name,
        version: spec.version,
        direct: direct.has(spec.name),
        line: spec.line,
        dependsOn: [...new Set(spec.deps.map((dep) => byName.get(dep)).filter((target): target is string => target !== undefined))],
        resolution: spec.source === 'GIT' ? 'git' : spec.source === 'PATH' ? 'local' : 'registry',
        commit: spec.revision && /^[0-9a-f]{7,40}$/i.test(spec.revision) ? spec.revision.toLowerCase() : undefined,
      }),
    );
  }
  return [...records.values()];
}
