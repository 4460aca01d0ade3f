/**
 * SAST tools a repository runs, from workflow steps (pure functions). Scorecard's SAST check looks for CodeQL
 * (`github/codeql-action/analyze`), SonarCloud/SonarQube (pom.xml `sonar.host.url`), Snyk, Pysa and Qodana;
 * this list adds the other widely used analysers. An action matches by its path anywhere before `@`, so
 * `github/codeql-action/analyze@v3` is CodeQL (upstream's anchored regexes never matched real references).
 * `findSast` applies the rules to a repository: the fact sast-checker reports and Scorecard's SAST scores.
 */
import type { RepoView } from '../../lib/repo/repo-view.js';
import { loadWorkflows } from '../workflows/load.js';
import { lineWithin, type Workflow } from '../workflows/parse.js';

export interface SastTool {
  readonly type: string;
  readonly toolName: string;
  /** Matched against the `uses:` value without its `@ref`, case-insensitively. */
  readonly uses?: RegExp;
  /** Matched against `run:` scripts. */
  readonly run?: RegExp;
}

export const SAST_TOOLS: readonly SastTool[] = [
  { type: 'codeql', toolName: 'CodeQL', uses: /(^|\/)codeql-action\/analyze$/i, run: /\bcodeql\s+database\s+analyze\b/ },
  { type: 'snyk', toolName: 'Snyk', uses: /^snyk\/actions(\/|$)/i, run: /\bsnyk\s+(code\s+)?test\b/ },
  { type: 'pysa', toolName: 'Pysa', uses: /^facebook\/pysa-action$/i },
  { type: 'qodana', toolName: 'Qodana', uses: /^jetbrains\/qodana-action$/i },
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

export function findSastUses(workflow: Workflow): SastUse[] {
  const found: SastUse[] = [];
  for (const job of workflow.jobs) {
    for (const step of job.steps) {
      const action = step.uses?.value.split('@')[0]?.trim() ?? '';
      for (const tool of SAST_TOOLS) {
        if (step.uses && tool.uses?.test(action)) {
          found.push({ file_path: workflow.path, type: tool.type, tool_name: tool.toolName, line: step.uses.keyLine, job: job.id, uses: step.uses.value });
        } else if (step.run && tool.run) {
          const match = tool.run.exec(step.run.value);
          if (match) {
            const lineText = step.run.value.split('\n').find((line) => tool.run?.test(line)) ?? match[0];
            found.push({ file_path: workflow.path, type: tool.type, tool_name: tool.toolName, line: lineWithin(workflow, step.run, lineText.trim()), job: job.id, uses: lineText.trim() });
          }
        }
      }
    }
  }
  return found;
}

/** `<sonar.host.url>` in a Maven pom (Scorecard's sonar probe), or `sonar.host.url=` in sonar-project.properties. */
export function sonarHostUrl(lowerName: string, text: string): string | null {
  if (lowerName === 'pom.xml') {
    const match = /<sonar\.host\.url>\s*([^<]*?)\s*<\/sonar\.host\.url>/.exec(text);
    return match ? (match[1] ?? '') : null;
  }
  if (lowerName === 'sonar-project.properties') {
    const match = /^\s*sonar\.host\.url\s*[=:]\s*(\S*)/m.exec(text);
    // The file itself configures a Sonar analysis even without a host (SonarCloud's default).
    return match ? (match[1] ?? '') : '';
  }
  return null;
}

export interface SonarConfig {
  /** Repository-relative path of the pom.xml or sonar-project.properties. */
  file_path: string;
  /** The configured `sonar.host.url` ('' when the properties file names none). */
  url: string;
}

export interface SastFacts {
  /** SAST tools run by workflow steps, with repository-relative `file_path`s. */
  readonly workflowUses: SastUse[];
  readonly sonarConfigs: SonarConfig[];
  /** Workflow files that did not parse (repository-relative). */
  readonly workflowErrors: { path: string; error: string }[];
}

const VENDORED = /(^|\/)(node_modules|vendor|third_party)\//;

export async function findSast(repo: RepoView): Promise<SastFacts> {
  const workflows = await loadWorkflows(repo);
  const sonarConfigs: SonarConfig[] = [];
  for (const file of await repo.files()) {
    if ((file.lowerName !== 'pom.xml' && file.lowerName !== 'sonar-project.properties') || VENDORED.test(file.path)) continue;
    const url = sonarHostUrl(file.lowerName, await repo.readText(file.path));
    if (url !== null) sonarConfigs.push({ file_path: file.path, url });
  }
  return {
    workflowUses: workflows.flatMap(findSastUses),
    sonarConfigs,
    workflowErrors: workflows.flatMap((w) => (w.error ? [{ path: w.path, error: w.error }] : [])),
  };
}
