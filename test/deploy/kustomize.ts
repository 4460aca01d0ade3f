/**
 * Renders the kustomizations under deploy/kubernetes two ways: with `kubectl kustomize` when kubectl is on
 * PATH (or at $OPENCHECKER_KUBECTL), and with a small renderer in JavaScript that merges the same files.
 *
 * The JavaScript renderer implements exactly the kustomize fields the deploy folder uses (resources — files
 * and folders —, namespace, images, and `patches` holding JSON 6902 operations) and throws on any other
 * field, so adopting a new kustomize feature fails the tests until this renderer follows.
 * There is no kustomize implementation for Node; this is the fallback the deploy tests use without kubectl.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import jsonpatch, { type Operation } from 'fast-json-patch';
import { parseAllDocuments } from 'yaml';
import { packageRoot } from '../../src/lib/paths.js';

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
};

export const KUBERNETES_DIR = join(packageRoot(), 'deploy', 'kubernetes');

/** Every folder under deploy/kubernetes holding a kustomization.yaml, as paths relative to that folder. */
export function kustomizationDirs(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    if (existsSync(join(dir, 'kustomization.yaml'))) found.push(relative(KUBERNETES_DIR, dir));
    for (const name of readdirSync(dir)) if (statSync(join(dir, name)).isDirectory()) walk(join(dir, name));
  };
  walk(KUBERNETES_DIR);
  return found.sort();
}

export function objectKey(object: K8sObject): string {
  return `${object.apiVersion}/${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

/** The documents of a YAML stream, failing on any YAML error or warning (e.g. an undefined alias). */
export function parseYamlDocuments(text: string, source: string): unknown[] {
  const values: unknown[] = [];
  for (const doc of parseAllDocuments(text)) {
    const problems = [...doc.errors, ...doc.warnings];
    if (problems.length > 0) throw new Error(`${source}: ${problems.map((p) => p.message).join('; ')}`);
    const value: unknown = doc.toJS();
    if (value !== null && value !== undefined) values.push(value);
  }
  return values;
}

/** A multi-document stream of Kubernetes objects. */
export function parseYamlStream(text: string, source: string): K8sObject[] {
  return parseYamlDocuments(text, source).map((value) => {
    if (typeof value !== 'object' || Array.isArray(value)) throw new Error(`${source}: a document is not a mapping`);
    return value as K8sObject;
  });
}

// ---------------------------------------------------------------- kubectl

/**
 * The kubectl to use: $OPENCHECKER_KUBECTL, else `kubectl` on PATH; null when none runs or it is older than
 * 1.21 (its built-in kustomize v2 predates folders in `resources` and the `patches` field).
 */
export function kubectlPath(): string | null {
  const candidate = process.env.OPENCHECKER_KUBECTL || 'kubectl';
  const probe = spawnSync(candidate, ['version', '--client', '-o', 'json'], { encoding: 'utf8', timeout: 20_000 });
  if (probe.status !== 0) return null;
  try {
    const version = (JSON.parse(probe.stdout) as { clientVersion?: { major?: string; minor?: string } }).clientVersion;
    const major = Number.parseInt(version?.major ?? '', 10);
    const minor = Number.parseInt(version?.minor ?? '', 10);
    return major > 1 || (major === 1 && minor >= 21) ? candidate : null;
  } catch {
    return null;
  }
}

export function kubectlKustomize(kubectl: string, dir: string): K8sObject[] {
  const out = execFileSync(kubectl, ['kustomize', join(KUBERNETES_DIR, dir)], { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
  return parseYamlStream(out, `kubectl kustomize ${dir}`);
}

// ---------------------------------------------------------------- JavaScript renderer

/** Kinds kustomize's namespace transformer leaves without a namespace (the cluster-scoped ones we could use). */
const CLUSTER_SCOPED = new Set(['Namespace', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'IngressClass', 'PriorityClass']);

const SUPPORTED_FIELDS = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'images', 'patches']);

interface ImageRule {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}
interface JsonPatchRule {
  target: { group?: string; version: string; kind: string; name: string; namespace?: string };
  path: string;
}
interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  resources?: string[];
  images?: ImageRule[];
  patches?: JsonPatchRule[];
}

export function renderKustomization(dir: string): K8sObject[] {
  return render(resolve(KUBERNETES_DIR, dir));
}

function render(absDir: string): K8sObject[] {
  const file = join(absDir, 'kustomization.yaml');
  const [raw] = parseYamlStream(readFileSync(file, 'utf8'), file) as unknown as Kustomization[];
  if (!raw) throw new Error(`${file}: empty`);
  const unsupported = Object.keys(raw).filter((key) => !SUPPORTED_FIELDS.has(key));
  if (unsupported.length > 0) throw new Error(`${file}: fields not supported by the test renderer: ${unsupported.join(', ')}`);
  if (raw.kind !== undefined && raw.kind !== 'Kustomization') throw new Error(`${file}: kind ${raw.kind}`);

  let objects: K8sObject[] = [];
  for (const entry of raw.resources ?? []) {
    const path = resolve(absDir, entry);
    // A folder is another kustomization (a base), rendered first; a file holds objects.
    if (statSync(path).isDirectory()) objects.push(...render(path));
    else objects.push(...parseYamlStream(readFileSync(path, 'utf8'), path));
  }
  const seen = new Set<string>();
  for (const object of objects) {
    const key = `${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
    if (seen.has(key)) throw new Error(`${file}: ${key} is defined twice`);
    seen.add(key);
  }
  if (raw.namespace) {
    const namespace = raw.namespace;
    objects = objects.map((object) =>
      CLUSTER_SCOPED.has(object.kind) ? object : { ...object, metadata: { ...object.metadata, namespace } },
    );
  }
  for (const rule of raw.images ?? []) for (const object of objects) rewriteImages(object, rule);
  for (const rule of raw.patches ?? []) {
    const { target } = rule;
    const apiVersion = target.group ? `${target.group}/${target.version}` : target.version;
    const matches = objects.filter(
      (o) => o.apiVersion === apiVersion && o.kind === target.kind && o.metadata.name === target.name && (!target.namespace || o.metadata.namespace === target.namespace),
    );
    if (matches.length !== 1) throw new Error(`${file}: patch ${rule.path} matches ${matches.length} objects`);
    const patchFile = resolve(absDir, rule.path);
    const [operations] = parseYamlDocuments(readFileSync(patchFile, 'utf8'), patchFile);
    if (!Array.isArray(operations)) throw new Error(`${patchFile}: not a list of JSON patch operations`);
    const index = objects.indexOf(matches[0]!);
    // validateOperation: a path that does not exist fails, as in kustomize.
    objects[index] = jsonpatch.applyPatch(structuredClone(matches[0]!), operations as Operation[], true, false).newDocument;
  }
  return objects;
}

/** kustomize's image transformer: every container whose image is `rule.name` (with or without tag/digest). */
function rewriteImages(node: unknown, rule: ImageRule): void {
  if (Array.isArray(node)) {
    for (const item of node) rewriteImages(item, rule);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
      for (const container of value as Record<string, unknown>[]) {
        if (typeof container.image !== 'string') continue;
        const { name, tag, digest } = splitImage(container.image);
        if (name !== rule.name) continue;
        const newName = rule.newName ?? name;
        if (rule.digest) container.image = `${newName}@${rule.digest}`;
        else if (rule.newTag) container.image = `${newName}:${rule.newTag}`;
        else container.image = `${newName}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
      }
    } else {
      rewriteImages(value, rule);
    }
  }
}

export function splitImage(image: string): { name: string; tag?: string; digest?: string } {
  const [withoutDigest, digest] = image.split('@') as [string, string | undefined];
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const hasTag = colon > slash;
  return {
    name: hasTag ? withoutDigest.slice(0, colon) : withoutDigest,
    ...(hasTag ? { tag: withoutDigest.slice(colon + 1) } : {}),
    ...(digest ? { digest } : {}),
  };
}

/** Sorted by key, for comparing two renderings regardless of the order each tool emits. */
export function byKey(objects: K8sObject[]): Map<string, K8sObject> {
  return new Map(objects.map((o) => [objectKey(o), o] as const).sort(([a], [b]) => a.localeCompare(b)));
}

