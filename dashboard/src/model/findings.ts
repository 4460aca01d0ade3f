/**
 * Checkers whose output is a list of places in the repository (binary files, unpinned dependencies,
 * dangerous workflow patterns, token permissions, update-tool configuration) as one list shape: file, line,
 * what, how serious.
 */
import { asArray, asNumber, asString, isObject } from './json.js';
import { SUPPLY_CHAIN_VIEWS } from './supply-chain.js';

export type FindingLevel = 'danger' | 'warning' | 'info';

export interface Finding {
  file: string;
  line: number | null;
  title: string;
  detail: string;
  level: FindingLevel;
}

export interface FindingsReport {
  /** Headline figures ("12 dependencies", "6 pinned"…). */
  summary: { label: string; value: string }[];
  findings: Finding[];
  /** What an empty list means for this checker. */
  emptyMessage: string;
}

function binaryFindings(value: unknown): FindingsReport | null {
  if (!isObject(value) || !Array.isArray(value.binary_file_list)) return null;
  const files = asArray(value.binary_file_list).map(asString).filter((f): f is string => f !== null);
  const archives = asArray(value.binary_archive_list).map(asString).filter((f): f is string => f !== null);
  return {
    summary: [
      { label: 'Binary files', value: String(files.length) },
      { label: 'Archives', value: String(archives.length) },
    ],
    findings: [
      ...files.map((file) => ({ file, line: null, title: 'Binary file', detail: 'Committed binary content cannot be reviewed as source.', level: 'warning' as const })),
      ...archives.map((file) => ({ file, line: null, title: 'Archive', detail: 'Committed archive: its contents are not reviewed as source.', level: 'warning' as const })),
    ],
    emptyMessage: 'No binary files or archives.',
  };
}

function pinnedFindings(value: unknown): FindingsReport | null {
  if (!isObject(value) || !isObject(value.analysis_results)) return null;
  const results = value.analysis_results;
  const summary = [
    { label: 'Dependencies', value: String(asNumber(results.total_dependencies) ?? 0) },
    { label: 'Pinned', value: String(asNumber(results.pinned_count) ?? 0) },
    { label: 'Not pinned', value: String(asNumber(results.unpinned_count) ?? 0) },
  ];
  const findings = asArray(results.findings)
    .filter(isObject)
    .map((f) => {
      const name = asString(f.name) ?? '';
      const version = asString(f.version);
      return {
        file: asString(f.file) ?? asString(f.file_path) ?? '?',
        line: asNumber(f.line) ?? asNumber(f.line_number),
        title: `${asString(f.type) ?? 'Dependency'}: ${name}${version ? `@${version}` : ''}`,
        detail: [asString(f.message), asString(f.snippet)].filter(Boolean).join(' — '),
        level: 'warning' as const,
      };
    });
  return { summary, findings, emptyMessage: 'Every dependency is pinned.' };
}

function dangerousWorkflowFindings(value: unknown): FindingsReport | null {
  if (!Array.isArray(value) || !value.every((w) => isObject(w) && Array.isArray(w.dangerous_patterns))) return null;
  const workflows = value.filter(isObject);
  const findings = workflows.flatMap((workflow) =>
    asArray(workflow.dangerous_patterns)
      .filter(isObject)
      .map((p) => {
        const job = asString(p.job);
        return {
          file: asString(p.file) ?? asString(workflow.workflow_file) ?? '?',
          line: asNumber(p.line),
          title: `${(asString(p.type) ?? 'pattern').replace(/_/g, ' ')}${job ? ` in job ${job}` : ''}`,
          detail: [asString(p.message), asString(p.snippet)].filter(Boolean).join(' — '),
          level: 'danger' as const,
        };
      }),
  );
  return {
    summary: [
      { label: 'Workflows', value: String(workflows.length) },
      { label: 'Dangerous patterns', value: String(findings.length) },
    ],
    findings,
    emptyMessage: workflows.length === 0 ? 'No workflow files.' : 'No dangerous patterns.',
  };
}

function tokenPermissionFindings(value: unknown): FindingsReport | null {
  if (!isObject(value) || !Array.isArray(value.token_permissions)) return null;
  const findings = asArray(value.token_permissions)
    .filter(isObject)
    .map((p) => {
      const level = asString(p.permission_level) ?? 'unknown';
      const job = asString(p.job_name);
      const where = asString(p.location_type) === 'job' ? `job ${job ?? '?'}` : 'workflow';
      const name = asString(p.name);
      const permission = name ? `${name}: ${asString(p.value) ?? ''}` : (asString(p.value) ?? 'no permissions block');
      return {
        file: asString(p.file_path) ?? '?',
        line: asNumber(p.line_number),
        title: `${level} permission (${where})`,
        detail: permission,
        level: level === 'write' || level === 'undeclared' ? ('danger' as const) : level === 'unknown' ? ('warning' as const) : ('info' as const),
      };
    });
  return {
    summary: [
      { label: 'Workflows', value: String(asNumber(value.num_workflows) ?? 0) },
      { label: 'Write or undeclared', value: String(findings.filter((f) => f.level === 'danger').length) },
    ],
    findings,
    emptyMessage: 'No token permissions to report.',
  };
}

function updateToolFindings(value: unknown): FindingsReport | null {
  if (!Array.isArray(value) || !value.every((tool) => isObject(tool) && typeof tool.name === 'string')) return null;
  const tools = value.filter(isObject);
  return {
    summary: [{ label: 'Update tools', value: String(tools.length) }],
    findings: tools.flatMap((tool) =>
      asArray(tool.files)
        .filter(isObject)
        .map((file) => ({ file: asString(file.path) ?? '?', line: null, title: asString(tool.name) ?? '?', detail: asString(tool.desc) ?? '', level: 'info' as const })),
    ),
    emptyMessage: 'No dependency update tool is configured.',
  };
}

const LIFECYCLE_KINDS: Readonly<Record<string, string>> = {
  'eol-date': 'Dated end of life',
  'supported-versions-table': 'Supported-versions table',
  'lifecycle-section': 'Lifecycle section',
  unmaintained: 'No longer maintained',
  keyword: 'Lifecycle term',
};

function lifecycleFindings(value: unknown): FindingsReport | null {
  if (!isObject(value) || typeof value.has_eol !== 'boolean' || typeof value.eol_declared !== 'boolean') return null;
  const terms = asArray(value.keywords_found).map(asString).filter((k): k is string => k !== null);
  return {
    summary: [
      { label: 'Dated end of life', value: value.has_eol ? 'yes' : 'no' },
      { label: 'Lifecycle declared', value: value.eol_declared ? 'yes' : 'no' },
      { label: 'Terms', value: terms.length > 0 ? terms.join(', ') : 'none' },
    ],
    findings: asArray(value.files)
      .filter(isObject)
      .map((f) => {
        const kind = asString(f.kind) ?? 'keyword';
        return {
          file: asString(f.path) ?? '?',
          line: asNumber(f.line),
          title: LIFECYCLE_KINDS[kind] ?? kind,
          detail: asString(f.text) ?? '',
          // Evidence of a lifecycle is good news, never a warning.
          level: 'info' as const,
        };
      }),
    emptyMessage: 'The documents do not state a lifecycle: no end-of-life dates, supported versions or maintenance policy.',
  };
}

const BY_COMMAND: Record<string, (value: unknown) => FindingsReport | null> = {
  ...SUPPLY_CHAIN_VIEWS,
  'lifecycle-doc-checker': lifecycleFindings,
  'dependency-update-tool-checker': updateToolFindings,
  'binary-checker': binaryFindings,
  'pinned-dependencies-checker': pinnedFindings,
  'dangerous-workflow-checker': dangerousWorkflowFindings,
  'token-permissions-checker': tokenPermissionFindings,
};

export function findingsReport(command: string, value: unknown): FindingsReport | null {
  return BY_COMMAND[command]?.(value) ?? null;
}
