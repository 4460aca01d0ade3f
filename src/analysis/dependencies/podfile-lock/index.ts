/**
 * CocoaPods' `Podfile.lock` (YAML). `PODS` lists every installed pod or subspec as `Name (version)`, either as a
 * plain string or as a one-key mapping whose value lists that pod's own dependencies (`Dep (~> 1.0)`): the graph.
 * `DEPENDENCIES` holds the Podfile's own requirements (the direct ones), `EXTERNAL SOURCES` the pods taken from a
 * path (`:path:`) or a repository (`:git:`), and `CHECKOUT OPTIONS` the commit a repository pod was checked out at.
 *
 * As OSV-SCALIBR (swift/podfilelock): one package per `PODS` entry, named as written, subspecs (`Firebase/Core`)
 * included; an entry without a `(version)` makes the file malformed. Subspecs get their pod's purl with the
 * subspec as subpath. OSV has no CocoaPods ecosystem, so vulnerability lookups skip these packages.
 */
import { LineLocator } from '../lines.js';
import { purlOf } from '../purl.js';
import { MalformedFileError, asString, baseName, isObject, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { parseYamlLockfile } from '../yaml.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'podfile-lock',
  version: 1,
  ecosystem: 'CocoaPods',
  matches: (path) => baseName(path) === 'Podfile.lock',
  async extract(repo, path) {
    return parsePodfileLock(await readLockfile(repo, path), path);
  },
};

interface Pod {
  readonly name: string;
  readonly version: string;
  /** As written in the file, `Name (version)`: what the line is found by. */
  readonly text: string;
  readonly dependencies: readonly string[];
}

/** `Name (requirement)` or `Name`: the name, and what is in the parentheses. */
function splitEntry(entry: string): [name: string, inParentheses: string | undefined] {
  const match = /^\s*(\S+)(?:\s+\((.*)\))?\s*$/.exec(entry);
  return match ? [match[1] as string, match[2]] : [entry.trim(), undefined];
}

function podOf(entry: unknown): Pod {
  let text: string | undefined;
  let dependencies: unknown = [];
  if (typeof entry === 'string') text = entry;
  else if (isObject(entry) && Object.keys(entry).length === 1) {
    [text, dependencies] = Object.entries(entry)[0] as [string, unknown];
  }
  if (text === undefined) throw new MalformedFileError('a PODS entry is neither a string nor a one-key mapping');
  const [name, version] = splitEntry(text);
  if (!version) throw new MalformedFileError(`PODS entry without a version: ${JSON.stringify(text)}`);
  const names = (Array.isArray(dependencies) ? dependencies : []).filter((item): item is string => typeof item === 'string').map((item) => splitEntry(item)[0]);
  return { name, version: version.trim(), text, dependencies: names };
}

/** The pod a subspec belongs to (`Firebase/Core` → `Firebase`). */
const rootOf = (name: string): string => name.split('/')[0] as string;

export function parsePodfileLock(text: string, path: string): PackageRecord[] {
  if (text.trim() === '') throw new MalformedFileError('empty file: not a Podfile.lock');
  const document = parseYamlLockfile(text);
  if (!isObject(document)) throw new MalformedFileError('a Podfile.lock must hold a mapping');
  if (document.PODS === undefined) return [];
  if (!Array.isArray(document.PODS)) throw new MalformedFileError('PODS is not a list');
  const pods = document.PODS.map(podOf);
  const byName = new Map(pods.map((pod) => [pod.name, purlOf('CocoaPods', pod.name, pod.version)]));
  const direct = new Set((Array.isArray(document.DEPENDENCIES) ? document.DEPENDENCIES : []).filter((item): item is string => typeof item === 'string').map((item) => splitEntry(item)[0]));
  const external = isObject(document['EXTERNAL SOURCES']) ? document['EXTERNAL SOURCES'] : {};
  const checkouts = isObject(document['CHECKOUT OPTIONS']) ? document['CHECKOUT OPTIONS'] : {};
  const locator = new LineLocator(text);
  return pods.map((pod) => {
    const root = rootOf(pod.name);
    const source = isObject(external[root]) ? external[root] : undefined;
    const checkout = isObject(checkouts[root]) ? checkouts[root] : undefined;
    const commit = asString(checkout?.[':commit']) ?? asString(source?.[':commit']);
    const resolution = source?.[':path'] !== undefined ? 'local' : source?.[':git'] !== undefined ? 'git' : source?.[':podspec'] !== undefined ? 'url' : 'registry';
    return packageRecord('CocoaPods', path, {
      name: pod.name,
      version: pod.version,
      direct: direct.size > 0 ? direct.has(pod.name) : undefined,
      line: locator.find(pod.text),
      dependsOn: pod.dependencies.map((name) => byName.get(name)).filter((purl): purl is string => purl !== undefined),
      resolution,
      commit: resolution === 'git' && commit && /^[0-9a-f]{7,40}$/i.test(commit) ? commit.toLowerCase() : undefined,
    });
  });
}
