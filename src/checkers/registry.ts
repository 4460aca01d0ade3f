/**
 * The explicit list of implemented checkers (no registration by side effect). Folder name = registry key =
 * command name; a test keeps src/checkers/<name>/ folders and this list in step.
 */
import { UPSTREAM_COMMANDS } from './catalogue.js';
import type { Checker, CheckerRequirements } from './types.js';
import { checker as apiDocChecker } from './api-doc-checker/index.js';
import { checker as bestpracticesChecker } from './bestpractices-checker/index.js';
import { checker as binaryChecker } from './binary-checker/index.js';
import { checker as buildDocChecker } from './build-doc-checker/index.js';
import { checker as changedFilesSinceCommitDetector } from './changed-files-since-commit-detector/index.js';
import { checker as codeCount } from './code-count/index.js';
import { checker as criticalityScore } from './criticality-score/index.js';
import { checker as dangerousWorkflowChecker } from './dangerous-workflow-checker/index.js';
import { checker as dependencyChecker } from './dependency-checker/index.js';
import { checker as dependencyUpdateToolChecker } from './dependency-update-tool-checker/index.js';
import { checker as eolChecker } from './eol-checker/index.js';
import { checker as fuzzingChecker } from './fuzzing-checker/index.js';
import { checker as languagesDetector } from './languages-detector/index.js';
import { checker as licenseDetector } from './license-detector/index.js';
import { checker as maintainersChecker } from './maintainers-checker/index.js';
import { checker as oatScanner } from './oat-scanner/index.js';
import { checker as ohpmInfo } from './ohpm-info/index.js';
import { checker as osvScanner } from './osv-scanner/index.js';
import { checker as packageInfo } from './package-info/index.js';
import { checker as packagingChecker } from './packaging-checker/index.js';
import { checker as pinnedDependenciesChecker } from './pinned-dependencies-checker/index.js';
import { checker as readmeChecker } from './readme-checker/index.js';
import { checker as readmeOpensourceChecker } from './readme-opensource-checker/index.js';
import { checker as releaseChecker } from './release-checker/index.js';
import { checker as repoCountryOrganizations } from './repo-country-organizations/index.js';
import { checker as sastChecker } from './sast-checker/index.js';
import { checker as sbom } from './sbom/index.js';
import { checker as scancode } from './scancode/index.js';
import { checker as scorecardScore } from './scorecard-score/index.js';
import { checker as securityPolicyChecker } from './security-policy-checker/index.js';
import { checker as sonarScanner } from './sonar-scanner/index.js';
import { checker as tokenPermissionsChecker } from './token-permissions-checker/index.js';
import { checker as urlChecker } from './url-checker/index.js';
import { checker as webhooksChecker } from './webhooks-checker/index.js';

export const CHECKERS: readonly Checker[] = [
  apiDocChecker,
  bestpracticesChecker,
  binaryChecker,
  buildDocChecker,
  changedFilesSinceCommitDetector,
  codeCount,
  criticalityScore,
  dangerousWorkflowChecker,
  dependencyChecker,
  dependencyUpdateToolChecker,
  eolChecker,
  fuzzingChecker,
  languagesDetector,
  licenseDetector,
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

const byName = new Map(CHECKERS.map((checker) => [checker.name, checker]));

export function getChecker(name: string): Checker | undefined {
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
}

export function listCommands(): CommandInfo[] {
  return knownCommandNames().map((name) => {
    const checker = byName.get(name);
    return checker
      ? { name, description: checker.description, available: true, version: checker.version, requirements: checker.requirements }
      : {
          name,
          description: UPSTREAM_COMMANDS[name as keyof typeof UPSTREAM_COMMANDS],
          available: false,
          version: null,
          requirements: null,
        };
  });
}
