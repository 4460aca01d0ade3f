/**
 * sonar-scanner decisions, free of I/O: the SonarQube project key, which scanner runs with which arguments, the
 * environment it gets, and how a report-task.txt and scanner output are read.
 */
import { parseRepoUrl, RepoUrlError } from '../../platforms/index.js';

/** Upstream's exclusions for the generic scan (build output, dependencies, VCS data), plus Java sources. */
export const SCAN_EXCLUSIONS = ['node_modules', 'target', 'build', 'dist', 'venv', '.venv', 'vendor', 'bin', 'obj', '.git', 'coverage', '__pycache__']
  .map((dir) => `**/${dir}/**`)
  .concat('**/*.java')
  .join(',');

/**
 * Upstream's key `"{platform}_{owner}_{repo}".lower()` for GitHub, Gitee and GitCode. Upstream gave every other
 * URL the one key `other_default_default`, so unrelated projects overwrote each other's analyses; here another
 * host gets `other_<host>_<path>` and a local folder `other_default_<name>`.
 */
export function projectKey(projectUrl: string, repoName: string): string {
  try {
    const ref = parseRepoUrl(projectUrl);
    return sanitize(`${ref.platform}_${ref.owner}_${ref.repo}`);
  } catch (err) {
    if (!(err instanceof RepoUrlError)) throw err;
  }
  try {
    const url = new URL(projectUrl);
    if (url.protocol !== 'file:') {
      const path = url.pathname.replace(/\/+$/, '').replace(/\.git$/i, '').split('/').filter(Boolean);
      if (path.length > 0) return sanitize(['other', url.hostname, ...path].join('_'));
    }
  } catch {
    // not a URL: a local folder
  }
  return sanitize(`other_default_${repoName}`);
}

/** SonarQube keys: letters, digits, `-_.:`, at most 400 characters. */
function sanitize(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9_.:-]/g, '_').slice(0, 400);
}

export type ScanTool = 'sonar-scanner' | 'maven' | 'gradle';

export interface BuildFiles {
  pom: boolean;
  gradleBuild: string | null;
  gradleWrapper: boolean;
}

/**
 * Which scanner: Maven or Gradle only when `[SonarQube] allow_build_tools` is on (they execute the repository's
 * build code); Gradle only through the project's wrapper and when the build applies the SonarQube plugin
 * (read from the build file, where upstream ran `./gradlew tasks --all` to find out). Otherwise the
 * SonarScanner CLI, which reads the sources without running them.
 */
export function chooseTool(files: BuildFiles, allowBuildTools: boolean): ScanTool {
  if (!allowBuildTools) return 'sonar-scanner';
  if (files.pom) return 'maven';
  if (files.gradleWrapper && files.gradleBuild !== null && /org\.sonarqube|sonarqube/.test(files.gradleBuild)) return 'gradle';
  return 'sonar-scanner';
}

export function scanArguments(tool: ScanTool, options: { key: string; hostUrl: string; workDir: string }): string[] {
  const common = [
    `-Dsonar.host.url=${options.hostUrl}`,
    `-Dsonar.projectKey=${options.key}`,
    `-Dsonar.projectName=${options.key}`,
    `-Dsonar.working.directory=${options.workDir}`,
  ];
  switch (tool) {
    case 'maven':
      return ['-B', 'clean', 'verify', 'sonar:sonar', '-DskipTests', ...common];
    case 'gradle':
      return ['--no-daemon', 'sonar', ...common];
    case 'sonar-scanner':
      return [...common, '-Dsonar.sources=.', `-Dsonar.exclusions=${SCAN_EXCLUSIONS}`, '-Dsonar.scm.disabled=true'];
  }
}

/** What the scanner's environment may carry from ours: tool settings only, never the agent's secrets. */
const PASSED_ENV = /^(PATH|HOME|LANG|LC_[A-Z]+|TZ|TMPDIR|JAVA_HOME|JAVA_TOOL_OPTIONS|SONAR_SCANNER_OPTS|SONAR_SCANNER_JAVA_OPTS|SONAR_SCANNER_HOME|SONAR_USER_HOME|MAVEN_OPTS|MAVEN_HOME|M2_HOME|GRADLE_OPTS|GRADLE_USER_HOME|NODE_PATH|(HTTPS?|NO)_PROXY|(https?|no)_proxy)$/;

/** The token goes in SONAR_TOKEN (read by all scanners), so it is not visible in the process list. */
export function scannerEnv(parent: NodeJS.ProcessEnv, token: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(parent)) if (value !== undefined && PASSED_ENV.test(key)) env[key] = value;
  env.SONAR_TOKEN = token;
  return env;
}

/** `key=value` lines of `<working dir>/report-task.txt` (ceTaskId, dashboardUrl, ...). */
export function parseReportTask(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const index = line.indexOf('=');
    if (index > 0) fields[line.slice(0, index).trim()] = line.slice(index + 1).trim();
  }
  return fields;
}

/** The lines of scanner output that explain a failure: its ERROR lines, else the last few lines. */
export function failureSummary(output: string, maxLines = 8): string {
  const lines = output.split(/\r?\n/).map((line) => line.trimEnd()).filter(Boolean);
  const errors = lines.filter((line) => /\bERROR\b/.test(line));
  return (errors.length > 0 ? errors : lines).slice(-maxLines).join('\n');
}
