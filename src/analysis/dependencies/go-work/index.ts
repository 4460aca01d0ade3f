/**
 * Go workspaces' `go.work`: `use` lists the workspace's own modules (local folders), `replace` swaps modules for
 * every module of the workspace, `go` / `toolchain` give the Go release (the `stdlib` pseudo-package, as for
 * go.mod). The `go.work.sum` beside it holds the checksums of modules the workspace needs beyond its modules'
 * go.sum files, one `module version hash` per line (`version/go.mod` lines check only a go.mod).
 *
 * As OSV-SCALIBR (go/gowork): `stdlib` at the toolchain's release (else the go directive), each versioned
 * replacement target, and each module version of go.work.sum (reported with go.work.sum as its source file);
 * folder replacements and `use` folders are the workspace itself. A go.work.sum line that is not three fields
 * makes the extraction fail. Versions without the `v`, as OSV writes them.
 */
import type { RepoView } from '../../../lib/repo/repo-view.js';
import { directives, pseudoVersionCommit } from '../go-mod/index.js';
import { MalformedFileError, baseName, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'go-work',
  version: 1,
  ecosystem: 'Go',
  matches: (path) => baseName(path) === 'go.work',
  async extract(repo, path) {
    return parseGoWork(await readLockfile(repo, path), path, await sumOf(repo, `${path}.sum`));
  },
};

async function sumOf(repo: RepoView, path: string): Promise<{ text: string; path: string } | undefined> {
  return (await repo.exists(path)) ? { text: await readLockfile(repo, path), path } : undefined;
}

const stripV = (version: string): string => version.replace(/^v/, '');

export function parseGoWork(text: string, path: string, sum?: { text: string; path: string }): PackageRecord[] {
  const all = directives(text);
  const records: PackageRecord[] = [];
  const seen = new Set<string>();
  const add = (sourceFile: string, name: string, version: string, line: number): void => {
    if (seen.has(`${name}@${version}`)) return;
    seen.add(`${name}@${version}`);
    records.push(packageRecord('Go', sourceFile, { name, version, line, resolution: 'registry', commit: name === 'stdlib' ? undefined : pseudoVersionCommit(`v${version}`) }));
  };
  // The toolchain's release (`go1.22.3-custom` → 1.22.3) wins over the go directive; `toolchain default` names none.
  const toolchain = all.find((directive) => directive.verb === 'toolchain');
  const release = toolchain?.args[0]?.split('-')[0]?.replace(/^go/, '');
  const go = all.find((directive) => directive.verb === 'go');
  if (toolchain && release && /^\d+\.\d+/.test(release)) add(path, 'stdlib', release, toolchain.line);
  else if (go?.args[0] && /^\d+\.\d+/.test(go.args[0])) add(path, 'stdlib', go.args[0], go.line);
  for (const directive of all) {
    if (directive.verb !== 'replace') continue;
    const arrow = directive.args.indexOf('=>');
    const target = arrow < 0 ? [] : directive.args.slice(arrow + 1);
    if (arrow < 0 || target.length === 0) throw new MalformedFileError(`line ${directive.line}: replace without "=> target"`);
    // `=> ../folder` has no version: the workspace's own code.
    if (target.length === 2) add(path, target[0] as string, stripV(target[1] as string), directive.line);
  }
  if (sum) {
    sum.text.split('\n').forEach((raw, index) => {
      const line = raw.replace(/\r$/, '').trim();
      if (line === '') return;
      const fields = line.split(/\s+/);
      if (fields.length !== 3) throw new MalformedFileError(`${sum.path} line ${index + 1}: not "module version hash"`);
      const [module, version] = fields as [string, string, string];
      if (version.endsWith('/go.mod')) return;
      add(sum.path, module, stripV(version), index + 1);
    });
  }
  return records;
}
