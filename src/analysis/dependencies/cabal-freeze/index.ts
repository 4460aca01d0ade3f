/**
 * Cabal's `cabal.project.freeze`: a cabal.project fragment whose `constraints:` field pins every package of the
 * build plan, one per line, `any.name ==version,` (flag settings such as `any.zlib -pkg-config,` pin nothing).
 * `--` starts a comment. Packages are in OSV's Hackage ecosystem; GHC's own libraries (`base`, `ghc-prim`) are
 * pinned too, as installed with the compiler.
 *
 * As OSV-SCALIBR (haskell/cabalprojectfreeze): every `any.<name> ==<version>` constraint is a package, anything
 * else is skipped, and a file without one has no packages (never an error). Qualified constraints
 * (`setup.Cabal ==3.10.1.0`, `pkg:setup.Cabal`) are build-tool pins and are skipped as it skips them.
 */
import { baseName, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'cabal-freeze',
  version: 1,
  ecosystem: 'Hackage',
  matches: (path) => baseName(path) === 'cabal.project.freeze',
  async extract(repo, path) {
    return parseCabalFreeze(await readLockfile(repo, path), path);
  },
};

const CONSTRAINT = /(?:^|[\s,:])any\.([A-Za-z0-9][A-Za-z0-9-]*) ==(\S+)/;

export function parseCabalFreeze(text: string, path: string): PackageRecord[] {
  const records: PackageRecord[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] as string).replace(/\r$/, '');
    if (line.trimStart().startsWith('--') || line.trim() === '') continue;
    const match = CONSTRAINT.exec(line);
    if (!match) continue;
    records.push(
      packageRecord('Hackage', path, {
        name: match[1] as string,
        version: (match[2] as string).replace(/,$/, ''),
        line: index + 1,
        resolution: 'registry',
      }),
    );
  }
  return records;
}
