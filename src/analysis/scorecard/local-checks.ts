/**
 * The Scorecard checks that need only the repository's files, each scored by Scorecard's documented rules
 * (docs/checks.md and checks/evaluation/ in ossf/scorecard) on facts the OpenChecker checkers collect. The
 * checkers' own results are reused, so the facts in scorecard-score and in each command always agree.
 */
import spdxLicenses from 'spdx-license-list';
import { checker as binaryChecker } from '../../checkers/binary-checker/index.js';
import { findDangerousPatterns } from './dangerous-workflow.js';
import { checker as dependencyUpdateToolChecker } from '../../checkers/dependency-update-tool-checker/index.js';
import { findFuzzers } from '../../checkers/fuzzing-checker/index.js';
import { findPackaging } from './packaging.js';
import { collectDependencies } from './pinned-dependencies/collect.js';
import { pinnedDependenciesScore, unpinnedMessage } from './pinned-dependencies/evaluate.js';
import { checker as sastChecker } from '../../checkers/sast-checker/index.js';
import { checker as securityPolicyChecker } from '../../checkers/security-policy-checker/index.js';
import { ignoredByWorkflow, permissionEntries, tokenPermissionsScore } from './token-permissions.js';
import type { Json } from '../../lib/json.js';
import { detectProjectLicense } from '../licenses/project.js';
import { loadWorkflows } from '../workflows/load.js';
import { inconclusive, MAX_SCORE, MIN_SCORE, type CheckOutcome, type ScorecardCheck } from './types.js';

/** Scorecard's binaryFileTypes (checks/raw/binary_artifact.go): what counts as a binary artifact. */
const SCORECARD_BINARY_EXTENSIONS = new Set([
  'crx', 'deb', 'dex', 'dey', 'elf', 'o', 'a', 'so', 'macho', 'iso', 'class', 'jar', 'bundle', 'dylib', 'lib', 'msi',
  'dll', 'drv', 'efi', 'exe', 'ocx', 'pyc', 'pyo', 'par', 'rpm', 'wasm', 'whl',
]);

function stringList(value: Json | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function field(result: Json, key: string): Json | undefined {
  return typeof result === 'object' && result !== null && !Array.isArray(result) ? result[key] : undefined;
}

/** A scalar field as text ('' for anything else). */
function text(value: Json | undefined): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

const binaryArtifacts: ScorecardCheck = {
  name: 'Binary-Artifacts',
  risk: 'High',
  async run(ctx) {
    const result = await binaryChecker.run(ctx);
    // binary-checker reports every non-text file (images, fonts, archives); Scorecard counts executables and
    // packaged code only: its extension list, plus extension-less binaries (executables).
    const binaries = [...stringList(field(result, 'binary_file_list')), ...stringList(field(result, 'binary_archive_list'))]
      .filter((path) => {
        const extension = extensionOf(path);
        return SCORECARD_BINARY_EXTENSIONS.has(extension) || (extension === '' && stringList(field(result, 'binary_file_list')).includes(path));
      })
      .map((path) => path.slice(ctx.repo.name.length + 1))
      .sort();
    const details = binaries.map((path) => `Warn: binary detected: ${path}`);
    if (binaries.length === 0) return { score: MAX_SCORE, reason: 'no binaries found in the repo', details };
    return { score: Math.max(MIN_SCORE, MAX_SCORE - binaries.length), reason: 'binaries present in source code', details };
  },
};

const dangerousWorkflow: ScorecardCheck = {
  name: 'Dangerous-Workflow',
  risk: 'Critical',
  async run(ctx) {
    const workflows = await loadWorkflows(ctx.repo);
    if (workflows.length === 0) return inconclusive('no workflows found');
    const details = workflows.filter((w) => w.error).map((w) => `Warn: could not parse ${w.path}: ${w.error}`);
    const patterns = workflows.flatMap(findDangerousPatterns);
    details.push(...patterns.map((p) => `Warn: ${p.type === 'untrusted_checkout' ? 'untrusted code checkout' : 'script injection with untrusted input'} '${p.snippet}': ${p.file}:${p.line}`));
    if (patterns.length > 0) return { score: MIN_SCORE, reason: 'dangerous workflow patterns detected', details };
    return { score: MAX_SCORE, reason: 'no dangerous workflow patterns detected', details };
  },
};

const dependencyUpdateTool: ScorecardCheck = {
  name: 'Dependency-Update-Tool',
  risk: 'High',
  async run(ctx) {
    const result = await dependencyUpdateToolChecker.run(ctx);
    const tools = Array.isArray(result) ? result : [];
    const details = tools.flatMap((tool) => {
      const name = field(tool, 'name');
      const files = field(tool, 'files');
      const paths = Array.isArray(files) ? files.map((file) => text(field(file, 'path'))) : [];
      return paths.map((path) => `Info: detected update tool: ${text(name)}: ${path}`);
    });
    if (tools.length === 0) return { score: MIN_SCORE, reason: 'no update tool detected', details: ['Warn: no dependency update tool configurations found'] };
    return { score: MAX_SCORE, reason: 'update tool detected', details };
  },
};

const fuzzing: ScorecardCheck = {
  name: 'Fuzzing',
  risk: 'Medium',
  async run(ctx) {
    const found = (await findFuzzers(ctx.repo, ctx.signal)).filter((fuzzer) => fuzzer.found);
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
  async run(ctx) {
    const files = await ctx.repo.files();
    // Scorecard's expected locations: the top level, or a LICENSES/ folder (REUSE).
    const licenseFiles = files.filter((file) => {
      const parts = file.path.split('/');
      if (parts.length === 1) return LICENSE_FILE.test(file.lowerName);
      return parts.length === 2 && parts[0]?.toLowerCase() === 'licenses';
    });
    if (licenseFiles.length === 0) return { score: MIN_SCORE, reason: 'license file not detected', details: ['Warn: project does not have a license file'] };
    const detected = await detectProjectLicense(ctx.repo, ctx.signal);
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
  async run(ctx) {
    const matches = (await loadWorkflows(ctx.repo)).flatMap((workflow) => {
      const match = findPackaging(workflow);
      return match ? [{ ...match, path: workflow.path }] : [];
    });
    if (matches.length === 0) return inconclusive('packaging workflow not detected', ['Warn: no GitHub/GitLab publishing workflow detected.']);
    return { score: MAX_SCORE, reason: 'packaging workflow detected', details: matches.map((m) => `Info: Project packages its releases by way of ${m.tool}: ${m.path}:${m.line}`) };
  },
};

const pinnedDependencies: ScorecardCheck = {
  name: 'Pinned-Dependencies',
  risk: 'Medium',
  async run(ctx) {
    const { dependencies, problems } = await collectDependencies(ctx.repo);
    const scored = dependencies.filter((dep) => dep.ecosystem !== null);
    const details = [
      ...problems.map((problem) => `Info: Possibly incomplete results: ${problem.path}: ${problem.error}`),
      ...scored.filter((dep) => !dep.pinned).map((dep) => `Warn: ${unpinnedMessage(dep)}: ${dep.path}:${dep.line}`),
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
  async run(ctx) {
    const result = await sastChecker.run(ctx);
    const uses = field(result, 'sast_workflows');
    const sonar = field(result, 'sonar_configs');
    const details = [
      ...(Array.isArray(uses) ? uses : []).map((use) => `Info: SAST tool detected: ${text(field(use, 'tool_name'))}: ${text(field(use, 'file_path'))}:${text(field(use, 'line'))}`),
      ...(Array.isArray(sonar) ? sonar : []).map((config) => `Info: Sonar configuration detected: ${text(field(config, 'file_path'))}`),
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
  async run(ctx) {
    const result = await securityPolicyChecker.run(ctx);
    const score = field(result, 'score');
    if (typeof score !== 'number') return { score: MIN_SCORE, reason: 'security policy file not detected', details: ['Warn: no security policy file detected'] };
    return { score, reason: 'security policy file detected', details: [`Info: security policy file detected: ${text(field(result, 'file'))}`] };
  },
};

const tokenPermissions: ScorecardCheck = {
  name: 'Token-Permissions',
  risk: 'High',
  async run(ctx) {
    const workflows = await loadWorkflows(ctx.repo);
    if (workflows.length === 0) return inconclusive('no workflows found');
    const entries = workflows.flatMap(permissionEntries);
    const ignored = ignoredByWorkflow(workflows);
    const details = entries
      .filter((e) => !(e.location_type === 'job' && e.name !== null && ignored.get(e.file_path)?.has(e.name)))
      .filter((e) => e.permission_level === 'write' || (e.permission_level === 'undeclared' && e.location_type === 'top') || e.error)
      .map((e) =>
        e.error
          ? `Warn: could not parse ${e.file_path}: ${e.error}`
          : e.permission_level === 'undeclared'
            ? `Warn: no topLevel permission defined: ${e.file_path}:${e.line_number}`
            : `Warn: ${e.location_type === 'top' ? 'topLevel' : 'jobLevel'} '${e.name ?? 'all'}' permission set to '${e.value ?? ''}': ${e.file_path}:${e.line_number}`,
      );
    const score = tokenPermissionsScore(entries, ignored);
    const reason: CheckOutcome['reason'] = score === MAX_SCORE ? 'GitHub workflow tokens follow principle of least privilege' : 'detected GitHub workflow tokens with excessive permissions';
    return { score, reason, details };
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
