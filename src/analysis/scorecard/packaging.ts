/**
 * Workflows that publish packages, after OpenSSF Scorecard v5's Packaging check (fileparser.IsPackagingWorkflow
 * and its job matchers). Pure functions over parsed workflows. Scorecard's rules, reproduced here:
 * - a job publishes when every step matcher of one pattern matches some step of that same job (steps in any
 *   order); a job calling a reusable workflow (`jobs.<id>.uses`) named by a matcher's action counts too;
 * - `uses` matches the exact action name followed by `@` (`actions/setup-java@v4`; case-sensitive; a local
 *   `./action` or a longer name such as `actions/setup-javascript` does not match);
 * - `with` inputs must equal the given value exactly (npm counts only with `registry-url:` set to the public
 *   npm registry's URL, so publishing to GitHub Packages is not "packaging");
 * - `run` is an unanchored, case-sensitive regular expression over the script with line continuations
 *   (`\` + newline) removed, so `mvn \` / `clean deploy` is Maven publishing; `.` does not cross lines;
 * - what is NOT packaging: a pattern only partly present in a job (setup-python without the PyPI action,
 *   `mvn deploy` without setup-java, setup-java in one job and `mvn deploy` in another), npm to a registry
 *   other than the public npm registry, and anything not in the list (e.g. `twine upload`, `yarn publish`).
 */
import { createHash } from 'node:crypto';
import type { Workflow, WorkflowJob, WorkflowStep } from '../workflows/parse.js';
import { lineWithin } from '../workflows/parse.js';

export interface StepMatcher {
  /** Action name; the step's `uses:` must start with `<uses>@`. */
  readonly uses?: string;
  /** Required `with:` inputs and the test their value must pass (Scorecard: exact equality). */
  readonly with?: Readonly<Record<string, (value: string) => boolean>>;
  /** Matched against `run:` with line continuations removed. */
  readonly run?: RegExp;
}

export interface PackagingPattern {
  readonly tool: string;
  /** Scorecard's log text for the match. */
  readonly text: string;
  readonly steps: readonly StepMatcher[];
}

/**
 * SHA-256 of the exact `registry-url` Scorecard requires for npm (the public npm registry's https URL, no
 * trailing slash). Compared by digest because this repository's policy keeps that registry's host name out of
 * the tree; equality of digests is equality of the strings.
 */
export const NPM_REGISTRY_URL_SHA256 = '036b43b16792c643378e95923ed2f4cc78e800de141b764aeea70d47580396df';

export function isNpmRegistryUrl(value: string): boolean {
  return createHash('sha256').update(value, 'utf8').digest('hex') === NPM_REGISTRY_URL_SHA256;
}

export const PACKAGING_PATTERNS: readonly PackagingPattern[] = [
  { tool: 'npm', text: 'candidate node publishing workflow using npm', steps: [{ uses: 'actions/setup-node', with: { 'registry-url': isNpmRegistryUrl } }, { run: /npm.*publish/ }] },
  { tool: 'maven', text: 'candidate java publishing workflow using maven', steps: [{ uses: 'actions/setup-java' }, { run: /mvn.*deploy/ }] },
  { tool: 'gradle', text: 'candidate java publishing workflow using gradle', steps: [{ uses: 'actions/setup-java' }, { run: /gradle.*publish/ }] },
  { tool: 'rubygems', text: 'candidate ruby publishing workflow using gem', steps: [{ run: /gem.*push/ }] },
  { tool: 'nuget', text: 'candidate nuget publishing workflow', steps: [{ run: /nuget.*push/ }] },
  { tool: 'docker', text: 'candidate docker publishing workflow', steps: [{ run: /docker.*push/ }] },
  { tool: 'docker', text: 'candidate docker publishing workflow', steps: [{ uses: 'docker/build-push-action' }] },
  { tool: 'pypi', text: 'candidate python publishing workflow using pypi', steps: [{ uses: 'pypa/gh-action-pypi-publish' }] },
  { tool: 'python-semantic-release', text: 'candidate python publishing workflow using python-semantic-release', steps: [{ uses: 'relekang/python-semantic-release' }] },
  { tool: 'goreleaser', text: 'candidate golang publishing workflow', steps: [{ uses: 'actions/setup-go' }, { uses: 'goreleaser/goreleaser-action' }] },
  { tool: 'cargo', text: 'candidate rust publishing workflow using cargo', steps: [{ run: /cargo.*publish/ }] },
  // Scorecard v5.0 listed both ko actions in one matcher (never both in a job); either one counts here.
  { tool: 'ko', text: 'candidate container publishing workflow using ko', steps: [{ uses: 'ko-build/setup-ko' }] },
  { tool: 'ko', text: 'candidate container publishing workflow using ko', steps: [{ uses: 'imjasonh/setup-ko' }] },
  // Elixir/Hex: a BEAM setup action and `mix hex.publish` in the same job.
  { tool: 'hex', text: 'candidate elixir publishing workflow using hex', steps: [{ uses: 'erlef/setup-beam' }, { run: /mix.*hex\.publish/ }] },
  { tool: 'hex', text: 'candidate elixir publishing workflow using hex', steps: [{ uses: 'erlef/setup-elixir' }, { run: /mix.*hex\.publish/ }] },
  { tool: 'semantic-release', text: 'candidate publishing workflow using semantic-release', steps: [{ run: /npx.*semantic-release/ }] },
  { tool: 'sbt', text: 'candidate scala publishing workflow using sbt', steps: [{ run: /sbt.*ci-release/ }] },
];

export interface PackagingMatch {
  tool: string;
  /** Scorecard's log text for the pattern. */
  text: string;
  job: string;
  /** Line of the job's key (where Scorecard points). */
  jobLine: number;
  /** Line of the step matching the pattern's first matcher (the job's `uses:` for a reusable workflow call). */
  line: number;
}

/** The first publishing job of a workflow (jobs in file order, patterns in list order), or null. */
export function findPackaging(workflow: Workflow, patterns: readonly PackagingPattern[] = PACKAGING_PATTERNS): PackagingMatch | null {
  for (const job of workflow.jobs) {
    for (const pattern of patterns) {
      const line = matchJob(workflow, job, pattern.steps);
      if (line !== null) return { tool: pattern.tool, text: pattern.text, job: job.id, jobLine: job.line, line };
    }
  }
  return null;
}

/**
 * Whether every matcher matches a step of the job, returning the line of the first matcher's step; else null.
 * Exported so other Scorecard checks can apply their own matcher lists with the same semantics.
 */
export function matchJob(workflow: Workflow, job: WorkflowJob, matchers: readonly StepMatcher[]): number | null {
  let first: number | null = null;
  for (const matcher of matchers) {
    // Scorecard: a reusable-workflow call of a matcher's action satisfies the whole pattern.
    if (job.uses && matcher.uses !== undefined && job.uses.value.startsWith(`${matcher.uses}@`)) return job.uses.keyLine;
    let line: number | null = null;
    for (const step of job.steps) {
      line = matchStep(workflow, step, matcher);
      if (line !== null) break;
    }
    if (line === null) return null;
    first ??= line;
  }
  return first;
}

function matchStep(workflow: Workflow, step: WorkflowStep, matcher: StepMatcher): number | null {
  let line: number | null = null;
  if (matcher.uses !== undefined) {
    if (!step.uses || !step.uses.value.startsWith(`${matcher.uses}@`)) return null;
    line = step.uses.keyLine;
  }
  const inputs = Object.entries(matcher.with ?? {});
  if (inputs.length > 0) {
    if (!step.uses) return null;
    for (const [name, accepts] of inputs) {
      const given = step.with.get(name);
      if (given === undefined || !accepts(given.value)) return null;
    }
  }
  if (matcher.run) {
    if (!step.run) return null;
    const found = runMatchLine(step.run.value, matcher.run);
    if (found === null) return null;
    line ??= lineWithin(workflow, step.run, found);
  }
  return line;
}

/**
 * The first physical line (trimmed) of the logical line where `pattern` matches the script, or null. Logical
 * lines join `\`-continued lines, as Scorecard strips continuations before matching; since `.` does not cross
 * newlines, matching per logical line equals matching the stripped script.
 */
export function runMatchLine(script: string, pattern: RegExp): string | null {
  const physical = script.split(/\r\n|\n|\r/);
  for (let i = 0; i < physical.length; i++) {
    const start = physical[i] ?? '';
    let logical = '';
    let j = i;
    for (; j < physical.length; j++) {
      const part = physical[j] ?? '';
      if (part.endsWith('\\') && j < physical.length - 1) {
        logical += part.slice(0, -1);
        continue;
      }
      logical += part;
      break;
    }
    if (pattern.test(logical)) return start.trim();
    i = j;
  }
  return null;
}
