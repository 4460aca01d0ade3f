/**
 * The layer guard: runs dependency-cruiser with the rules in .dependency-cruiser.cjs over src/ and derives the
 * folder graph (one node per folder as that file's `folderNode` pattern defines it) to find cycles between
 * folders. Used by test/architecture.test.ts and by `npm run layers`.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

export const CONFIG_FILE = '.dependency-cruiser.cjs';

export interface Layer {
  readonly name: string;
  /** A regular expression over package-relative paths; the first layer whose pattern matches holds the file. */
  readonly path: string;
}

/** What .dependency-cruiser.cjs keeps beside dependency-cruiser's own configuration. */
export interface LayerModel {
  readonly layers: readonly Layer[];
  readonly folderNode: string;
}

/** One broken rule: an import (`from` → `to`), or a module alone (`to` empty) for rules about modules. */
export interface Violation {
  readonly rule: string;
  readonly from: string;
  readonly to: string;
}

export interface FolderEdge {
  readonly from: string;
  readonly to: string;
  /** One import that makes the edge, to show where to look. */
  readonly example: string;
  readonly count: number;
}

export interface LayerReport {
  readonly modules: number;
  readonly violations: readonly Violation[];
  readonly folderEdges: readonly FolderEdge[];
  /** Each a set of folders that import each other, round and round (a strongly connected component). */
  readonly folderCycles: readonly (readonly string[])[];
}

export function loadLayerModel(root: string): LayerModel {
  const config = createRequire(import.meta.url)(join(root, CONFIG_FILE)) as { openchecker?: LayerModel };
  if (!config.openchecker) throw new Error(`${CONFIG_FILE} does not define the layers (its 'openchecker' property)`);
  return config.openchecker;
}

/** The folder node that holds `path`, or undefined for a path outside every node (node_modules, core modules). */
export function folderOf(model: LayerModel, path: string): string | undefined {
  return new RegExp(model.folderNode).exec(path)?.[0];
}

/** The layer that holds `path`: the index in `model.layers`, or -1. */
export function layerOf(model: LayerModel, path: string): number {
  return model.layers.findIndex((layer) => new RegExp(layer.path).test(path));
}

/** Runs the guard over `<root>/src` (the working directory does not matter). */
export async function checkLayers(root: string): Promise<LayerReport> {
  const model = loadLayerModel(root);
  const options = await extractDepcruiseOptions(join(root, CONFIG_FILE));
  const tsConfig = extractTSConfig(join(root, 'tsconfig.json'));
  const { output } = await cruise(['src'], { ...options, baseDir: root, validate: true }, {}, { tsConfig });
  if (typeof output === 'string') throw new Error('dependency-cruiser returned a report instead of a result');
  const folderEdges = foldersOf(model, output);
  return {
    modules: output.summary.totalCruised,
    violations: violationsOf(output),
    folderEdges,
    folderCycles: cyclesOf(folderEdges),
  };
}

function violationsOf(result: ICruiseResult): Violation[] {
  return result.summary.violations
    .map((violation) => ({
      rule: violation.rule.name,
      from: violation.from,
      to: violation.from === violation.to ? '' : violation.to,
    }))
    .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.rule.localeCompare(b.rule));
}

function foldersOf(model: LayerModel, result: ICruiseResult): FolderEdge[] {
  const edges = new Map<string, { from: string; to: string; example: string; count: number }>();
  for (const module of result.modules) {
    const from = folderOf(model, module.source);
    if (from === undefined || !module.source.startsWith('src/')) continue;
    for (const dependency of module.dependencies) {
      const to = folderOf(model, dependency.resolved);
      if (to === undefined || to === from || dependency.coreModule || dependency.resolved.includes('node_modules/')) continue;
      const key = `${from}\0${to}`;
      const edge = edges.get(key) ?? { from, to, example: `${module.source} -> ${dependency.resolved}`, count: 0 };
      edge.count += 1;
      edges.set(key, edge);
    }
  }
  return [...edges.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

/** The strongly connected components with more than one folder (Tarjan's algorithm). */
function cyclesOf(edges: readonly FolderEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const edge of edges) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}

/** The folder edges inside one cycle, to show which imports to cut. */
export function edgesWithin(report: LayerReport, cycle: readonly string[]): FolderEdge[] {
  return report.folderEdges.filter((edge) => cycle.includes(edge.from) && cycle.includes(edge.to));
}

/** One line per problem: what the test prints and `npm run layers` ends with. */
export function describeProblems(report: LayerReport): string[] {
  return [
    ...report.violations.map((v) => (v.to ? `${v.from} -> ${v.to} (${v.rule})` : `${v.from} (${v.rule})`)),
    ...report.folderCycles.map(
      (cycle) => `folder cycle: ${cycle.join(' <-> ')} via ${edgesWithin(report, cycle).map((edge) => edge.example).join(', ')}`,
    ),
  ];
}
