/**
 * sonar-scanner: a SonarQube analysis of the checkout and its measures (coverage, complexity, duplication,
 * lines, reliability/maintainability/security ratings), in upstream's shape: the `/api/measures/component`
 * answer as is.
 *
 * Steps: the project (upstream's key) is created through the Web API when missing; the scanner runs in the
 * checkout with a time limit; the compute-engine task it submitted (`report-task.txt` → `/api/ce/task`) is
 * polled until SonarQube has processed the report; then the measures are read.
 * Fixed: a failed or timed-out scan, and a report SonarQube failed to process, are errors (upstream's script
 * masked the scanner's exit code and reported `no_metrics`); the token reaches the scanner through its
 * environment, not its command line; the scanner's environment carries none of the agent's secrets; Maven and
 * Gradle (which run repository code) are used only when `[SonarQube] allow_build_tools` is on.
 */
import { access, constants, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ExecError, run } from '../../lib/exec.js';
import { SonarQubeClient, type CeTask } from '../../platforms/services/sonarqube.js';
import { CheckerInputError, type CheckContext, type Checker, type Json } from '../types.js';
import { chooseTool, failureSummary, parseReportTask, projectKey, scanArguments, scannerEnv, type ScanTool } from './plan.js';
import { meta } from './meta.js';

export const checker: Checker = {
  ...meta,
  run: analyse,
};

const PROGRAM: Readonly<Record<Exclude<ScanTool, 'sonar-scanner'>, string>> = { maven: 'mvn', gradle: './gradlew' };

async function analyse(ctx: CheckContext): Promise<Json> {
  const sonar = ctx.config.SonarQube;
  const client = SonarQubeClient.fromConfig(ctx.config);
  const key = projectKey(ctx.task.projectUrl, ctx.task.repoName);
  const tool = chooseTool(
    {
      pom: await ctx.repo.exists('pom.xml'),
      gradleBuild: (await readIfPresent(ctx, 'build.gradle')) ?? (await readIfPresent(ctx, 'build.gradle.kts')),
      gradleWrapper: await ctx.repo.exists('gradlew'),
    },
    sonar.allow_build_tools,
  );
  const program = tool === 'sonar-scanner' ? await findProgram(sonar.scanner_path) : tool === 'gradle' ? join(ctx.repo.root, 'gradlew') : await findProgram(PROGRAM[tool]);

  if (!(await client.projectExists(key, ctx.signal))) {
    ctx.log.info({ key }, 'creating the SonarQube project');
    await client.createProject(key, ctx.signal);
  }

  const workDir = await mkdtemp(join(tmpdir(), 'openchecker-sonar-'));
  try {
    const args = scanArguments(tool, { key, hostUrl: client.baseUrl, workDir });
    const started = Date.now();
    await scan(ctx, tool, program, args, sonar.scan_timeout_s);
    ctx.log.info({ key, tool, seconds: (Date.now() - started) / 1000 }, 'scan finished');
    const report = parseReportTask(await readFile(join(workDir, 'report-task.txt'), 'utf8').catch(() => ''));
    await waitForProcessing(ctx, client, key, report.ceTaskId ?? null);
    const measures = await client.measures(key, undefined, ctx.signal);
    return withNoMetricsNote(measures, key, report.dashboardUrl ?? `${client.baseUrl}/dashboard?id=${encodeURIComponent(key)}`) as Json;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function readIfPresent(ctx: CheckContext, path: string): Promise<string | null> {
  return (await ctx.repo.exists(path)) ? ctx.repo.readText(path) : null;
}

/** A program name is looked up on PATH, a path is used as is; either must be executable. */
async function findProgram(configured: string): Promise<string> {
  const candidates = configured.includes('/')
    ? [isAbsolute(configured) ? configured : join(process.cwd(), configured)]
    : (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, configured));
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new CheckerInputError(
    configured === 'mvn'
      ? 'sonar-scanner needs Maven (mvn) for this Maven project when [SonarQube] allow_build_tools is on; install it or turn the setting off'
      : `sonar-scanner needs the SonarScanner CLI: "${configured}" was not found; install it or set [SonarQube] scanner_path`,
  );
}

async function scan(ctx: CheckContext, tool: ScanTool, program: string, args: string[], timeoutS: number): Promise<void> {
  try {
    await run(program, args, {
      cwd: ctx.repo.root,
      env: scannerEnv(process.env, ctx.config.SonarQube.token),
      timeoutMs: timeoutS * 1000,
      signal: ctx.signal,
      maxOutputBytes: 4 * 1024 * 1024,
    });
  } catch (err) {
    if (!(err instanceof ExecError)) throw err;
    const name = tool === 'sonar-scanner' ? 'the SonarScanner CLI' : tool === 'maven' ? 'mvn sonar:sonar' : './gradlew sonar';
    if (err.reason === 'timeout') throw new Error(`the scan timed out after ${timeoutS} s (${name}); raise [SonarQube] scan_timeout_s for large repositories`);
    if (err.reason === 'aborted') throw err;
    if (err.reason === 'spawn') throw new CheckerInputError(`could not start ${name}: ${err.message}`);
    const summary = failureSummary(`${err.stdoutTail}\n${err.stderrTail}`);
    throw new Error(`the scan failed: ${name} exited with code ${err.exitCode}${summary ? `:\n${summary}` : ''}`);
  }
}

/**
 * Polls the compute-engine task the scanner submitted until SonarQube has processed the report. Without a
 * task id (a scanner that wrote no report-task.txt), the project's queue (`/api/ce/component`) is polled.
 */
async function waitForProcessing(ctx: CheckContext, client: SonarQubeClient, key: string, taskId: string | null): Promise<void> {
  const { report_max_wait_time_s: maxWait, report_check_interval_s: interval } = ctx.config.SonarQube;
  const deadline = Date.now() + maxWait * 1000;
  for (;;) {
    let task: CeTask | null;
    if (taskId) {
      task = await client.ceTask(taskId, ctx.signal);
    } else {
      const component = await client.ceComponent(key, ctx.signal);
      task = component.queued > 0 ? { id: '(queued)', status: 'PENDING' } : component.current;
      if (!task) return; // nothing queued and nothing processed: the measures call tells what there is
    }
    if (task.status === 'SUCCESS') return;
    if (task.status === 'FAILED' || task.status === 'CANCELED') {
      const why = typeof task.errorMessage === 'string' && task.errorMessage ? `: ${task.errorMessage}` : '';
      throw new Error(`SonarQube could not process the analysis (task ${task.id} ${task.status})${why}`);
    }
    if (Date.now() + interval * 1000 > deadline) {
      throw new Error(
        `SonarQube had not processed the analysis after ${maxWait} s (task ${task.id} is ${task.status}); raise [SonarQube] report_max_wait_time_s`,
      );
    }
    await sleep(interval * 1000, undefined, { signal: ctx.signal });
  }
}

/** Upstream's `no_metrics` note when an analysis produced no measures (e.g. no supported source files). */
function withNoMetricsNote(measures: Record<string, unknown>, key: string, dashboardUrl: string): Record<string, unknown> {
  const component = measures.component as { measures: unknown[] };
  if (component.measures.length > 0) return measures;
  return {
    ...measures,
    status: 'no_metrics',
    project_key: key,
    dashboard_url: dashboardUrl,
    possible_causes: [
      'The repository has no source files in a language SonarQube analyses',
      'Every source file is excluded (build output, dependencies, Java sources without compiled classes)',
      'The analysis was processed but the server computed no measures for the project',
    ],
    suggestions: ['Check the project in the SonarQube dashboard', 'Check the languages the SonarQube server has analyzers for'],
  };
}
