/**
 * Workflows that publish packages, after Scorecard's Packaging check (checks/fileparser/github_workflow.go):
 * a job publishes when every step matcher of one of the patterns below matches some step of that job (a
 * per-job match, where upstream matched regexes anywhere in the file). Pure functions over parsed workflows.
 */
import { lineWithin, type Workflow, type WorkflowJob, type WorkflowStep } from '../workflows/parse.js';

interface StepMatcher {
  /** Matched against `uses:` without `@ref`. */
  readonly uses?: RegExp;
  /** Required `with:` inputs and the pattern of their values. */
  readonly with?: Readonly<Record<string, RegExp>>;
  /** Matched against each line of `run:`. */
  readonly run?: RegExp;
}

export interface PackagingPattern {
  readonly tool: string;
  readonly steps: readonly StepMatcher[];
}

export const PACKAGING_PATTERNS: readonly PackagingPattern[] = [
  { tool: 'npm', steps: [{ run: /\b(npm|pnpm|yarn(\s+npm)?)\b.*\bpublish\b/i }] },
  { tool: 'maven', steps: [{ uses: /^actions\/setup-java$/i }, { run: /\bmvnw?\b.*\bdeploy\b/i }] },
  { tool: 'gradle', steps: [{ uses: /^actions\/setup-java$/i }, { run: /\bgradlew?\b.*\bpublish/i }] },
  { tool: 'pypi', steps: [{ uses: /^pypa\/gh-action-pypi-publish$/i }] },
  { tool: 'twine', steps: [{ run: /\btwine\s+upload\b/i }] },
  { tool: 'python-semantic-release', steps: [{ uses: /^(relekang|python-semantic-release)\/python-semantic-release$/i }] },
  { tool: 'rubygems', steps: [{ run: /\bgem\b.*\bpush\b/i }] },
  { tool: 'rubygems', steps: [{ uses: /^rubygems\/release-gem$/i }] },
  { tool: 'nuget', steps: [{ run: /\b(nuget|dotnet\s+nuget)\b.*\bpush\b/i }] },
  { tool: 'docker', steps: [{ run: /\bdocker\b.*\bpush\b/i }] },
  { tool: 'docker', steps: [{ uses: /^docker\/build-push-action$/i, with: { push: /^\s*(true|\$\{\{.*\}\})\s*$/i } }] },
  { tool: 'goreleaser', steps: [{ uses: /^goreleaser\/goreleaser-action$/i }] },
  { tool: 'cargo', steps: [{ run: /\bcargo\b.*\bpublish\b/i }] },
  { tool: 'ko', steps: [{ uses: /^(imjasonh|ko-build)\/setup-ko$/i }] },
  { tool: 'semantic-release', steps: [{ run: /\bnpx\b.*\bsemantic-release\b/i }] },
  { tool: 'sbt', steps: [{ run: /\bsbt\b.*\bci-release\b/i }] },
];

export interface PackagingMatch {
  tool: string;
  job: string;
  line: number;
}

/** The first publishing job of a workflow (patterns in list order, jobs in file order), or null. */
export function findPackaging(workflow: Workflow): PackagingMatch | null {
  for (const job of workflow.jobs) {
    for (const pattern of PACKAGING_PATTERNS) {
      const line = matchJob(workflow, job, pattern);
      if (line !== null) return { tool: pattern.tool, job: job.id, line };
    }
  }
  return null;
}

/** The line of the step matching the pattern's first matcher when every matcher matches; else null. */
function matchJob(workflow: Workflow, job: WorkflowJob, pattern: PackagingPattern): number | null {
  let first: number | null = null;
  for (const matcher of pattern.steps) {
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
  if (matcher.uses) {
    const action = step.uses?.value.split('@')[0]?.trim() ?? '';
    if (!step.uses || !matcher.uses.test(action)) return null;
    for (const [input, value] of Object.entries(matcher.with ?? {})) {
      const given = step.with.get(input);
      if (!given || !value.test(given.value)) return null;
    }
    return step.uses.keyLine;
  }
  if (matcher.run && step.run) {
    const line = step.run.value.split('\n').find((text) => !text.trim().startsWith('#') && matcher.run?.test(text));
    return line === undefined ? null : lineWithin(workflow, step.run, line.trim());
  }
  return null;
}
