/**
 * Dangerous workflow patterns, as OpenSSF Scorecard v5's Dangerous-Workflow check defines them (pure functions
 * over a parsed workflow):
 * - untrusted checkout: a workflow triggered by `pull_request_target` or `workflow_run` (which run with the
 *   base repository's secrets and a write token) has an `actions/checkout` step (any letter case) whose `ref:`
 *   names the pull request's or triggering run's code;
 * - script injection: an attacker-controlled context (expressions/isUntrustedContext: the event fields,
 *   `github.head_ref`, `toJSON(github)`/`toJSON(github.event)`, in any letter case and index spelling) is
 *   expanded with `${{ }}` into a `run:` script.
 * Three more ways to the same harm are found too, marked `scorecard: false` because Scorecard does not count
 * them: an untrusted context in an `actions/github-script` script, `${{ env.X }}` where X is set from an
 * untrusted context, and a checkout of `github.head_ref`.
 */
import { envReferences, expressionsIn, isHeadRefCheckout, isUntrustedCheckoutRef, isUntrustedContext } from '../workflows/expressions.js';
import { lineWithin, type SourceText, type Workflow, type WorkflowJob, type WorkflowStep } from '../workflows/parse.js';

export type PatternType = 'untrusted_checkout' | 'script_injection';

export interface DangerousPattern {
  type: PatternType;
  /** Repository-relative path of the workflow. */
  file: string;
  /** 1-based line in the file. */
  line: number;
  job: string;
  snippet: string;
  message: string;
  /** Whether Scorecard's Dangerous-Workflow counts this pattern (false: found only by OpenChecker). */
  scorecard: boolean;
}

const PRIVILEGED_TRIGGERS = ['pull_request_target', 'workflow_run'];

export function findDangerousPatterns(workflow: Workflow): DangerousPattern[] {
  if (workflow.error) return [];
  const patterns: DangerousPattern[] = [];
  const privileged = workflow.triggers.filter((trigger) => PRIVILEGED_TRIGGERS.includes(trigger));
  for (const job of workflow.jobs) {
    for (const step of job.steps) {
      if (privileged.length > 0) {
        const checkout = untrustedCheckout(workflow, job, step, privileged);
        if (checkout) patterns.push(checkout);
      }
      patterns.push(...scriptInjections(workflow, job, step));
    }
  }
  return patterns.sort((a, b) => a.line - b.line);
}

function untrustedCheckout(workflow: Workflow, job: WorkflowJob, step: WorkflowStep, triggers: string[]): DangerousPattern | null {
  if (!step.uses?.value.toLowerCase().includes('actions/checkout')) return null;
  // Without `ref`, actions/checkout takes the base branch under pull_request_target: safe.
  const ref = step.with.get('ref');
  if (!ref) return null;
  const scorecard = isUntrustedCheckoutRef(ref.value, workflow.platform);
  if (!scorecard && !isHeadRefCheckout(ref.value, workflow.platform)) return null;
  return {
    scorecard,
    type: 'untrusted_checkout',
    file: workflow.path,
    line: ref.keyLine,
    job: job.id,
    snippet: ref.value,
    message:
      `Untrusted code checkout: this workflow runs on ${triggers.join('/')} (with the base repository's secrets and a ` +
      `write token) and checks out "${ref.value}", code an outside contributor controls.`,
  };
}

function scriptInjections(workflow: Workflow, job: WorkflowJob, step: WorkflowStep): DangerousPattern[] {
  const scripts: { text: SourceText; where: string; scorecard: boolean }[] = [];
  // Scorecard reads `run:` scripts only.
  if (step.run) scripts.push({ text: step.run, where: 'a run: script', scorecard: true });
  const script = step.with.get('script');
  if (script && step.uses?.value.toLowerCase().includes('actions/github-script')) {
    scripts.push({ text: script, where: 'an actions/github-script script', scorecard: false });
  }
  const found: DangerousPattern[] = [];
  for (const { text, where, scorecard } of scripts) {
    const seen = new Map<string, number>();
    for (const expression of expressionsIn(text.value)) {
      const occurrence = seen.get(expression.raw) ?? 0;
      seen.set(expression.raw, occurrence + 1);
      const source = untrustedSource(workflow, job, step, expression.expr);
      if (!source) continue;
      found.push({
        scorecard: scorecard && source.direct,
        type: 'script_injection',
        file: workflow.path,
        line: lineWithin(workflow, text, expression.raw, occurrence),
        job: job.id,
        snippet: expression.expr,
        message:
          `Script injection: ${source.text} is expanded by \${{ }} into ${where}; whoever controls it can run commands ` +
          `in the workflow. Pass it through an environment variable and quote it instead.`,
      });
    }
  }
  return found;
}

/**
 * Describes the untrusted input an expression reads, or null when it reads none; `direct` when the expression
 * itself reads it (Scorecard's rule), not through an `env` variable.
 */
function untrustedSource(workflow: Workflow, job: WorkflowJob, step: WorkflowStep, expr: string): { text: string; direct: boolean } | null {
  if (isUntrustedContext(expr, workflow.platform)) return { text: `the untrusted context "${expr}"`, direct: true };
  for (const name of envReferences(expr)) {
    // The innermost definition wins, as in GitHub Actions.
    const definition = step.env.get(name) ?? job.env.get(name) ?? workflow.env.get(name);
    if (!definition) continue;
    const tainted = expressionsIn(definition.value).find((inner) => isUntrustedContext(inner.expr, workflow.platform));
    if (tainted) return { text: `env.${name} (set from the untrusted context "${tainted.expr}")`, direct: false };
  }
  return null;
}
