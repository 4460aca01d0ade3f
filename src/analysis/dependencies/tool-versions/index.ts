/**
 * asdf's `.tool-versions`: one tool per line, `name version [fallback versions...]`; `#` starts a comment.
 * `system` (use the tool installed outside asdf), `path:<dir>` and `file:` entries name no version.
 *
 * As OSV-SCALIBR (runtime/asdf): one package per tool and version, named as written, in its asdf purl type
 * (`pkg:asdf/nodejs@20.11.0`). OSV has no ecosystem for these runtimes: the SBOM lists them, vulnerability lookups
 * skip them.
 */
import { baseName, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'tool-versions',
  version: 1,
  ecosystem: 'asdf',
  matches: (path) => baseName(path) === '.tool-versions',
  async extract(repo, path) {
    return parseToolVersions(await readLockfile(repo, path), path);
  },
};

export function parseToolVersions(text: string, path: string): PackageRecord[] {
  const records: PackageRecord[] = [];
  text.split('\n').forEach((raw, index) => {
    const [tool, ...versions] = raw.replace(/\r$/, '').replace(/#.*$/, '').trim().split(/\s+/);
    if (!tool || versions.length === 0) return;
    for (const version of versions) {
      if (version === 'system' || version.startsWith('file:') || version.startsWith('path:')) continue;
      records.push(packageRecord('asdf', path, { name: tool, version, direct: true, line: index + 1 }));
    }
  });
  return records;
}
