/**
 * Go's `vendor/modules.txt`, written by `go mod vendor`: one `# module version` header per vendored module
 * (`# old version => new version` or `# module version => ../folder` when replaced), `## explicit` markers, then
 * the module's packages copied into vendor/, one import path per line.
 *
 * As OSV-SCALIBR (go/vendormodules): a module counts when at least one of its packages is vendored; a replaced
 * module is its replacement, and one replaced by a folder is left out (the project's own code); a header that
 * is not a valid module path and version is skipped; each module version once. Versions without the `v`, as OSV
 * writes them. This file lives in the vendor folder the extraction otherwise skips: it describes the project's
 * own dependencies, so extract.ts lets it through.
 */
import { pseudoVersionCommit } from '../go-mod/index.js';
import { packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'go-vendor-modules',
  version: 1,
  ecosystem: 'Go',
  matches: (path) => path === 'vendor/modules.txt' || path.endsWith('/vendor/modules.txt'),
  async extract(repo, path) {
    return parseVendorModules(await readLockfile(repo, path), path);
  },
};

/** A module path as the go command accepts it: slash-separated elements, the first a domain name with a dot. */
const MODULE_PATH = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:\/[A-Za-z0-9._~+-]+)*$/;
/** A semantic module version: `v1.2.3`, a pre-release or pseudo-version, `+incompatible`. */
const MODULE_VERSION = /^v\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+incompatible)?$/;
const isLocal = (target: string): boolean => /^(?:\.{1,2}[\\/]|\/)/.test(target);

function moduleOf(fields: readonly string[]): [name: string, version: string] | undefined {
  const [name, version] = fields as [string | undefined, string | undefined];
  return fields.length === 2 && name && version && MODULE_PATH.test(name) && MODULE_VERSION.test(version) ? [name, version] : undefined;
}

/** The module a `# ...` header selects, or undefined (a folder replacement, or not a module line). */
function headerModule(header: string): [name: string, version: string] | undefined {
  const fields = header.slice(1).trim().split(/\s+/);
  const arrow = fields.indexOf('=>');
  if (arrow < 0) return moduleOf(fields);
  const target = fields.slice(arrow + 1);
  if (target.length === 1 && isLocal(target[0] as string)) return undefined;
  return moduleOf(target);
}

export function parseVendorModules(text: string, path: string): PackageRecord[] {
  const records: PackageRecord[] = [];
  const seen = new Set<string>();
  let pending: { name: string; version: string; line: number } | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '').trim();
    if (line.startsWith('# ')) {
      const module = headerModule(line);
      pending = module ? { name: module[0], version: module[1], line: index + 1 } : undefined;
      return;
    }
    if (!pending || line === '' || line.startsWith('#') || /\s/.test(line)) return;
    const version = pending.version.replace(/^v/, '');
    if (!seen.has(`${pending.name}@${version}`)) {
      seen.add(`${pending.name}@${version}`);
      records.push(packageRecord('Go', path, { name: pending.name, version, line: pending.line, resolution: 'registry', commit: pseudoVersionCommit(pending.version) }));
    }
    pending = undefined;
  });
  return records;
}
