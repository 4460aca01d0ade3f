/**
 * Agreement with Debian's `licensecheck` on the LARGE npm tree (~10.8k files), issue #15's target: where both name a
 * license for a file, ≥ 99% of the files agree. Asked: every file we name a license for and every file named like a
 * license or README file. Prints the rate, the files only one of the two names, and every disagreement, for the
 * docs to argue (docs/licensedb.md). `npm run bench -- license-agreement`. Not a speed benchmark: licensecheck takes
 * minutes here; `licenses` measures speed.
 */
import { FsRepoView } from '../src/lib/repo/repo-view.js';
import { scanTree } from '../src/analysis/licenses/tree-scan.js';
import { agrees, askLicensecheck } from '../test/support/licensecheck.js';
import { hasTool, LARGE_TREE, npmTree } from '../test/support/npm-tree.js';

if (!hasTool('licensecheck')) {
  process.stdout.write('license-agreement: licensecheck (Debian licensecheck) is not installed; nothing to compare\n');
  process.exit(0);
}
const tree = await npmTree(LARGE_TREE);
const output = await scanTree(new FsRepoView(tree.nodeModules, 'node_modules'), new AbortController().signal);
const ours = new Map(output.files.filter((f) => f.type === 'file').map((f) => [f.path.slice('node_modules/'.length), f.detected_license_expression_spdx]));
const asked = [...ours].filter(([path, expression]) => expression !== null || /licen[cs]e|copying|readme/i.test(path)).map(([path]) => path);
const theirs = await askLicensecheck(tree.nodeModules, asked);
let both = 0;
let agreed = 0;
let onlyTheirs = 0;
let onlyOurs = 0;
const disagreements: string[] = [];
for (const path of asked) {
  const mine = ours.get(path) ?? null;
  const answer = theirs.get(path);
  if (mine && answer) {
    both++;
    if (agrees(mine, answer)) agreed++;
    else disagreements.push(`${path}: licensecheck ${answer}, ours ${mine}`);
  } else if (answer) onlyTheirs++;
  else if (mine) onlyOurs++;
}
const rate = (100 * agreed) / Math.max(1, both);
process.stdout.write(
  `license-agreement: ${ours.size} files, asked ${asked.length}; both name a license for ${both}, agreeing on ${agreed} = ${rate.toFixed(2)}% (target >= 99%); only licensecheck names ${onlyTheirs}, only we name ${onlyOurs}\n`,
);
for (const line of disagreements) process.stdout.write(`  disagreement: ${line}\n`);
