/**
 * Which CI systems a repository configures, from the files each system reads (pure: paths and texts in, facts
 * out). A system is recognised by where its configuration lives; where a location is also used for other
 * things (`.workflow/`, `tekton/`), the content must look like the system's (a `stages:` list, a `tekton.dev`
 * API version). Each file is described by the events that trigger it and the jobs it defines, read from the
 * file where the format declares them; a format that leaves triggers to the server (Jenkins, Buildkite) gets
 * the system's defaults, documented in `DEFAULT_TRIGGERS`.
 */
import { parseAllDocuments } from 'yaml';

export type CiSystem =
  | 'github-actions'
  | 'gitee-workflows'
  | 'gitcode-workflows'
  | 'gitee-go'
  | 'gitlab-ci'
  | 'jenkins'
  | 'travis-ci'
  | 'circleci'
  | 'azure-pipelines'
  | 'appveyor'
  | 'drone'
  | 'buildkite'
  | 'tekton'
  | 'zuul'
  | 'prow'
  | 'openharmony-ci'
  | 'woodpecker'
  | 'cirrus-ci'
  | 'semaphore'
  | 'bitbucket-pipelines';

export interface CiFileDescription {
  readonly triggers: readonly string[];
  readonly jobs: readonly string[];
  /** Why the file could not be read as the system's configuration (invalid YAML); triggers and jobs are then empty. */
  readonly error?: string;
}

const YAML = /\.ya?ml$/;
const inFolder = (path: string, folder: string): boolean => {
  const slash = path.lastIndexOf('/');
  return slash >= 0 && path.slice(0, slash).toLowerCase() === folder;
};
const atRoot = (path: string, names: readonly string[]): boolean => !path.includes('/') && names.includes(path.toLowerCase());

/**
 * The system whose configuration `path` is, judged by location alone; `content` says which locations also need
 * the content checked (`needsContent`). Namespace-dependent systems (OpenHarmony CI) are decided by the caller.
 */
export function systemAt(path: string): { system: CiSystem; needsContent: boolean } | null {
  const lower = path.toLowerCase();
  const name = lower.slice(lower.lastIndexOf('/') + 1);
  const yaml = YAML.test(name);
  if (yaml && inFolder(path, '.github/workflows')) return { system: 'github-actions', needsContent: false };
  if (yaml && inFolder(path, '.gitee/workflows')) return { system: 'gitee-workflows', needsContent: false };
  if (yaml && inFolder(path, '.gitcode/workflows')) return { system: 'gitcode-workflows', needsContent: false };
  if (yaml && inFolder(path, '.workflow')) return { system: 'gitee-go', needsContent: true };
  if (atRoot(path, ['.gitlab-ci.yml', '.gitlab-ci.yaml'])) return { system: 'gitlab-ci', needsContent: false };
  if (name === 'jenkinsfile' || name.startsWith('jenkinsfile.') || name.endsWith('.jenkinsfile')) return { system: 'jenkins', needsContent: false };
  if (atRoot(path, ['.travis.yml', '.travis.yaml'])) return { system: 'travis-ci', needsContent: false };
  if (lower === '.circleci/config.yml' || lower === '.circleci/config.yaml') return { system: 'circleci', needsContent: false };
  if (yaml && (/^azure-pipelines[\w.-]*\.ya?ml$/.test(name) || inFolder(path, '.azure-pipelines') || inFolder(path, 'azure-pipelines'))) return { system: 'azure-pipelines', needsContent: false };
  if (atRoot(path, ['appveyor.yml', '.appveyor.yml', 'appveyor.yaml', '.appveyor.yaml'])) return { system: 'appveyor', needsContent: false };
  if (atRoot(path, ['.drone.yml', '.drone.yaml', '.drone.jsonnet', '.drone.star'])) return { system: 'drone', needsContent: false };
  if ((yaml && inFolder(path, '.buildkite') && name.startsWith('pipeline')) || atRoot(path, ['buildkite.yml', 'buildkite.yaml', '.buildkite.yml', '.buildkite.yaml'])) return { system: 'buildkite', needsContent: false };
  if (yaml && inFolder(path, '.tekton')) return { system: 'tekton', needsContent: true };
  if (yaml && /(^|\/)tekton\//.test(lower)) return { system: 'tekton', needsContent: true };
  if (atRoot(path, ['.zuul.yaml', 'zuul.yaml', '.zuul.yml', 'zuul.yml']) || (yaml && (inFolder(path, '.zuul.d') || inFolder(path, 'zuul.d')))) return { system: 'zuul', needsContent: false };
  if (atRoot(path, ['.prow.yaml', '.prow.yml']) || (yaml && inFolder(path, '.prow'))) return { system: 'prow', needsContent: false };
  if (atRoot(path, ['.woodpecker.yml', '.woodpecker.yaml']) || (yaml && inFolder(path, '.woodpecker'))) return { system: 'woodpecker', needsContent: false };
  if (atRoot(path, ['.cirrus.yml', '.cirrus.yaml', '.cirrus.star'])) return { system: 'cirrus-ci', needsContent: false };
  if (lower === '.semaphore/semaphore.yml' || lower === '.semaphore/semaphore.yaml') return { system: 'semaphore', needsContent: false };
  if (atRoot(path, ['bitbucket-pipelines.yml', 'bitbucket-pipelines.yaml'])) return { system: 'bitbucket-pipelines', needsContent: false };
  return null;
}

/**
 * OpenHarmony's gate CI (ci.openharmony.cn) is configured centrally, not in each repository: it builds every
 * pull request of the OpenHarmony organisations' component repositories, which declare themselves to its build
 * with a root `bundle.json`; the manifest repositories hold its build matrix (`ci-default.xml`,
 * `matrix_product.csv`). Only projects under those organisations count, so a copied component elsewhere does not.
 */
export const OPENHARMONY_NAMESPACES = new Set(['openharmony', 'openharmony-sig', 'openharmony-tpc']);
export function isOpenHarmonyCiFile(path: string, namespace: string | null): boolean {
  if (namespace === null || !OPENHARMONY_NAMESPACES.has(namespace.toLowerCase())) return false;
  return atRoot(path, ['bundle.json', 'ci-default.xml', 'matrix_product.csv']);
}

/**
 * Triggers a system applies when its file does not declare them. Travis CI, AppVeyor, Cirrus CI, Semaphore and
 * CircleCI build pushes and pull requests by default; GitLab CI builds pushes unless rules say more; Jenkins,
 * Buildkite, Zuul and Prow triggers live on the server (Jenkins job, Buildkite pipeline settings) or in the file
 * (Zuul pipelines, Prow job kinds), hence none by default. OpenHarmony's gate runs on pull requests.
 */
export const DEFAULT_TRIGGERS: Readonly<Record<CiSystem, readonly string[]>> = {
  'github-actions': [],
  'gitee-workflows': [],
  'gitcode-workflows': [],
  'gitee-go': [],
  'gitlab-ci': ['push'],
  jenkins: [],
  'travis-ci': ['push', 'pull_request'],
  circleci: ['push', 'pull_request'],
  'azure-pipelines': ['push', 'pull_request'],
  appveyor: ['push', 'pull_request'],
  drone: ['push', 'pull_request', 'tag'],
  buildkite: [],
  tekton: [],
  zuul: [],
  prow: [],
  'openharmony-ci': ['pull_request'],
  woodpecker: ['push', 'pull_request', 'tag', 'manual'],
  'cirrus-ci': ['push', 'pull_request'],
  semaphore: ['push', 'pull_request'],
  'bitbucket-pipelines': [],
};

type Dict = Record<string, unknown>;
const isDict = (value: unknown): value is Dict => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : null);
const unique = (values: readonly (string | null)[]): string[] => [...new Set(values.filter((value): value is string => value !== null))];

/** The YAML documents of a file, or the first error. */
function yamlDocuments(content: string): { docs: unknown[] } | { error: string } {
  try {
    const docs = parseAllDocuments(content, { prettyErrors: false });
    const list = Array.isArray(docs) ? docs : [docs];
    const failed = list.find((doc) => doc.errors.length > 0);
    if (failed) return { error: `invalid YAML: ${failed.errors[0]?.message.split('\n')[0] ?? 'parse error'}` };
    return { docs: list.map((doc) => doc.toJS({ maxAliasCount: 100 }) as unknown).filter((doc) => doc !== null && doc !== undefined) };
  } catch (err) {
    return { error: `invalid YAML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
}

/** Whether content at a shared location is really the system's configuration. */
export function looksLike(system: CiSystem, content: string): boolean {
  if (system === 'tekton') return /apiVersion:\s*["']?tekton\.dev\//.test(content);
  if (system === 'gitee-go') return /^stages\s*:/m.test(content);
  return true;
}

/** Triggers and jobs of one CI file of `system` (workflow-format files are described by the caller's parse). */
export function describeCiFile(system: CiSystem, path: string, content: string): CiFileDescription {
  if (system === 'jenkins') return describeJenkinsfile(content);
  if (system === 'openharmony-ci') return { triggers: DEFAULT_TRIGGERS['openharmony-ci'], jobs: [] };
  // Drone's Jsonnet/Starlark and Cirrus's Starlark are programs: CI configuration, but not evaluated here.
  if (/\.(jsonnet|star)$/i.test(path)) return { triggers: DEFAULT_TRIGGERS[system], jobs: [] };
  if (/^\s*$/.test(content)) return { triggers: [], jobs: [], error: 'the file is empty' };
  const parsed = yamlDocuments(content);
  if ('error' in parsed) return { triggers: [], jobs: [], error: parsed.error };
  const docs = parsed.docs;
  const first = docs[0];
  const root: Dict = isDict(first) ? first : {};
  const declared = (triggers: string[]): readonly string[] => (triggers.length > 0 ? unique(triggers) : DEFAULT_TRIGGERS[system]);
  switch (system) {
    case 'gitlab-ci':
      return describeGitlab(root, content);
    case 'travis-ci': {
      const include = [...list(isDict(root.jobs) ? root.jobs.include : undefined), ...list(isDict(root.matrix) ? root.matrix.include : undefined)];
      const jobs = include.map((job, index) => (isDict(job) ? (text(job.name) ?? text(job.stage) ?? `job ${index + 1}`) : `job ${index + 1}`));
      return { triggers: DEFAULT_TRIGGERS[system], jobs: jobs.length > 0 ? unique(jobs) : ['build'] };
    }
    case 'circleci':
      return { triggers: declared(isDict(root.workflows) && /\btriggers\s*:/.test(content) ? ['push', 'pull_request', 'schedule'] : []), jobs: isDict(root.jobs) ? Object.keys(root.jobs) : [] };
    case 'azure-pipelines':
      return describeAzure(root);
    case 'appveyor':
      return { triggers: DEFAULT_TRIGGERS[system], jobs: ['build'] };
    case 'drone': {
      const pipelines = docs.filter((doc): doc is Dict => isDict(doc) && (doc.kind === undefined || doc.kind === 'pipeline'));
      const events = pipelines.flatMap((doc) => (isDict(doc.trigger) ? list(isDict(doc.trigger.event) ? doc.trigger.event.include : doc.trigger.event).map(text) : []));
      return { triggers: declared(events.filter((e): e is string => e !== null)), jobs: unique(pipelines.map((doc) => text(doc.name) ?? 'default')) };
    }
    case 'buildkite': {
      // Bare strings are the `wait`/`block` shorthands, not jobs.
      const steps = list(root.steps).map((step, index) => (isDict(step) ? (text(step.label) ?? text(step.key) ?? text(step.name) ?? text(step.command) ?? `step ${index + 1}`) : null));
      return { triggers: DEFAULT_TRIGGERS[system], jobs: unique(steps) };
    }
    case 'tekton':
      return describeTekton(docs);
    case 'zuul':
      return describeZuul(docs.flatMap((doc) => list(doc)));
    case 'prow': {
      const kinds: [string, string][] = [['presubmits', 'pull_request'], ['postsubmits', 'push'], ['periodics', 'schedule']];
      const triggers = kinds.filter(([key]) => list(root[key]).length > 0).map(([, event]) => event);
      const jobs = kinds.flatMap(([key]) => list(root[key]).map((job) => (isDict(job) ? text(job.name) : null)));
      return { triggers: declared(triggers), jobs: unique(jobs) };
    }
    case 'gitee-go': {
      const triggers = isDict(root.triggers) ? Object.keys(root.triggers).map((key) => (key === 'pr' ? 'pull_request' : key)) : [];
      const stages = list(root.stages).map((entry) => {
        const stage = isDict(entry) && isDict(entry.stage) ? entry.stage : entry;
        return isDict(stage) ? (text(stage.name) ?? text(stage.displayName)) : null;
      });
      return { triggers: declared(triggers), jobs: unique(stages) };
    }
    case 'woodpecker': {
      const steps = isDict(root.steps) ? Object.keys(root.steps) : isDict(root.pipeline) ? Object.keys(root.pipeline) : list(root.steps).map((step) => (isDict(step) ? text(step.name) : null));
      const when = list(root.when).flatMap((entry) => (isDict(entry) ? list(entry.event).map(text) : []));
      return { triggers: declared(when.filter((e): e is string => e !== null)), jobs: unique(steps) };
    }
    case 'cirrus-ci':
      return { triggers: DEFAULT_TRIGGERS[system], jobs: Object.keys(root).filter((key) => /(^|_)(task|pipe)$/.test(key)) };
    case 'semaphore':
      return { triggers: DEFAULT_TRIGGERS[system], jobs: unique(list(root.blocks).map((block) => (isDict(block) ? text(block.name) : null))) };
    case 'bitbucket-pipelines':
      return describeBitbucket(root);
    default:
      return { triggers: DEFAULT_TRIGGERS[system], jobs: [] };
  }
}

const GITLAB_RESERVED = new Set(['image', 'services', 'stages', 'types', 'before_script', 'after_script', 'variables', 'cache', 'include', 'default', 'workflow']);
function describeGitlab(root: Dict, content: string): CiFileDescription {
  const jobs = Object.keys(root).filter((key) => !GITLAB_RESERVED.has(key) && !key.startsWith('.') && isDict(root[key]));
  // Pipeline sources named by rules (`$CI_PIPELINE_SOURCE == "merge_request_event"`).
  const sources = [...content.matchAll(/\$CI_PIPELINE_SOURCE\s*==\s*["']([a-z_]+)["']/g)].map((match) => (match[1] === 'merge_request_event' ? 'merge_request' : (match[1] ?? null)));
  const triggers = unique(sources);
  return { triggers: triggers.length > 0 ? triggers : DEFAULT_TRIGGERS['gitlab-ci'], jobs };
}

function describeAzure(root: Dict): CiFileDescription {
  const off = (value: unknown): boolean => value === 'none' || value === false;
  const triggers: string[] = [];
  if (!off(root.trigger)) triggers.push('push');
  if (!off(root.pr)) triggers.push('pull_request');
  if (list(root.schedules).length > 0) triggers.push('schedule');
  const jobName = (job: unknown): string | null => (isDict(job) ? (text(job.job) ?? text(job.deployment) ?? text(job.template)) : null);
  const jobs = [...list(root.stages).flatMap((stage) => (isDict(stage) ? list(stage.jobs).map(jobName) : [])), ...list(root.jobs).map(jobName)];
  const named = unique(jobs);
  return { triggers, jobs: named.length > 0 ? named : list(root.steps).length > 0 ? ['default'] : [] };
}

function describeTekton(docs: readonly unknown[]): CiFileDescription {
  const triggers: string[] = [];
  const jobs: string[] = [];
  for (const doc of docs) {
    if (!isDict(doc) || typeof doc.apiVersion !== 'string' || !doc.apiVersion.startsWith('tekton.dev/')) continue;
    const metadata = isDict(doc.metadata) ? doc.metadata : {};
    const name = text(metadata.name) ?? text(metadata.generateName);
    if (name) jobs.push(name);
    const annotations = isDict(metadata.annotations) ? metadata.annotations : {};
    const onEvent = text(annotations['pipelinesascode.tekton.dev/on-event']);
    if (onEvent) triggers.push(...onEvent.replace(/[[\]"']/g, '').split(',').map((event) => event.trim()).filter((event) => event !== ''));
  }
  return { triggers: unique(triggers), jobs: unique(jobs) };
}

function describeZuul(items: readonly unknown[]): CiFileDescription {
  const triggers: string[] = [];
  const jobs: string[] = [];
  const jobNames = (value: unknown): (string | null)[] => list(value).map((job) => (typeof job === 'string' ? job : isDict(job) ? (Object.keys(job)[0] ?? null) : null));
  for (const item of items) {
    if (!isDict(item)) continue;
    if (isDict(item.job)) jobs.push(text(item.job.name) ?? '');
    if (isDict(item.project)) {
      for (const [pipeline, config] of Object.entries(item.project)) {
        if (!isDict(config) || !('jobs' in config)) continue;
        triggers.push(pipeline);
        jobs.push(...jobNames(config.jobs).filter((name): name is string => name !== null));
      }
    }
  }
  return { triggers: unique(triggers), jobs: unique(jobs.filter((name) => name !== '')) };
}

function describeBitbucket(root: Dict): CiFileDescription {
  const pipelines = isDict(root.pipelines) ? root.pipelines : {};
  const events: Record<string, string> = { default: 'push', branches: 'push', 'pull-requests': 'pull_request', tags: 'tag', bookmarks: 'push', custom: 'manual' };
  const triggers = Object.keys(pipelines).map((key) => events[key] ?? null);
  const names: (string | null)[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (isDict(value)) {
      if (isDict(value.step)) names.push(text(value.step.name) ?? 'step');
      else for (const child of Object.values(value)) walk(child);
    }
  };
  walk(pipelines);
  return { triggers: unique(triggers), jobs: unique(names) };
}

/** Stages of a Jenkinsfile (declarative or scripted `stage('name')`) and the triggers it declares. */
export function describeJenkinsfile(content: string): CiFileDescription {
  const jobs = unique([...content.matchAll(/\bstage\s*\(\s*(?:name\s*:\s*)?["']([^"'\n]+)["']/g)].map((match) => match[1] ?? null));
  const triggers: string[] = [];
  if (/\bcron\s*\(/.test(content)) triggers.push('schedule');
  if (/\bpollSCM\s*\(/.test(content)) triggers.push('poll');
  if (/\bgithubPush\s*\(|\bgitlab\s*\(/.test(content)) triggers.push('push');
  if (/\bupstream\s*\(/.test(content)) triggers.push('upstream');
  return { triggers, jobs };
}
