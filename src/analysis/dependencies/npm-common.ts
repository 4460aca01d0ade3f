/** Pieces shared by the npm-family extractors (package-lock, yarn, pnpm, bun, ohpm). */
import { commitOf, isObject, stringEntries } from './record.js';
import type { PackageRecord } from './types.js';

/** Where an npm-style `resolved`/`resolution` value points. */
export function npmResolution(resolved: string | undefined): Pick<PackageRecord, 'resolution' | 'commit'> {
  if (!resolved) return {};
  if (/^(git\+|git:|github:|gitlab:|bitbucket:)/.test(resolved) || /\.git(#|$)/.test(resolved)) {
    return { resolution: 'git', commit: commitOf(resolved) };
  }
  if (/^(file:|link:|workspace:|portal:)/.test(resolved)) return { resolution: 'local' };
  if (/^https?:/.test(resolved)) return { resolution: /\/-\/[^/]+\.tgz(#|\?|$)/.test(resolved) ? 'registry' : 'url' };
  // npm writes workspace links as a bare relative folder.
  if (!resolved.includes(':')) return { resolution: 'local' };
  return {};
}

/** `npm:real-name@range` aliases: the real package name, or undefined for a plain range. */
export function npmAliasTarget(spec: string): string | undefined {
  if (!spec.startsWith('npm:')) return undefined;
  const rest = spec.slice(4);
  const at = rest.indexOf('@', 1);
  return at < 0 ? rest : rest.slice(0, at);
}

/** The dependency names declared by a package.json-like object, by kind. */
export interface DeclaredDeps {
  readonly prod: ReadonlySet<string>;
  readonly dev: ReadonlySet<string>;
  readonly all: ReadonlySet<string>;
}

export function declaredDeps(manifest: unknown): DeclaredDeps {
  const prod = new Set<string>();
  const dev = new Set<string>();
  if (isObject(manifest)) {
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
      for (const [name] of stringEntries(manifest[field])) prod.add(name);
    }
    for (const [name] of stringEntries(manifest.devDependencies)) dev.add(name);
  }
  return { prod, dev, all: new Set([...prod, ...dev]) };
}
