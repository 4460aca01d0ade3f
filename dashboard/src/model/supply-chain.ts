/**
 * The supply-chain commands OSS Compass's v2 metrics read (ci-checker, build-checker, build-metadata-checker
 * and its alias, reproducible-build-checker, dependency-reachable-checker) as findings views: the verdicts
 * Compass reads as headline figures, then the evidence behind them, one line per file, artifact or package.
 */
import type { Finding, FindingLevel, FindingsReport } from './findings.js';
import { asArray, asNumber, asString, isObject } from './json.js';

const strings = (value: unknown): string[] => asArray(value).map(asString).filter((item): item is string => item !== null);
const yesNo = (value: unknown): string => (value === true ? 'yes' : value === false ? 'no' : 'unknown');
const percent = (rate: number): string => `${Math.round(rate * 1000) / 10} %`;

function ciReport(value: unknown): FindingsReport | null {
  if (!isObject(value) || typeof value.ci_enabled !== 'boolean' || !Array.isArray(value.workflows)) return null;
  const runs = isObject(value.recent_runs) ? value.recent_runs : null;
  const merged = asNumber(runs?.merged_pull_requests);
  const tested = asNumber(runs?.tested_pull_requests);
  const summary = [
    { label: 'Uses CI', value: yesNo(value.ci_enabled) },
    { label: 'Configuration files', value: String(value.workflows.length) },
    { label: 'Systems', value: strings(value.systems).join(', ') || 'none' },
    { label: 'CI on merged pull requests', value: runs && merged !== null && tested !== null ? `${tested} of ${merged}` : 'not checked' },
  ];
  const findings: Finding[] = asArray(value.workflows)
    .filter(isObject)
    .map((workflow) => {
      const error = asString(workflow.error);
      const triggers = strings(workflow.triggers);
      const jobs = strings(workflow.jobs);
      return {
        file: asString(workflow.file) ?? '?',
        line: null,
        title: asString(workflow.system) ?? 'CI',
        detail: error ?? `triggers: ${triggers.join(', ') || 'set on the server'}; jobs: ${jobs.join(', ') || 'none named'}`,
        level: error ? ('warning' as const) : ('info' as const),
      };
    });
  const skipped = asString(value.recent_runs_skipped);
  return { summary, findings, emptyMessage: `No CI configuration found.${skipped ? ` ${skipped}.` : ''}` };
}

function buildReport(value: unknown): FindingsReport | null {
  if (!isObject(value) || !('build_success_rate' in value) || !Array.isArray(value.by_workflow)) return null;
  const rate = asNumber(value.build_success_rate);
  const window = isObject(value.window) ? value.window : {};
  const summary = [
    { label: 'Build success rate', value: rate === null ? 'no builds' : percent(rate) },
    { label: 'Builds counted', value: String(asNumber(value.runs_considered) ?? 0) },
    { label: 'Window', value: `${asString(window.branch) ?? '?'}: last ${asNumber(window.max_runs) ?? '?'} runs, ${asNumber(window.days) ?? '?'} days` },
  ];
  const findings: Finding[] = asArray(value.by_workflow)
    .filter(isObject)
    .map((workflow) => {
      const workflowRate = asNumber(workflow.success_rate);
      const level: FindingLevel = workflowRate === null || workflowRate >= 0.8 ? 'info' : workflowRate >= 0.5 ? 'warning' : 'danger';
      return {
        file: asString(workflow.path) ?? asString(workflow.name) ?? '?',
        line: null,
        title: `${asString(workflow.name) ?? 'workflow'}: ${workflowRate === null ? 'no builds' : percent(workflowRate)}`,
        detail: `${asNumber(workflow.success) ?? 0} succeeded, ${asNumber(workflow.failure) ?? 0} failed`,
        level,
      };
    });
  return { summary, findings, emptyMessage: asString(value.reason) ?? 'No completed builds of the default branch.' };
}

const METADATA_KINDS: Readonly<Record<string, string>> = {
  provenance: 'Provenance',
  sbom: 'SBOM',
  checksum: 'Checksums',
  signature: 'Signature',
  'package-manifest': 'Package manifest (source and build)',
};

function buildMetadataReport(value: unknown): FindingsReport | null {
  if (!isObject(value) || typeof value.metadata_available !== 'boolean' || !Array.isArray(value.artifact_metadata)) return null;
  const summary = [
    { label: 'Build metadata', value: yesNo(value.metadata_available) },
    { label: 'Releases checked', value: strings(value.releases_checked).join(', ') || 'none' },
    { label: 'Kinds', value: strings(value.kinds).map((kind) => METADATA_KINDS[kind] ?? kind).join(', ') || 'none' },
  ];
  const findings: Finding[] = asArray(value.artifact_metadata)
    .filter(isObject)
    .map((entry) => {
      const release = asString(entry.release);
      const kind = asString(entry.kind) ?? '';
      return { file: release ? `${release}: ${asString(entry.file) ?? '?'}` : (asString(entry.file) ?? '?'), line: null, title: METADATA_KINDS[kind] ?? kind, detail: release ? 'release asset' : 'package manifest', level: 'info' as const };
    });
  return { summary, findings, emptyMessage: 'No provenance, SBOM, checksums or signatures in the releases, and no manifest naming both the source and the build.' };
}

function reproducibleReport(value: unknown): FindingsReport | null {
  if (!isObject(value) || typeof value.reproducible !== 'boolean' || !Array.isArray(value.artifacts) || !Array.isArray(value.signals)) return null;
  const match = value.checksum_match;
  const summary = [
    { label: 'Reproducible', value: yesNo(value.reproducible) },
    { label: 'Checksums match', value: match === null || match === undefined ? 'not verified' : yesNo(match) },
    { label: 'Signals', value: strings(value.signal_kinds).join(', ') || 'none' },
  ];
  const artifacts: Finding[] = asArray(value.artifacts)
    .filter(isObject)
    .map((artifact) => {
      const matched = artifact.match;
      const error = asString(artifact.error);
      return {
        file: `${asString(artifact.release) ?? '?'}: ${asString(artifact.file) ?? '?'}`,
        line: null,
        title: matched === true ? 'Checksum matches' : matched === false ? 'Checksum does not match' : 'Not verified',
        detail: error ?? `${asString(artifact.algorithm) ?? ''} from ${asString(artifact.checksum_file) ?? '?'}`,
        level: matched === true ? ('info' as const) : matched === false ? ('danger' as const) : ('warning' as const),
      };
    });
  const signals: Finding[] = asArray(value.signals)
    .filter(isObject)
    .map((signal) => ({ file: asString(signal.file) ?? '?', line: asNumber(signal.line), title: asString(signal.kind) ?? 'signal', detail: asString(signal.text) ?? '', level: 'info' as const }));
  const reason = asString(value.reason);
  return { summary, findings: [...artifacts, ...signals], emptyMessage: reason ?? 'No checksums to verify and no reproducible-build signals.' };
}

const REACH_REASONS: Readonly<Record<string, string>> = {
  package_not_found: 'package not found',
  version_not_found: 'version not found',
  yanked: 'yanked',
  unpublished: 'unpublished',
  withdrawn: 'withdrawn',
};

function reachableReport(value: unknown): FindingsReport | null {
  if (!isObject(value) || !Array.isArray(value.unreachable_dependencies) || typeof value.checked !== 'number') return null;
  const oin = isObject(value.oin_risk) ? value.oin_risk : null;
  const summary = [
    { label: 'Checked', value: String(value.checked) },
    { label: 'Unreachable', value: String(value.unreachable_dependencies.length) },
    { label: 'Registry did not answer', value: String(asArray(value.unknown).length) },
    ...(oin ? [{ label: 'Patent risk (OIN)', value: `${asString(oin.level) ?? '?'} (${asNumber(oin.covered) ?? 0} of ${asNumber(oin.total) ?? 0} covered)` }] : []),
  ];
  const unreachable: Finding[] = asArray(value.unreachable_dependencies)
    .filter(isObject)
    .map((entry) => {
      const reason = asString(entry.reason) ?? '';
      return { file: asString(entry.source_file) ?? '?', line: null, title: `${asString(entry.purl) ?? '?'}: ${REACH_REASONS[reason] ?? reason}`, detail: asString(entry.detail) ?? '', level: 'danger' as const };
    });
  const unknown: Finding[] = asArray(value.unknown)
    .filter(isObject)
    .map((entry) => ({ file: asString(entry.purl) ?? '?', line: null, title: 'Not checked', detail: asString(entry.reason) ?? '', level: 'warning' as const }));
  return { summary, findings: [...unreachable, ...unknown], emptyMessage: 'Every dependency checked can still be fetched from its registry.' };
}

export const SUPPLY_CHAIN_VIEWS: Readonly<Record<string, (value: unknown) => FindingsReport | null>> = {
  'ci-checker': ciReport,
  'build-checker': buildReport,
  'build-metadata-checker': buildMetadataReport,
  'artifact-metadata-checker': buildMetadataReport,
  'reproducible-build-checker': reproducibleReport,
  'dependency-reachable-checker': reachableReport,
};
