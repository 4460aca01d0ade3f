/**
 * mise's configuration (TOML): `mise.toml`, `.mise.toml`, `mise.local.toml`, `mise/config.toml`,
 * `.mise/config.toml`, `.config/mise.toml`, `.config/mise/config.toml` and `.config/mise/conf.d/*.toml`. `[tools]`
 * pins each tool (`node = "20"`, `python = { version = "3.12" }`, or several versions as an array); backends are
 * part of the name (`npm:prettier`, `cargo:ripgrep`).
 *
 * As OSV-SCALIBR (runtime/mise): one package per tool and version as written, in the mise purl type; a tool
 * without a version is skipped. Arrays, which it skips, give one package per version here. OSV has no ecosystem
 * for these: the SBOM lists them, vulnerability lookups skip them.
 */
import { LineLocator } from '../lines.js';
import { parseTomlText } from '../python-common.js';
import { asString, baseName, dirName, isObject, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export function isMiseConfig(path: string): boolean {
  const base = baseName(path);
  const dir = dirName(path);
  if (base === 'mise.toml' || base === '.mise.toml' || base === 'mise.local.toml' || base === '.mise.local.toml') return true;
  if (base === 'config.toml' && (baseName(dir) === 'mise' || baseName(dir) === '.mise')) return true;
  return base.endsWith('.toml') && (dir === '.config/mise/conf.d' || dir.endsWith('/.config/mise/conf.d'));
}

export const extractor: Extractor = {
  name: 'mise-toml',
  version: 1,
  ecosystem: 'mise',
  matches: isMiseConfig,
  async extract(repo, path) {
    return parseMiseToml(await readLockfile(repo, path), path);
  },
};

function versionsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(versionsOf);
  if (isObject(value)) return [asString(value.version) ?? ''];
  return [];
}

export function parseMiseToml(text: string, path: string): PackageRecord[] {
  const document = parseTomlText(text);
  const tools = isObject(document.tools) ? Object.entries(document.tools) : [];
  const locator = new LineLocator(text);
  locator.findLineStart('[tools]');
  const records: PackageRecord[] = [];
  for (const [tool, value] of tools) {
    const line = locator.find(tool, (after) => /^["']?\s*=/.test(text.slice(after, after + 6)));
    for (const version of versionsOf(value)) {
      if (version.trim() === '') continue;
      records.push(packageRecord('mise', path, { name: tool, version: version.trim(), direct: true, line }));
    }
  }
  return records;
}
