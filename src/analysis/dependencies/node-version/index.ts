/**
 * The Node.js release a project runs on, as version managers read it: nvm's `.nvmrc` and nodenv's (and others')
 * `.node-version`, one version per file (`20.11.1` or `v20.11.1`), `#` comment lines allowed. Aliases (`lts/*`,
 * `lts/iron`, `node`, `system`) name no release and give nothing.
 *
 * As OSV-SCALIBR (runtime/nvm, runtime/nodeversion): the first line that is a version, without its `v`, is the
 * package `nodejs` in the generic purl type. OSV has no ecosystem for Node.js itself: the SBOM lists it,
 * vulnerability lookups skip it.
 */
import { baseName, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'node-version',
  version: 1,
  ecosystem: 'generic',
  matches: (path) => baseName(path) === '.nvmrc' || baseName(path) === '.node-version',
  async extract(repo, path) {
    return parseNodeVersion(await readLockfile(repo, path), path);
  },
};

export function parseNodeVersion(text: string, path: string): PackageRecord[] {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] as string).trim();
    if (line === '' || line.startsWith('#')) continue;
    const version = line.replace(/^v/, '');
    if (!/^\d/.test(version)) continue;
    return [packageRecord('generic', path, { name: 'nodejs', version, direct: true, line: index + 1 })];
  }
  return [];
}
