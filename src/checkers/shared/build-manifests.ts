/**
 * Build and repository metadata in package manifests (pure: a file's name and text in, what it declares out).
 * A package published to a registry is traceable to its build when its manifest says where its source lives
 * (`repository`, `<scm>`, the Go module path) and how it is built (the build system or build backend). Only
 * declarations are read; nothing is resolved or run.
 */
import JSON5 from 'json5';
import { parse as parseToml } from 'smol-toml';

export interface ManifestMetadata {
  /** The source repository the manifest names, as written (a URL or `github:owner/repo`), or null. */
  readonly repository: string | null;
  /** How the package is built: the build system or backend (`cargo`, `maven`, `setuptools.build_meta`), or null. */
  readonly build: string | null;
}

type Dict = Record<string, unknown>;
const isDict = (value: unknown): value is Dict => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** The root manifests read, by lower-cased name. */
export const BUILD_MANIFESTS = ['package.json', 'cargo.toml', 'pyproject.toml', 'go.mod', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'composer.json', 'oh-package.json5'] as const;

function repositoryField(value: unknown): string | null {
  return str(value) ?? (isDict(value) ? str(value.url) : null);
}

function packageJson(text: string): ManifestMetadata {
  const data: unknown = JSON.parse(text);
  if (!isDict(data)) return { repository: null, build: null };
  const scripts = isDict(data.scripts) ? data.scripts : {};
  const publish = isDict(data.publishConfig) ? data.publishConfig : {};
  // npm builds nothing by itself: a build script, or provenance generated at publish time, is the build.
  const build = publish.provenance === true ? 'npm publish --provenance' : str(scripts.build) ? 'npm run build' : str(scripts.prepack) ? 'npm prepack' : str(scripts.prepare) ? 'npm prepare' : null;
  return { repository: repositoryField(data.repository), build };
}

function cargoToml(text: string): ManifestMetadata {
  const data = parseToml(text) as Dict;
  const pkg = isDict(data.package) ? data.package : null;
  const workspace = isDict(data.workspace) && isDict(data.workspace.package) ? data.workspace.package : null;
  if (!pkg && !workspace) return { repository: null, build: null };
  const repository = str(pkg?.repository) ?? str(workspace?.repository);
  return { repository, build: pkg && str(pkg.build) ? 'cargo (build.rs)' : 'cargo' };
}

function pyprojectToml(text: string): ManifestMetadata {
  const data = parseToml(text) as Dict;
  const project = isDict(data.project) ? data.project : {};
  const urls = isDict(project.urls) ? project.urls : {};
  const poetry = isDict(data.tool) && isDict(data.tool.poetry) ? data.tool.poetry : {};
  const sourceKey = Object.keys(urls).find((key) => /source|repository|code|github|gitee|gitcode/i.test(key));
  const repository = (sourceKey ? str(urls[sourceKey]) : null) ?? str(poetry.repository);
  const buildSystem = isDict(data['build-system']) ? data['build-system'] : {};
  return { repository, build: str(buildSystem['build-backend']) ?? (Array.isArray(buildSystem.requires) ? 'setuptools (PEP 518)' : null) };
}

function goMod(text: string): ManifestMetadata {
  const module = /^\s*module\s+("?)([^\s"]+)\1/m.exec(text)?.[2] ?? null;
  // A module path whose first element is a host name is where `go get` fetches the source.
  const repository = module && /^[a-z0-9-]+(\.[a-z0-9-]+)+\//i.test(module) ? `https://${module}` : null;
  return { repository, build: module ? 'go' : null };
}

function pomXml(text: string): ManifestMetadata {
  const scm = /<scm>([\s\S]*?)<\/scm>/.exec(text)?.[1] ?? '';
  const repository = /<url>\s*([^<\s]+)\s*<\/url>/.exec(scm)?.[1] ?? /<connection>\s*([^<\s]+)\s*<\/connection>/.exec(scm)?.[1] ?? null;
  return { repository, build: /<project[\s>]/.test(text) ? 'maven' : null };
}

function gradle(text: string): ManifestMetadata {
  const scm = /\bscm\s*\{([\s\S]*?)\}/.exec(text)?.[1] ?? '';
  const repository = /\burl\s*(?:=|\.set\(|\()?\s*["']([^"']+)["']/.exec(scm)?.[1] ?? null;
  return { repository, build: 'gradle' };
}

function composerJson(text: string): ManifestMetadata {
  const data: unknown = JSON.parse(text);
  if (!isDict(data)) return { repository: null, build: null };
  const support = isDict(data.support) ? data.support : {};
  // Composer installs sources as they are: there is no build to describe.
  return { repository: str(support.source), build: null };
}

function ohPackage(text: string): ManifestMetadata {
  const data: unknown = JSON5.parse(text);
  if (!isDict(data)) return { repository: null, build: null };
  return { repository: repositoryField(data.repository), build: null };
}

const READERS: Record<(typeof BUILD_MANIFESTS)[number], (text: string) => ManifestMetadata> = {
  'package.json': packageJson,
  'cargo.toml': cargoToml,
  'pyproject.toml': pyprojectToml,
  'go.mod': goMod,
  'pom.xml': pomXml,
  'build.gradle': gradle,
  'build.gradle.kts': gradle,
  'composer.json': composerJson,
  'oh-package.json5': ohPackage,
};

/** What a root manifest declares; `error` when it cannot be parsed. Null for a file that is not a manifest read here. */
export function readBuildManifest(name: string, text: string): (ManifestMetadata & { error?: string }) | null {
  const reader = READERS[name.toLowerCase() as (typeof BUILD_MANIFESTS)[number]];
  if (!reader) return null;
  try {
    return reader(text);
  } catch (err) {
    return { repository: null, build: null, error: `could not parse: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
}
