/**
 * The package.json files of an npm/yarn/bun project: the root one beside the lockfile and those of the
 * workspace members it lists (`workspaces: ["packages/*"]` or `{packages: [...]}`), read through the view.
 * Lockfiles that do not record which dependencies are direct take them from these manifests.
 */
import type { RepoView } from '../../lib/repo/repo-view.js';
import { isObject, joinPath } from './record.js';

/**
 * A workspace pattern as a regular expression over folder paths. Patterns in the wild are folder globs
 * (`packages/*`, `apps/**`, `tools/cli`); `*` matches within one segment, `**` across segments.
 */
function patternRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/^\.\//, '')
    .replace(/\/+$/, '')
    .split('/')
    .map((segment) => (segment === '**' ? '.*' : segment.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')))
    .join('/');
  return new RegExp(`^${body}$`);
}

function workspacePatterns(manifest: unknown): string[] {
  if (!isObject(manifest)) return [];
  const field = isObject(manifest.workspaces) ? manifest.workspaces.packages : manifest.workspaces;
  return Array.isArray(field) ? field.filter((item): item is string => typeof item === 'string' && !item.startsWith('!')) : [];
}

export async function workspaceManifests(repo: RepoView, dir: string): Promise<unknown[]> {
  const rootPath = joinPath(dir, 'package.json');
  if (!(await repo.exists(rootPath))) return [];
  const root = await repo.parseJson(rootPath);
  if (!root.ok) return [];
  const manifests: unknown[] = [root.value];
  const patterns = workspacePatterns(root.value).map(patternRegExp);
  if (patterns.length === 0) return manifests;
  const prefix = dir ? `${dir}/` : '';
  for (const file of await repo.files()) {
    if (file.lowerName !== 'package.json' || !file.path.startsWith(prefix) || file.path.includes('node_modules/')) continue;
    const folder = file.path.slice(prefix.length, -'/package.json'.length);
    if (file.path === rootPath || !patterns.some((pattern) => pattern.test(folder))) continue;
    const parsed = await repo.parseJson(file.path);
    if (parsed.ok) manifests.push(parsed.value);
  }
  return manifests;
}
