/**
 * `npm run layers`: the folder graph tier by tier, then every broken layer rule and folder cycle (exit code 1
 * when there is any). The same check as test/architecture.test.ts, printed for people.
 */
import { packageRoot } from '../../src/lib/paths.js';
import { checkLayers, describeProblems, layerOf, loadLayerModel } from './layers.js';

const root = packageRoot();
const model = loadLayerModel(root);
const report = await checkLayers(root);

const lines: string[] = [`${report.modules} modules under src/ (tests left out). Tiers, top to bottom; each folder with the folders it imports:`];
const folders = [...new Set(report.folderEdges.flatMap((edge) => [edge.from, edge.to]))].filter((f) => f.startsWith('src/'));
model.layers.forEach((layer, tier) => {
  lines.push('', `${tier + 1}. ${layer.name}`);
  for (const folder of folders.filter((f) => layerOf(model, f) === tier).sort()) {
    const edges = report.folderEdges.filter((edge) => edge.from === folder);
    // The wiring imports every checker folder: one entry says so instead of 34.
    const checkerFolders = edges.filter((edge) => layerOf(model, edge.to) === layerOf(model, 'src/checkers/x/index.ts'));
    const targets = edges.filter((edge) => !checkerFolders.includes(edge) || checkerFolders.length < 3).map((edge) => `${edge.to} (${edge.count})`);
    if (checkerFolders.length >= 3) targets.push(`${checkerFolders.length} checker folders`);
    lines.push(`   ${folder}${targets.length ? ` -> ${targets.join(', ')}` : ''}`);
  }
});
const problems = describeProblems(report);
lines.push('', problems.length ? `${problems.length} problem(s):` : 'No broken layer rule, no folder cycle.', ...problems.map((p) => `  ${p}`));
console.log(lines.join('\n'));
process.exitCode = problems.length ? 1 : 0;
