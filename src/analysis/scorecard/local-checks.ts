/**
 * The Scorecard checks that need only the repository's files, each scored by Scorecard's documented rules
 * (docs/checks.md and checks/evaluation/ in ossf/scorecard) on typed facts. Each fact comes from the same fact
 * function the matching command reports (binary-checker, sast-checker, ...), so the facts in scorecard-score
 * and in each command always agree.
 */
import spdxLicenses from 'spdx-license-list';
import { findBinaries } from '../binaries/scan.js';
import { findDangerousPatterns } from './dangerous-workflow.js';
import { findDependencyUpdateTools } from './dependency-update-tools.js';
import { findFuzzers } from './fuzzing-tools.js';
import { findPackaging } from './packaging.js';
import { collectDependencies } from './pinned-dependencies/collect.js';
import { pinnedDependenciesScore, scorecardPinnedSummary, scorecardUnpinnedText } from './pinned-dependencies/evaluate.js';
import { findSast } from './sast.js';
import { findSecurityPolicy } from './security-policy/find.js';
import { evaluateTokenPermissions, permissionFacts } from './token-permissions.js';
import { detectProjectLicense } from '../licenses/project.js';
import { loadWorkflows } from '../workflows/load.js';
import { inconclusive, MAX_SCORE, MIN_SCORE, type ScorecardCheck } from './types.js';

/** Scorecard's binaryFileTypes (checks/raw/binary_artifact.go): what counts as a binary artifact. */
const SCORECARD_BINARY_EXTENSIONS = new Set([
  'crx', 'deb', 'dex', 'dey', 'elf', 'o', 'a', 'so', 'macho', 'iso', 'class', 'jar', 'bundle', 'dylib', 'lib', 'msi',
  'dll', 'drv', 'efi', 'exe', 'ocx', 'pyc', 'pyo', 'par', 'rpm', 'wasm', 'whl',
]);

function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

const binaryArtifacts: ScorecardCheck = {
  name: 'Binary-Artifacts',
  risk: 'High',
  async run(input) {
    const { binaryFiles, archives } = await findBinaries(input.repo, { signal: input.signal, log: input.log });
    // The scan finds every non-text file (images, fonts, archives); Scorecard counts executables and packaged
    // code only: its extension list, plus extension-less binaries (executables).
    const nonArchives = new Set(binaryFiles);
    const binaries = [...binaryFiles, ...archives]
      .filter((path) => {
        const extension = extensionOf(path);
        return SCORECARD_BINARY_EXTENSIONS.has(extension) || (extension === '' && nonArchives.has(path));
      })
      .sort();
    const details = binaries.map((path) => `Warn: binary detected: ${path}`);
    if (binaries.length === 0) return { score: MAX_SCORE, reason: 'no binaries found in the repo', details };
    return { score: Math.max(MIN_SCORE, MAX_SCORE - binaries.length), reason: 'binaries present in source code', details };
  },
};

const dangerousWorkflow: ScorecardCheck = {
  name: 'Dangerous-Workflow',
  risk: 'Critical',
  async run(input) {
    // Scorecard counts a file only when it has a line that is not blank or a comment, and stops with a runtime
    // error (-1) on a workflow that is not YAML.
    const workflows = (await loadWorkflows(input.repo)).filter((w) => hasContent(w.text));
    const broken = workflows.find((w) => w.error);
    if (broken) return inconclusive(`could not parse ${broken.path}: ${broken.error ?? ''}`);
    if (workflows.length === 0) return inconclusive('no workflows found');
    const patterns = workflows.flatMap(findDangerousPatterns).filter((p) => p.scorecard);
    const details = patterns.map((p) => `Warn: ${p.type === 'untrusted_checkout' ? 'untrusted code checkout' : 'script injection with untrusted input'} '${p.snippet}': ${p.file}:${p.line}`);
    if (patterns.length > 0) return { score: MIN_SCORE, reason: 'dangerous workflow patterns detected', details };
    return { score: MAX_SCORE, reason: 'no dangerous workflow patterns detected', details };
  },
};

/** Scorecard's CheckFileContainsCommands: some line is neither blank nor a `#` comment. */
function hasContent(text: string): boolean {
  return text.split(/\r\n|\n|\r/).some((line) => line.trim() !== '' && !line.trim().startsWith('#'));
}

const dependencyUpdateTool: ScorecardCheck = {
  name: 'Dependency-Update-Tool',
  risk: 'High',
  async run(input) {
    const tools = await findDependencyUpdateTools(input.repo);
    const details = tools.flatMap((tool) => tool.files.map((file) => `Info: detected update tool: ${tool.name}: ${file.path}`));
    if (tools.length === 0) return { score: MIN_SCORE, reason: 'no update tool detected', details: ['Warn: no dependency update tool configurations found'] };
    return { score: MAX_SCORE, reason: 'update tool detected', details };
  },
};

const fuzzing: ScorecardCheck = {
  name: 'Fuzzing',
  risk: 'Medium',
  async run(input) {
    const found = (await findFuzzers(input.repo, input.signal)).filter((fuzzer) => fuzzer.found);
    const details = found.flatMap((fuzzer) => fuzzer.files.map((path) => `Info: ${fuzzer.tool} integration found: ${path}`));
    if (found.length === 0) return { score: MIN_SCORE, reason: 'project is not fuzzed', details: ['Warn: no fuzzer integrations found'] };
    return { score: MAX_SCORE, reason: 'project is fuzzed', details };
  },
};

/** SPDX ids the FSF lists as free but the OSI has not approved (Scorecard accepts either). */
const FSF_ONLY = new Set(['CC0-1.0', 'WTFPL', 'X11', 'Unlicense', 'IJG', 'Zlib', 'BSD-3-Clause-Clear', 'OFL-1.1', 'GFDL-1.3-or-later', 'CC-BY-4.0', 'CC-BY-SA-4.0']);
const LICENSE_FILE = /^(un)?licen[sc]e([.-].*)?$|^copying([.-].*)?$|^mit-license([.-].*)?$/i;

const license: ScorecardCheck = {
  name: 'License',
  risk: 'Low',
  async run(input) {
    const files = await input.repo.files();
    // Scorecard's expected locations: the top level, or a LICENSES/ folder (REUSE).
    const licenseFiles = files.filter((file) => {
      const parts = file.path.split('/');
      if (parts.length === 1) return LICENSE_FILE.test(file.lowerName);
      return parts.length === 2 && parts[0]?.toLowerCase() === 'licenses';
    });
    if (licenseFiles.length === 0) return { score: MIN_SCORE, reason: 'license file not detected', details: ['Warn: project does not have a license file'] };
    const detected = await detectProjectLicense(input.repo, input.signal);
    const ids = detected.licenses.map((entry) => entry.spdx_id).filter((id) => id && id !== 'NOASSERTION' && id !== 'NONE' && id !== 'other');
    const approved = ids.some((id) => spdxLicenses[id]?.osiApproved === true || FSF_ONLY.has(id));
    const details = [`Info: project has a license file: ${licenseFiles[0]?.path ?? ''}`];
    details.push(approved ? `Info: FSF or OSI recognized license: ${ids.join(', ')}` : 'Warn: project license file does not contain an FSF or OSI license.');
    return { score: 6 + 3 + (approved ? 1 : 0), reason: 'license file detected', details };
  },
};

const packaging: ScorecardCheck = {
  name: 'Packaging',
  risk: 'Medium',
  async run(input) {
    const matches = (await loadWorkflows(input.repo)).flatMap((workflow) => {
      const match = findPackaging(workflow);
      return match ? [{ ...match, path: workflow.path }] : [];
    });
    if (matches.length === 0) return inconclusive('packaging workflow not detected', ['Warn: no GitHub/GitLab publishing workflow detected.']);
    // Scorecard points at the publishing job's line.
    return { score: MAX_SCORE, reason: 'packaging workflow detected', details: matches.map((m) => `Info: Project packages its releases by way of ${m.tool}: ${m.path}:${m.jobLine}`) };
  },
};

const pinnedDependencies: ScorecardCheck = {
  name: 'Pinned-Dependencies',
  risk: 'Medium',
  async run(input) {
    const { dependencies, problems } = await collectDependencies(input.repo);
    const scored = dependencies.filter((dep) => dep.ecosystem !== null);
    const details = [
      ...problems.map((problem) => `Info: Possibly incomplete results: ${problem.path}: ${problem.error}`),
      ...scored.filter((dep) => !dep.pinned).map((dep) => `Warn: ${scorecardUnpinnedText(dep)}: ${dep.path}:${dep.line}`),
      ...scorecardPinnedSummary(scored).map((text) => `Info: ${text}`),
    ];
    const score = pinnedDependenciesScore(scored);
    if (score < 0) return inconclusive('no dependencies found', details);
    if (score === MAX_SCORE) return { score, reason: 'all dependencies are pinned', details };
    return { score, reason: `dependency not pinned by hash detected -- score normalized to ${score}`, details };
  },
};

const sast: ScorecardCheck = {
  name: 'SAST',
  risk: 'Medium',
  async run(input) {
    // Only the tools Scorecard recognises count (findSast keeps other analysers apart).
    const { workflowUses, sonarConfigs } = await findSast(input.repo);
    const details = [
      ...workflowUses.map((use) => `Info: SAST tool detected: ${use.tool_name}: ${input.repo.displayPath(use.file_path)}:${use.line}`),
      ...sonarConfigs.map((config) => `Info: Sonar configuration detected: ${input.repo.displayPath(config.file_path)}:${config.line}`),
    ];
    // Whether the tool runs on every commit needs the platform's check-run history (the API); from the files
    // alone Scorecard's rule is: a SAST tool configured scores 10, none scores 0.
    if (details.length === 0) return { score: MIN_SCORE, reason: 'no SAST tool detected', details: ['Warn: no SAST tool detected in workflows or build files'] };
    return { score: MAX_SCORE, reason: 'SAST tool detected', details };
  },
};

const securityPolicy: ScorecardCheck = {
  name: 'Security-Policy',
  risk: 'Medium',
  async run(input) {
    const policy = await findSecurityPolicy(input.repo);
    if (!policy) return { score: MIN_SCORE, reason: 'security policy file not detected', details: ['Warn: no security policy file detected'] };
    return { score: policy.score, reason: 'security policy file detected', details: [`Info: security policy file detected: ${input.repo.displayPath(policy.path)}`] };
  },
};

const tokenPermissions: ScorecardCheck = {
  name: 'Token-Permissions',
  risk: 'High',
  async run(input) {
    // The same facts token-permissions-checker reports, scored by Scorecard v5's rules.
    return evaluateTokenPermissions((await loadWorkflows(input.repo)).map(permissionFacts));
  },
};

export const LOCAL_CHECKS: readonly ScorecardCheck[] = [
  binaryArtifacts,
  dangerousWorkflow,
  dependencyUpdateTool,
  fuzzing,
  license,
  packaging,
  pinnedDependencies,
  sast,
  securityPolicy,
  tokenPermissions,
];
