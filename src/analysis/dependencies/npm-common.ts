/** Pieces shared by the npm-family extractors (package-lock, yarn, pnpm, bun, ohpm). */
import { commitOf, isObject, stringEntries } from './record.js';
import type { PackageRecord } from './types.js';

/** Hosts whose plain `https://host/user/repo#<ref>` URLs name git repositories. */
const GIT_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org']);

/**
 * The git commit an npm-family `resolved`/`resolution`/`version` value pins, in the forms OSV-Scanner
 * recognises: `git://`, `git+ssh://`, `git+https://` and `ssh://` URLs ending in `#<commit>`, `https://….git#<commit>`,
 * codeload tarballs (`…/tar.gz/<commit>`), a `#commit=`/`#commit:` fragment, `github:`/`gitlab:`/`bitbucket:`
 * shorthands, and `https://github.com/user/repo#<commit>` (or `?ref=<commit>`) on the big git hosts. Yarn Berry
 * prefixes its resolutions with `name@`. Only hexadecimal ids count: a branch or tag is not a commit.
 */
export function gitCommit(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const spec = value.replace(/^(@[^/@]+\/)?[^@/:]+@(?=[a-z+]+:)/i, '');
  const match =
    /^(?:git(?:\+(?:ssh|https?))?|ssh):\/\/.+#([^#]+)$/i.exec(spec) ??
    /^https?:\/\/.+\.git#([^#]+)$/i.exec(spec) ??
    /^https?:\/\/codeload\.github\.com(?:\/[\w.-]+){2}\/tar\.gz\/([^/#?]+)$/i.exec(spec) ??
    /#commit[:=]([^#&]+)$/i.exec(spec) ??
    /^(?:github|gitlab|bitbucket):.+#([^#]+)$/i.exec(spec);
  let ref = match?.[1];
  if (ref === undefined && /^https?:\/\//i.test(spec)) {
    try {
      const url = new URL(spec);
      if (GIT_HOSTS.has(url.hostname)) ref = url.search ? (url.searchParams.get('ref') ?? undefined) : url.hash.slice(1);
    } catch {
      // not a URL: no commit
    }
  }
  const commit = ref?.replace(/^commit[:=]/i, '');
  return commit && /^[0-9a-f]{7,40}$/i.test(commit) ? commit.toLowerCase() : undefined;
}

/** Where an npm-style `resolved`/`resolution` value points. */
export function npmResolution(resolved: string | undefined): Pick<PackageRecord, 'resolution' | 'commit'> {
  if (!resolved) return {};
  const commit = gitCommit(resolved);
  if (commit !== undefined) return { resolution: 'git', commit };
  if (/^(git\+|git:|github:|gitlab:|bitbucket:|ssh:)/.test(resolved) || /\.git(#|$)/.test(resolved)) {
    return { resolution: 'git', commit: commitOf(resolved) };
  }
  if (/^(file:|link:|workspace:|portal:)/.test(resolved)) return { resolution: 'local' };
  if (/^https?:/.test(resolved)) return { resolution: /\/-\/[^/]+\.tgz(#|\?|$)/.test(resolved) ? 'registry' : 'url' };
  // npm writes workspace links as a bare relative folder.
  if (!resolved.includes(':')) return { resolution: 'local' };
  return {};
}

/**
 * `npm:real-name@range` aliases: the real package name, or undefined for a plain range (`npm:^1.2.0`,
 * `npm:2.1.8-no-fsevents.3`: the `npm:` protocol in front of a version is no alias).
 */
export function npmAliasTarget(spec: string): string | undefined {
  if (!spec.startsWith('npm:')) return undefined;
  const rest = spec.slice(4);
  const at = rest.indexOf('@', 1);
  if (at >= 0) return rest.slice(0, at);
  return rest === '' || /^[\d^~<>=*|\s]/.test(rest) || /^[xX](\.|$)/.test(rest) ? undefined : rest;
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
