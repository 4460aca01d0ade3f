/**
 * What every command is, without its code: the explicit list of checker metadata (no registration by side
 * effect). The API, `openchecker commands` and `--help` import only this module, so they never load a checker's
 * code or its analysis libraries; `registry.ts` loads the code of one command when it first runs.
 * Folder name = command name = registry key; a test keeps folders, this list and the registry in step.
 */
import { UPSTREAM_COMMANDS } from './catalogue.js';
import type { CheckerMeta, CheckerRequirements, ResultReuse } from './types.js';
import { meta as apiDocChecker } from './api-doc-checker/meta.js';
import { meta as artifactMetadataChecker } from './artifact-metadata-checker/meta.js';
import { meta as bestpracticesChecker } from './bestpractices-checker/meta.js';
import { meta as binaryChecker } from './binary-checker/meta.js';
import { meta as buildChecker } from './build-checker/meta.js';
import { meta as buildDocChecker } from './build-doc-checker/meta.js';
import { meta as buildMetadataChecker } from './build-metadata-checker/meta.js';
import { meta as changedFilesSinceCommitDetector } from './changed-files-since-commit-detector/meta.js';
import { meta as ciChecker } from './ci-checker/meta.js';
import { meta as codeCount } from './code-count/meta.js';
import { meta as criticalityScore } from './criticality-score/meta.js';
import { meta as dangerousWorkflowChecker } from './dangerous-workflow-checker/meta.js';
import { meta as dependencyChecker } from './dependency-checker/meta.js';
import { meta as dependencyReachableChecker } from './dependency-reachable-checker/meta.js';
import { meta as dependencyUpdateToolChecker } from './dependency-update-tool-checker/meta.js';
import { meta as eolChecker } from './eol-checker/meta.js';
import { meta as fuzzingChecker } from './fuzzing-checker/meta.js';
import { meta as languagesDetector } from './languages-detector/meta.js';
import { meta as licenseDetector } from './license-detector/meta.js';
import { meta as lifecycleDocChecker } from './lifecycle-doc-checker/meta.js';
import { meta as maintainersChecker } from './maintainers-checker/meta.js';
import { meta as oatScanner } from './oat-scanner/meta.js';
import { meta as ohpmInfo } from './ohpm-info/meta.js';
import { meta as osvScanner } from './osv-scanner/meta.js';
import { meta as packageInfo } from './package-info/meta.js';
import { meta as packagingChecker } from './packaging-checker/meta.js';
import { meta as pinnedDependenciesChecker } from './pinned-dependencies-checker/meta.js';
import { meta as readmeChecker } from './readme-checker/meta.js';
import { meta as readmeOpensourceChecker } from './readme-opensource-checker/meta.js';
import { meta as releaseChecker } from './release-checker/meta.js';
import { meta as repoCountryOrganizations } from './repo-country-organizations/meta.js';
import { meta as reproducibleBuildChecker } from './reproducible-build-checker/meta.js';
import { meta as sastChecker } from './sast-checker/meta.js';
import { meta as sbom } from './sbom/meta.js';
import { meta as scancode } from './scancode/meta.js';
import { meta as scorecardScore } from './scorecard-score/meta.js';
import { meta as securityPolicyChecker } from './security-policy-checker/meta.js';
import { meta as sonarScanner } from './sonar-scanner/meta.js';
import { meta as tokenPermissionsChecker } from './token-permissions-checker/meta.js';
import { meta as urlChecker } from './url-checker/meta.js';
import { meta as webhooksChecker } from './webhooks-checker/meta.js';

export const CHECKER_METAS: readonly CheckerMeta[] = [
  apiDocChecker,
  artifactMetadataChecker,
  bestpracticesChecker,
  binaryChecker,
  buildChecker,
  buildDocChecker,
  buildMetadataChecker,
  changedFilesSinceCommitDetector,
  ciChecker,
  codeCount,
  criticalityScore,
  dangerousWorkflowChecker,
  dependencyChecker,
  dependencyReachableChecker,
  dependencyUpdateToolChecker,
  eolChecker,
  fuzzingChecker,
  languagesDetector,
  licenseDetector,
  lifecycleDocChecker,
  maintainersChecker,
  oatScanner,
  ohpmInfo,
  osvScanner,
  packageInfo,
  packagingChecker,
  pinnedDependenciesChecker,
  readmeChecker,
  readmeOpensourceChecker,
  releaseChecker,
  repoCountryOrganizations,
  reproducibleBuildChecker,
  sastChecker,
  sbom,
  scancode,
  scorecardScore,
  securityPolicyChecker,
  sonarScanner,
  tokenPermissionsChecker,
  urlChecker,
  webhooksChecker,
];

const byName = new Map(CHECKER_METAS.map((meta) => [meta.name, meta]));

/** The metadata of an implemented command, or undefined. */
export function getCheckerMeta(name: string): CheckerMeta | undefined {
  return byName.get(name);
}

/** Every accepted command name: the implemented checkers plus the remaining upstream names. */
export function knownCommandNames(): string[] {
  return [...new Set([...Object.keys(UPSTREAM_COMMANDS), ...byName.keys()])].sort();
}

export function isKnownCommand(name: string): boolean {
  return byName.has(name) || Object.hasOwn(UPSTREAM_COMMANDS, name);
}

export interface CommandInfo {
  name: string;
  description: string;
  /** False for upstream names this version does not implement yet. */
  available: boolean;
  version: number | null;
  requirements: CheckerRequirements | null;
  /** What a stored result of the command is keyed by, when it may be reused (the result cache); null: never reused. */
  cache: ResultReuse | null;
}

export function listCommands(): CommandInfo[] {
  return knownCommandNames().map((name) => {
    const meta = byName.get(name);
    return meta
      ? { name, description: meta.description, available: true, version: meta.version, requirements: meta.requirements, cache: meta.cache ?? null }
      : {
          name,
          description: UPSTREAM_COMMANDS[name as keyof typeof UPSTREAM_COMMANDS],
          available: false,
          version: null,
          requirements: null,
          cache: null,
        };
  });
}
