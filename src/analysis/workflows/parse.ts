/**
 * A CI workflow parsed once into the parts the workflow checkers read, each with its real line number in the
 * file. The `yaml` package's Document API keeps source ranges for every node; a LineCounter turns offsets
 * into 1-based lines. Malformed YAML (syntax errors, duplicate keys) gives a workflow with `error` set and no
 * jobs: every checker reports that file as a per-file finding instead of failing.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import type { WorkflowPlatform } from './discover.js';

/** A string value from the file with where it is. */
export interface SourceText {
  readonly value: string;
  /** 1-based line of the value's first character (for block scalars: the `|`/`>` indicator line). */
  readonly line: number;
  /** 1-based line of the key that holds the value (the line a reader looks at). */
  readonly keyLine: number;
  /** Offsets of the value's source text in the file, [start, end). */
  readonly start: number;
  readonly end: number;
}

export interface PermissionScope {
  readonly name: string;
  readonly value: string;
  readonly line: number;
}

/** A `permissions:` block: a single string (`read-all`, `write-all`, ...), or a map of scopes. */
export type PermissionsDecl =
  | { readonly kind: 'string'; readonly value: string; readonly line: number }
  | { readonly kind: 'map'; readonly scopes: readonly PermissionScope[]; readonly line: number }
  | { readonly kind: 'other'; readonly value: string; readonly line: number };

export interface WorkflowStep {
  /** 0-based position in the job's `steps`. */
  readonly index: number;
  /** Line of the step's first key. */
  readonly line: number;
  readonly name: string | null;
  readonly uses: SourceText | null;
  readonly run: SourceText | null;
  readonly with: ReadonlyMap<string, SourceText>;
  readonly env: ReadonlyMap<string, SourceText>;
}

export interface WorkflowJob {
  readonly id: string;
  readonly line: number;
  readonly name: string | null;
  readonly permissions: PermissionsDecl | null;
  /** A job calling a reusable workflow (`jobs.<id>.uses`). */
  readonly uses: SourceText | null;
  /** `container:` / `container.image:`, and `services.<id>.image`. */
  readonly images: readonly SourceText[];
  readonly env: ReadonlyMap<string, SourceText>;
  readonly steps: readonly WorkflowStep[];
}

export interface Workflow {
  /** Repository-relative path. */
  readonly path: string;
  readonly platform: WorkflowPlatform;
  readonly text: string;
  /** Why the file is not a usable workflow (YAML error, not a mapping); null when it parsed. */
  readonly error: string | null;
  /** Event names of `on:` (a string, a list or a map). */
  readonly triggers: readonly string[];
  readonly permissions: PermissionsDecl | null;
  readonly env: ReadonlyMap<string, SourceText>;
  readonly jobs: readonly WorkflowJob[];
  /** 1-based line of a file offset. */
  lineAt(offset: number): number;
}

/** Parses one workflow file. Never throws: problems end up in `error`. */
export function parseWorkflow(path: string, platform: WorkflowPlatform, text: string): Workflow {
  const counter = new LineCounter();
  const lineAt = (offset: number): number => counter.linePos(offset).line;
  const empty = (error: string | null): Workflow => ({ path, platform, text, error, triggers: [], permissions: null, env: new Map(), jobs: [], lineAt });
  let doc;
  try {
    doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  } catch (err) {
    return empty(`invalid YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const where = first ? ` at line ${lineAt(first.pos[0])}` : '';
    return empty(`invalid YAML${where}: ${first?.message.split('\n')[0] ?? 'parse error'}`);
  }
  const root = doc.contents;
  if (root === null) return empty('the file is empty');
  if (!isMap(root)) return empty('a workflow must be a YAML mapping');
  const reader = new NodeReader(lineAt);
  const jobsNode = mapValue(root, 'jobs');
  const jobs: WorkflowJob[] = [];
  if (isMap(jobsNode)) {
    for (const pair of jobsNode.items) {
      const id = keyString(pair);
      if (id === null) continue;
      jobs.push(reader.job(id, pair));
    }
  }
  return {
    path,
    platform,
    text,
    error: null,
    triggers: triggerNames(mapValue(root, 'on') ?? mapValue(root, 'true')),
    permissions: reader.permissions(mapPair(root, 'permissions')),
    env: reader.stringMap(mapValue(root, 'env')),
    jobs,
    lineAt,
  };
}

class NodeReader {
  constructor(private readonly lineAt: (offset: number) => number) {}

  job(id: string, pair: Pair): WorkflowJob {
    const node = pair.value as Node | null;
    const line = this.lineOfNode(pair.key as Node | null);
    if (!isMap(node)) return { id, line, name: null, permissions: null, uses: null, images: [], env: new Map(), steps: [] };
    const images: SourceText[] = [];
    const container = mapPair(node, 'container');
    if (container) {
      const image = isMap(container.value) ? mapPair(container.value, 'image') : container;
      const text = image ? this.text(image) : null;
      if (text) images.push(text);
    }
    const services = mapValue(node, 'services');
    if (isMap(services)) {
      for (const service of services.items) {
        const image = isMap(service.value) ? mapPair(service.value, 'image') : null;
        const text = image ? this.text(image) : null;
        if (text) images.push(text);
      }
    }
    const stepsNode = mapValue(node, 'steps');
    const steps: WorkflowStep[] = [];
    if (isSeq(stepsNode)) {
      stepsNode.items.forEach((item, index) => {
        if (isMap(item)) steps.push(this.step(index, item));
      });
    }
    return {
      id,
      line,
      name: scalarString(mapValue(node, 'name')),
      permissions: this.permissions(mapPair(node, 'permissions')),
      uses: this.textOf(node, 'uses'),
      images,
      env: this.stringMap(mapValue(node, 'env')),
      steps,
    };
  }

  step(index: number, node: YAMLMap): WorkflowStep {
    return {
      index,
      line: this.lineOfNode(node),
      name: scalarString(mapValue(node, 'name')),
      uses: this.textOf(node, 'uses'),
      run: this.textOf(node, 'run'),
      with: this.stringMap(mapValue(node, 'with')),
      env: this.stringMap(mapValue(node, 'env')),
    };
  }

  permissions(pair: Pair | null): PermissionsDecl | null {
    if (!pair) return null;
    const line = this.lineOfNode(pair.key as Node | null);
    const value = pair.value as Node | null;
    if (isMap(value)) {
      const scopes: PermissionScope[] = [];
      for (const scope of value.items) {
        const name = keyString(scope);
        if (name === null) continue;
        scopes.push({ name, value: scalarString(scope.value) ?? '', line: this.lineOfNode(scope.key as Node | null) });
      }
      return { kind: 'map', scopes, line };
    }
    const text = scalarString(value);
    if (text !== null) return { kind: 'string', value: text, line };
    // `permissions:` with nothing after it is null in YAML; GitHub rejects it, so it is neither safe nor a scope.
    return { kind: 'other', value: value === null ? '' : String(value), line };
  }

  /** A map of string values (`env:`, `with:`); non-string values are kept as their YAML text. */
  stringMap(node: unknown): Map<string, SourceText> {
    const out = new Map<string, SourceText>();
    if (!isMap(node)) return out;
    for (const pair of node.items) {
      const key = keyString(pair);
      const text = this.text(pair);
      if (key !== null && text) out.set(key, text);
    }
    return out;
  }

  textOf(map: YAMLMap, key: string): SourceText | null {
    const pair = mapPair(map, key);
    return pair ? this.text(pair) : null;
  }

  text(pair: Pair): SourceText | null {
    const node = pair.value as Node | null;
    const value = scalarString(node);
    if (value === null || !node?.range) return null;
    return { value, line: this.lineAt(node.range[0]), keyLine: this.lineOfNode(pair.key as Node | null), start: node.range[0], end: node.range[1] };
  }

  lineOfNode(node: Node | null | undefined): number {
    return node?.range ? this.lineAt(node.range[0]) : 1;
  }
}

/**
 * The 1-based line where `needle` occurs inside a value's source text, searching from the `occurrence`-th
 * match (0-based); the value's own line when the needle is not in the source verbatim (escaped quotes).
 */
export function lineWithin(workflow: Workflow, text: SourceText, needle: string, occurrence = 0): number {
  const source = workflow.text.slice(text.start, text.end);
  let index = -1;
  for (let n = 0; n <= occurrence; n++) {
    index = source.indexOf(needle, index + 1);
    if (index < 0) return text.line;
  }
  return workflow.lineAt(text.start + index);
}

function mapPair(map: YAMLMap, key: string): Pair | null {
  for (const pair of map.items) {
    if (keyString(pair) === key) return pair;
  }
  return null;
}

function mapValue(map: YAMLMap, key: string): unknown {
  return mapPair(map, key)?.value ?? null;
}

function keyString(pair: Pair): string | null {
  const key = pair.key as Node | null;
  if (!isScalar(key)) return null;
  return primitiveText(key.value);
}

function primitiveText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return null;
}

/** A scalar's value as a string (numbers and booleans as written); null for collections and absent nodes. */
function scalarString(node: unknown): string | null {
  if (!isScalar(node)) return null;
  if (node.value === null || node.value === undefined) return null;
  if (typeof node.source === 'string') return node.source;
  return primitiveText(node.value);
}

/** `on: push`, `on: [push, pull_request]`, `on: {push: ..., pull_request_target: ...}`. */
function triggerNames(node: unknown): string[] {
  let names: (string | null)[] = [];
  if (isScalar(node)) names = [primitiveText(node.value)];
  else if (isSeq(node)) names = node.items.map((item) => (isScalar(item) ? primitiveText(item.value) : null));
  else if (isMap(node)) names = node.items.map((pair) => keyString(pair));
  return names.filter((name): name is string => name !== null);
}
