/**
 * SAST tools a repository runs, after OpenSSF Scorecard v5's SAST check (checks/raw/sast.go; pure functions
 * plus `findSast`, which reads the files). Scorecard's rules, reproduced here:
 * - workflow steps whose `uses:` (an `actions://` prefix dropped, cut at `@`) matches, case-sensitively:
 *   CodeQL `^github/codeql-action/analyze$`, Snyk `^snyk/actions/.*`, Pysa `^facebook/pysa-action$`,
 *   Qodana `^JetBrains/qodana-action$`, Hadolint `^hadolint/hadolint-action$`; `run:` scripts never count;
 * - Sonar: any `pom.xml` (name compared case-insensitively, any folder) with a non-empty
 *   `<sonar.host.url>…</sonar.host.url>`;
 * - every matching step is a finding (a workflow with two CodeQL steps lists its file twice).
 * Other analysers (Semgrep, gosec, Bandit, a `sonar-project.properties`, ...) are reported separately as
 * `otherTools`: they are facts worth showing but do not make Scorecard's SAST score.
 */
import type { RepoView } from '../../lib/repo/repo-view.js';
import { loadWorkflows } from '../workflows/load.js';
import { lineWithin, type Workflow } from '../workflows/parse.js';

export interface SastTool {
  readonly type: string;
  readonly toolName: string;
  /** Matched against the `uses:` value without its `@ref`. */
  readonly uses?: RegExp;
  /** Matched against `run:` scripts (other tools only: Scorecard never reads scripts for SAST). */
  readonly run?: RegExp;
}

/** The tools Scorecard recognises, in Scorecard's order (Sonar, from pom.xml, comes after CodeQL there). */
export const SCORECARD_SAST_TOOLS: readonly SastTool[] = [
  { type: 'codeql', toolName: 'CodeQL', uses: /^github\/codeql-action\/analyze$/ },
  { type: 'snyk', toolName: 'Snyk', uses: /^snyk\/actions\/.*/ },
  { type: 'pysa', toolName: 'Pysa', uses: /^facebook\/pysa-action$/ },
  { type: 'qodana', toolName: 'Qodana', uses: /^JetBrains\/qodana-action$/ },
  { type: 'hadolint', toolName: 'Hadolint', uses: /^hadolint\/hadolint-action$/ },
];

/** Analysers Scorecard does not count; shown as facts, never scored. */
export const OTHER_SAST_TOOLS: readonly SastTool[] = [
  { type: 'codeql', toolName: 'CodeQL', run: /\bcodeql\s+database\s+analyze\b/ },
  { type: 'snyk', toolName: 'Snyk', run: /\bsnyk\s+(code\s+)?test\b/ },
  { type: 'sonar', toolName: 'SonarCloud/SonarQube', uses: /^sonarsource\/(sonarcloud-github-action|sonarqube-scan-action|sonarcloud-github-c-cpp)$/i, run: /\bsonar-scanner\b|\bsonar:sonar\b|\bgradlew?\s+.*\bsonar(qube)?\b/ },
  { type: 'semgrep', toolName: 'Semgrep', uses: /^(returntocorp|semgrep)\/semgrep-action$/i, run: /\bsemgrep\s+(ci|scan)\b|\bsemgrep\s+--config\b/ },
  { type: 'gosec', toolName: 'gosec', uses: /^securego\/gosec$/i, run: /(^|\s)gosec\s/ },
  { type: 'bandit', toolName: 'Bandit', uses: /^(pycqa|mdegis|tj-actions)\/bandit(-action)?$/i, run: /(^|\s)bandit\s+(-r|--recursive)\b/ },
  { type: 'checkmarx', toolName: 'Checkmarx', uses: /^checkmarx(-ts)?\/(ast-github-action|checkmarx-cxflow-github-action)$/i },
  { type: 'fortify', toolName: 'Fortify', uses: /^fortify\/github-action$/i },
  { type: 'veracode', toolName: 'Veracode', uses: /^veracode\/veracode-(pipeline-scan|uploadandscan)-action$/i },
  { type: 'bearer', toolName: 'Bearer', uses: /^bearer\/bearer-action$/i },
  { type: 'msdo', toolName: 'Microsoft Security DevOps', uses: /^microsoft\/security-devops-action$/i },
  { type: 'shiftleft', toolName: 'ShiftLeft Scan', uses: /^(shiftleftsecurity\/scan-action|appthreat\/sast-scan-action)$/i },
];

export interface SastUse {
  file_path: string;
  type: string;
  tool_name: string;
  line: number;
  job: string;
  /** The `uses:` value, or the first line of the matching `run:` script. */
  uses: string;
}

/** The action a `uses:` names, as Scorecard compares it: `actions://` dropped, cut at the first `@`. */
export function actionName(uses: string): string {
  const value = uses.trim().replace(/^actions:\/\//, '');
  const at = value.indexOf('@');
  return at < 0 ? value : value.slice(0, at);
}

/** Steps using a tool Scorecard's SAST check recognises, one entry per matching step. */
export function findSastUses(workflow: Workflow): SastUse[] {
  const found: SastUse[] = [];
  for (const job of workflow.jobs) {
    for (const step of job.steps) {
      if (!step.uses) continue;
      const action = actionName(step.uses.value);
      for (const tool of SCORECARD_SAST_TOOLS) {
        if (tool.uses?.test(action)) {
          found.push({ file_path: workflow.path, type: tool.type, tool_name: tool.toolName, line: step.uses.keyLine, job: job.id, uses: step.uses.value });
        }
      }
    }
  }
  return found;
}

/** Steps running an analyser Scorecard does not count (by action, case-insensitively, or by `run:` command). */
export function findOtherSastUses(workflow: Workflow): SastUse[] {
  const found: SastUse[] = [];
  for (const job of workflow.jobs) {
    for (const step of job.steps) {
      const action = step.uses ? actionName(step.uses.value) : '';
      for (const tool of OTHER_SAST_TOOLS) {
        if (step.uses && tool.uses?.test(action)) {
          found.push({ file_path: workflow.path, type: tool.type, tool_name: tool.toolName, line: step.uses.keyLine, job: job.id, uses: step.uses.value });
        } else if (step.run && tool.run) {
          const lineText = step.run.value.split('\n').find((line) => tool.run?.test(line));
          if (lineText !== undefined) {
            found.push({ file_path: workflow.path, type: tool.type, tool_name: tool.toolName, line: lineWithin(workflow, step.run, lineText.trim()), job: job.id, uses: lineText.trim() });
          }
        }
      }
    }
  }
  return found;
}

export interface SonarHost {
  url: string;
  /** 1-based line of `<sonar.host.url>` (Scorecard's offset). */
  line: number;
}

/** Scorecard's Sonar rule: a non-empty `<sonar.host.url>` in the text of a pom.xml; null when absent. */
export function pomSonarHost(text: string): SonarHost | null {
  const match = /<sonar\.host\.url>\s*(\S+)\s*<\/sonar\.host\.url>/.exec(text);
  if (!match) return null;
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.includes('<sonar.host.url>'));
  return { url: match[1] ?? '', line: index + 1 };
}

export interface SonarConfig {
  /** Repository-relative path of the pom.xml. */
  file_path: string;
  /** The configured `sonar.host.url`. */
  url: string;
  line: number;
}

export interface OtherSastFile {
  file_path: string;
  type: string;
  tool_name: string;
}

export interface SastFacts {
  /** Scorecard-recognised SAST tools run by workflow steps, with repository-relative `file_path`s. */
  readonly workflowUses: SastUse[];
  /** pom.xml files naming a Sonar host (Scorecard's Sonar detection). */
  readonly sonarConfigs: SonarConfig[];
  /** Analysers Scorecard does not count: workflow steps and `sonar-project.properties` files. */
  readonly otherUses: SastUse[];
  readonly otherFiles: OtherSastFile[];
  /** Workflow files that did not parse (repository-relative). */
  readonly workflowErrors: { path: string; error: string }[];
}

/** Whether Scorecard's SAST check (files only) finds a tool: its score is then 10, else 0. */
export function sastConfigured(facts: Pick<SastFacts, 'workflowUses' | 'sonarConfigs'>): boolean {
  return facts.workflowUses.length > 0 || facts.sonarConfigs.length > 0;
}

export async function findSast(repo: RepoView): Promise<SastFacts> {
  const workflows = await loadWorkflows(repo);
  const sonarConfigs: SonarConfig[] = [];
  const otherFiles: OtherSastFile[] = [];
  for (const file of await repo.files()) {
    if (file.lowerName === 'pom.xml') {
      const host = pomSonarHost(await repo.readText(file.path));
      if (host) sonarConfigs.push({ file_path: file.path, url: host.url, line: host.line });
    } else if (file.lowerName === 'sonar-project.properties') {
      otherFiles.push({ file_path: file.path, type: 'sonar', tool_name: 'SonarCloud/SonarQube' });
    }
  }
  return {
    workflowUses: workflows.flatMap(findSastUses),
    sonarConfigs,
    otherUses: workflows.flatMap(findOtherSastUses),
    otherFiles,
    workflowErrors: workflows.flatMap((w) => (w.error ? [{ path: w.path, error: w.error }] : [])),
  };
}
