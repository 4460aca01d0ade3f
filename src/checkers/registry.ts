/**
 * Where each command's code is: one lazy loader per implemented command (no registration by side effect). A
 * checker's module, and the analysis libraries it pulls in, are imported the first time the command runs in
 * this process, so the API and the CLI's light commands start without them. The metadata of every command is
 * in `metadata.ts`; a test keeps the two lists and the folders in step.
 */
import type { Checker } from './types.js';

const LOADERS: Readonly<Record<string, () => Promise<Checker>>> = {
  'api-doc-checker': async () => (await import('./api-doc-checker/index.js')).checker,
  'artifact-metadata-checker': async () => (await import('./artifact-metadata-checker/index.js')).checker,
  'bestpractices-checker': async () => (await import('./bestpractices-checker/index.js')).checker,
  'binary-checker': async () => (await import('./binary-checker/index.js')).checker,
  'build-checker': async () => (await import('./build-checker/index.js')).checker,
  'build-doc-checker': async () => (await import('./build-doc-checker/index.js')).checker,
  'build-metadata-checker': async () => (await import('./build-metadata-checker/index.js')).checker,
  'changed-files-since-commit-detector': async () => (await import('./changed-files-since-commit-detector/index.js')).checker,
  'ci-checker': async () => (await import('./ci-checker/index.js')).checker,
  'code-count': async () => (await import('./code-count/index.js')).checker,
  'criticality-score': async () => (await import('./criticality-score/index.js')).checker,
  'dangerous-workflow-checker': async () => (await import('./dangerous-workflow-checker/index.js')).checker,
  'dependency-checker': async () => (await import('./dependency-checker/index.js')).checker,
  'dependency-reachable-checker': async () => (await import('./dependency-reachable-checker/index.js')).checker,
  'dependency-update-tool-checker': async () => (await import('./dependency-update-tool-checker/index.js')).checker,
  'eol-checker': async () => (await import('./eol-checker/index.js')).checker,
  'fuzzing-checker': async () => (await import('./fuzzing-checker/index.js')).checker,
  'languages-detector': async () => (await import('./languages-detector/index.js')).checker,
  'license-detector': async () => (await import('./license-detector/index.js')).checker,
  'lifecycle-doc-checker': async () => (await import('./lifecycle-doc-checker/index.js')).checker,
  'maintainers-checker': async () => (await import('./maintainers-checker/index.js')).checker,
  'oat-scanner': async () => (await import('./oat-scanner/index.js')).checker,
  'ohpm-info': async () => (await import('./ohpm-info/index.js')).checker,
  'osv-scanner': async () => (await import('./osv-scanner/index.js')).checker,
  'package-info': async () => (await import('./package-info/index.js')).checker,
  'packaging-checker': async () => (await import('./packaging-checker/index.js')).checker,
  'pinned-dependencies-checker': async () => (await import('./pinned-dependencies-checker/index.js')).checker,
  'readme-checker': async () => (await import('./readme-checker/index.js')).checker,
  'readme-opensource-checker': async () => (await import('./readme-opensource-checker/index.js')).checker,
  'release-checker': async () => (await import('./release-checker/index.js')).checker,
  'repo-country-organizations': async () => (await import('./repo-country-organizations/index.js')).checker,
  'reproducible-build-checker': async () => (await import('./reproducible-build-checker/index.js')).checker,
  'sast-checker': async () => (await import('./sast-checker/index.js')).checker,
  sbom: async () => (await import('./sbom/index.js')).checker,
  scancode: async () => (await import('./scancode/index.js')).checker,
  'scorecard-score': async () => (await import('./scorecard-score/index.js')).checker,
  'security-policy-checker': async () => (await import('./security-policy-checker/index.js')).checker,
  'sonar-scanner': async () => (await import('./sonar-scanner/index.js')).checker,
  'token-permissions-checker': async () => (await import('./token-permissions-checker/index.js')).checker,
  'url-checker': async () => (await import('./url-checker/index.js')).checker,
  'webhooks-checker': async () => (await import('./webhooks-checker/index.js')).checker,
};

const loaded = new Map<string, Promise<Checker>>();

/** The names that have code, in the order of the registry. */
export const IMPLEMENTED_COMMANDS: readonly string[] = Object.keys(LOADERS);

/** The checker of an implemented command, its module imported on first use; undefined for other names. */
export function loadChecker(name: string): Promise<Checker> | undefined {
  if (!Object.hasOwn(LOADERS, name)) return undefined;
  let checker = loaded.get(name);
  if (!checker) {
    checker = (LOADERS[name] as () => Promise<Checker>)();
    // A failed import (a broken build) is not cached, so the next task tries again.
    checker.catch(() => loaded.delete(name));
    loaded.set(name, checker);
  }
  return checker;
}

/** Every implemented checker, loaded (for tests, benchmarks and parity checks that run them all). */
export async function loadAllCheckers(): Promise<Checker[]> {
  return Promise.all(IMPLEMENTED_COMMANDS.map((name) => loadChecker(name) as Promise<Checker>));
}
