/**
 * A re-statement, in TypeScript, of how OSS Compass's v2 supply-chain metrics read OpenChecker results
 * (compass-metrics-model, `compass_metrics_v2/supply_chain_security_metrics_v2.py`), written from reading that
 * module: for each metric, the same commands, the same fields, the same fallbacks (`a or b`), the same defaults
 * when a command has no result, and the same failures. Compass takes each command's newest `command_result` and
 * calls `dict()` on it, so a result that is not an object (a string, a list of paths) raises there; `.get` on
 * something that is not a dict, `int()`/`float()` on text that is not a number and `.split` on a non-string
 * raise too. Those raise `CompassCrash` here. Detail strings (JSON dumps for display) are left out: only the
 * values a metric reports are computed.
 *
 * Python semantics kept on purpose: truthiness (`0`, `""`, `[]`, `{}`, `None` and `False` are false, so
 * `x.get("a") or x.get("b")` skips a 0), `list(x or [])`, `int(x or 0)`.
 */
import { createRequire } from 'node:module';

export class CompassCrash extends Error {}

type PyDict = { [key: string]: unknown };
export type ScanResults = Readonly<Record<string, unknown>>;
export type MetricOutput = Record<string, unknown>;

const isDict = (value: unknown): value is PyDict => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Python truthiness. */
export function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isDict(value)) return Object.keys(value).length > 0;
  return true;
}
const or = (...values: unknown[]): unknown => values.find(truthy) ?? values[values.length - 1];

/** `d.get(key)`: d must be a dict (AttributeError otherwise). */
function get(d: unknown, key: string): unknown {
  if (!isDict(d)) throw new CompassCrash(`'${Array.isArray(d) ? 'list' : typeof d}' object has no attribute 'get'`);
  return d[key];
}

/** `dict(x or {})`. */
function toDict(value: unknown): PyDict {
  if (!truthy(value)) return {};
  if (isDict(value)) return { ...value };
  if (Array.isArray(value)) {
    const out: PyDict = {};
    for (const item of value) {
      const pair = typeof item === 'string' ? [...item] : Array.isArray(item) ? item : null;
      if (!pair || pair.length !== 2) throw new CompassCrash('dictionary update sequence element has wrong length or is not a sequence');
      out[String(pair[0])] = pair[1];
    }
    return out;
  }
  throw new CompassCrash(`dict() cannot take a ${typeof value}`);
}

/** `list(x or [])`. */
function pyList(value: unknown): unknown[] {
  if (!truthy(value)) return [];
  if (Array.isArray(value)) return [...(value as unknown[])];
  if (isDict(value)) return Object.keys(value);
  if (typeof value === 'string') return [...value];
  throw new CompassCrash(`'${typeof value}' object is not iterable`);
}

/** `int(x or 0)`. */
function pyInt(value: unknown): number {
  const v = or(value, 0);
  if (typeof v === 'number') return Math.trunc(v);
  if (v === true) return 1;
  if (typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v)) return Number(v);
  throw new CompassCrash(`invalid literal for int(): ${JSON.stringify(v)}`);
}

function pyFloat(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value === true) return 1;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  throw new CompassCrash(`could not convert to float: ${JSON.stringify(value)}`);
}

function split(value: unknown, separator: string): string[] {
  if (typeof value !== 'string') throw new CompassCrash(`'${typeof value}' object has no attribute 'split'`);
  return value.split(separator);
}

/** `_fetch_command_result`: the newest result of a command, as a dict; oat-scanner's status_code filled in. */
function fetch(results: ScanResults, command: string): PyDict {
  if (!(command in results)) return {};
  const result = toDict(results[command]);
  // Compass fills status_code for an oat-scanner document whose status is "success"; the callback has no such
  // status, so a result is taken as a success unless it is an error.
  if (command === 'oat-scanner' && (result.status_code === undefined || result.status_code === null) && !('error' in result)) result.status_code = 200;
  return result;
}

const oatOk = (oat: PyDict): boolean => pyInt(get(oat, 'status_code')) === 200;
function oatBlock(oat: PyDict, key: string): PyDict | null {
  if (!truthy(oat) || !oatOk(oat)) return null;
  const block = oat[key];
  return isDict(block) && truthy(block) ? block : null;
}
const oatFiles = (block: PyDict): string[] =>
  pyList(get(block, 'details'))
    .filter(isDict)
    .map((detail) => detail.file)
    .filter((file): file is string => truthy(file) && typeof file === 'string');

const SOURCE_EXTS = ['.c', '.cpp', '.cc', '.h', '.hpp', '.cxx', '.cs', '.java', '.jsp', '.py', '.pyx', '.rb', '.js', '.jsx', '.ts', '.tsx', '.html', '.php', '.go', '.swift', '.kt', '.m', '.mm', '.rs', '.pl', '.vue', '.dart', '.erl', '.ex', '.exs', '.scala', '.r', '.nim', '.lua', '.groovy'];
const EXCLUDED_PATHS = [/hvigorfile\.ts$/, /hvigor-wrapper\.js$/, /OpenHarmonyTestRunner\.ts$/];
const BINARY_SUFFIXES = ['.crx', '.deb', '.dex', '.dey', '.elf', '.o', '.a', '.so', '.macho', '.iso', '.class', '.jar', '.bundle', '.dylib', '.lib', '.msi', '.dll', '.drv', '.efi', '.exe', '.ocx', '.pyc', '.pyo', '.par', '.rpm', '.wasm', '.whl'];

const require = createRequire(import.meta.url);
const SPDX = require('spdx-license-list') as Record<string, { osiApproved?: boolean }>;
/** Compass looks a token up as written, then upper-cased, in its SPDX table (OSI approved or FSF libre). */
const osiApproved = (token: string): boolean => Boolean((SPDX[token] ?? SPDX[token.toUpperCase()])?.osiApproved);

function complianceLicense(results: ScanResults): MetricOutput {
  const scancode = fetch(results, 'scancode');
  const readmeOs = fetch(results, 'readme-opensource-checker');
  const oat = oatBlock(fetch(results, 'oat-scanner'), 'No Readme.OpenSource');
  if (!truthy(scancode)) return { compliance_license: -1 };
  let readmeOpensource = truthy(get(readmeOs, 'readme-opensource-checker')) ? 1 : 0;
  if (oat && truthy(get(oat, 'error'))) readmeOpensource = 2;
  const licenses: string[] = [];
  const nonOsi: string[] = [];
  for (const file of pyList(get(scancode, 'files'))) {
    if (get(file, 'type') !== 'file' || !truthy(get(file, 'detected_license_expression'))) continue;
    const parts = split(String(or(get(file, 'path'), '')).toLowerCase(), '/');
    if (parts.length === 2 && ['readme.opensource', 'oat.xml'].includes(parts[1] ?? '')) continue;
    if (!(parts.length === 2 || (parts.length >= 2 && parts[1] === 'license'))) continue;
    // Compass removes "(", ")", "and" and "or" wherever they occur (inside words too), then splits on spaces.
    const expression = String(or(get(file, 'detected_license_expression'), '')).trim().toLowerCase().replace(/\(|\)|and|or/g, '');
    for (const token of expression.split(/\s+/).filter((item) => item !== '')) {
      if (token.includes('unknown')) continue;
      licenses.push(token);
      if (!osiApproved(token)) nonOsi.push(token);
    }
  }
  let score = licenses.length > 0 && nonOsi.length === 0 && readmeOpensource === 1 ? 10 : 0;
  if (oat) {
    if (pyInt(get(oat, 'total_count')) > 0) score = 0;
    if (oatFiles(oat).length === 0) score = 10;
  }
  return { compliance_license: score, license_included_osi: score === 10 };
}

function complianceLicenseCompatibility(results: ScanResults): MetricOutput {
  const scancode = fetch(results, 'scancode');
  const oat = oatBlock(fetch(results, 'oat-scanner'), 'License Not Compatible');
  let conflicts: unknown[] = [];
  let score = 10;
  if (oat) {
    conflicts = pyList(get(oat, 'details')).filter(truthy);
    if (pyInt(get(oat, 'total_count')) > 0) score = 0;
  } else {
    const raw = or(get(scancode, 'license_compatibility'), get(scancode, 'license_conflicts'));
    if (Array.isArray(raw) && raw.length > 0) {
      conflicts = raw;
      score = 0;
    } else if (isDict(raw) && truthy(raw.conflicts)) {
      conflicts = pyList(raw.conflicts);
      score = conflicts.length > 0 ? 0 : 10;
    }
  }
  return { compliance_license_compatibility: score, license_compatibility_conflicts: conflicts };
}

function complianceCopyrightStatement(results: ScanResults, ohCommitSha: string | null = null): MetricOutput {
  const scancode = fetch(results, 'scancode');
  const changed = fetch(results, 'changed-files-since-commit-detector');
  const oat = oatBlock(fetch(results, 'oat-scanner'), 'Copyright Header Invalid');
  if (!truthy(scancode)) return { compliance_copyright_statement: -1, non_compliant_files: [] };
  const newFiles = new Set(pyList(get(changed, 'new_files')));
  const included: string[] = [];
  const missing: string[] = [];
  for (const file of pyList(get(scancode, 'files'))) {
    const path = String(or(get(file, 'path'), ''));
    const parts = path.split('/');
    if (parts.length > 2 && parts[1] === 'hvigor') continue;
    const relative = path.includes('/') ? path.slice(path.indexOf('/') + 1) : path;
    if (ohCommitSha && newFiles.size > 0 && !newFiles.has(relative)) continue;
    if (EXCLUDED_PATHS.some((pattern) => pattern.test(path))) continue;
    if (get(file, 'type') !== 'file') continue;
    if (!SOURCE_EXTS.some((ext) => path.toLowerCase().endsWith(ext))) continue;
    const copyrights = pyList(get(file, 'copyrights'));
    for (const entry of copyrights) if (isDict(entry)) void entry.copyright;
    (copyrights.length > 0 ? included : missing).push(path);
  }
  let score = (included.length > 0 && missing.length === 0) || (included.length === 0 && missing.length === 0) ? 10 : 0;
  if (oat) {
    if (pyInt(get(oat, 'total_count')) > 0) score = 0;
    if (oatFiles(oat).length === 0) score = 10;
  }
  return { compliance_copyright_statement: score, non_compliant_files: [...new Set(missing)] };
}

function complianceCopyrightAntiTamper(results: ScanResults): MetricOutput {
  const oat = fetch(results, 'oat-scanner');
  const unavailable = { compliance_copyright_statement_anti_tamper: -1, tampering_risk: null };
  if (!truthy(oat)) return unavailable;
  let block: PyDict | null = null;
  for (const key of ['License Copyright Tamper', 'Copyright Tamper', 'Third Party License Tamper', 'Snippet Reference Invalid']) {
    if (key in oat && isDict(oat[key])) {
      block = oat[key];
      break;
    }
  }
  if (!truthy(block)) {
    for (const [key, value] of Object.entries(oat)) {
      if (isDict(value) && key.toLowerCase().includes('tamper') && 'total_count' in value) {
        block = value;
        break;
      }
    }
  }
  if (!block || !truthy(block)) return unavailable;
  const count = pyInt(get(block, 'total_count'));
  oatFiles(block);
  return { compliance_copyright_statement_anti_tamper: count > 0 ? 0 : 10, tampering_risk: count > 0 };
}

function complianceSnippetReference(results: ScanResults): MetricOutput {
  const oat = fetch(results, 'oat-scanner');
  let block: PyDict | null = null;
  for (const key of ['Snippet Reference Invalid', 'Snippet Reference', 'snippet-reference']) {
    if (truthy(oat) && key in oat && isDict(oat[key])) {
      block = oat[key];
      break;
    }
  }
  if (!block || !truthy(block)) return { compliance_snippet_reference: -1, violation_count: null };
  const count = pyInt(get(block, 'total_count'));
  return { compliance_snippet_reference: count > 0 ? 0 : 10, violation_count: count };
}

function importValid(results: ScanResults): MetricOutput {
  const oat = oatBlock(fetch(results, 'oat-scanner'), 'Import Invalid');
  if (!oat) return { import_valid: -1 };
  oatFiles(oat);
  return { import_valid: pyInt(get(oat, 'total_count')) > 0 ? 0 : 10 };
}

function securityBinaryArtifact(results: ScanResults): MetricOutput {
  const binary = fetch(results, 'binary-checker');
  const oat = oatBlock(fetch(results, 'oat-scanner'), 'Invalid File Type');
  if (!truthy(binary)) return { security_binary_artifact: -1, binary_violation_files: [] };
  const matched: string[] = [];
  for (const file of pyList(get(binary, 'binary_file_list'))) {
    const name = String(file);
    if (name.includes('.') && BINARY_SUFFIXES.includes(name.slice(name.lastIndexOf('.')).toLowerCase())) matched.push(name);
  }
  if (oat && pyInt(get(oat, 'total_count')) > 0) matched.push(...oatFiles(oat));
  const unique = [...new Set(matched)];
  pyList(get(binary, 'binary_archive_list'));
  return { security_binary_artifact: unique.length > 0 ? Math.max(10 - unique.length, 0) : 10, binary_violation_files: unique };
}

function severityBucket(vulnerability: unknown): string {
  for (const severity of pyList(get(vulnerability, 'severity'))) {
    if (!isDict(severity)) continue;
    const score = Number(or(severity.score, 0));
    // Python's float() of a CVSS vector raises ValueError, which Compass catches: the next entry is tried.
    if (Number.isNaN(score)) continue;
    if (score >= 9) return 'CRITICAL';
    if (score >= 7) return 'HIGH';
    if (score >= 4) return 'MEDIUM';
  }
  return 'UNKNOWN';
}

function securityVulnerability(results: ScanResults): MetricOutput {
  const osv = fetch(results, 'osv-scanner');
  if (!truthy(osv)) return { security_vulnerability: -1, vuln_counts: {} };
  const all: unknown[] = [];
  for (const item of pyList(get(osv, 'results'))) for (const pkg of pyList(get(item, 'packages'))) all.push(...pyList(get(pkg, 'vulnerabilities')));
  const counts = { critical: 0, high: 0, medium: 0, total_unique: 0 };
  for (const vulnerability of all) {
    const bucket = severityBucket(vulnerability);
    if (bucket === 'CRITICAL') counts.critical++;
    else if (bucket === 'HIGH') counts.high++;
    else if (bucket === 'MEDIUM' || truthy(get(vulnerability, 'id'))) counts.medium++;
  }
  counts.total_unique = new Set(all.map((vulnerability) => get(vulnerability, 'id')).filter(truthy)).size;
  return { security_vulnerability: Math.max(10 - Math.min(counts.total_unique, 10), 0), vuln_counts: counts };
}

function vulnerabilityDisclosure(results: ScanResults): MetricOutput {
  const security = fetch(results, 'security-policy-checker');
  const fileSize = pyInt(get(security, 'file_size'));
  const urls = or(get(security, 'urls'), []);
  const emails = or(get(security, 'emails'), []);
  const avgClose = or(get(security, 'avg_vuln_close_days'), get(security, 'avg_close_days')) ?? null;
  const hasChannel = fileSize > 0 || truthy(urls) || truthy(emails);
  return { vulnerability_disclosure: hasChannel ? 10 : 0, security_md_exists: fileSize > 0, avg_vuln_close_days: avgClose === undefined ? null : avgClose };
}

function ecologyReadme(results: ScanResults): MetricOutput {
  const readme = fetch(results, 'readme-checker');
  const oat = oatBlock(fetch(results, 'oat-scanner'), 'No Readme');
  const files = pyList(or(get(readme, 'readme_file'), []));
  let score = 10;
  for (const file of files) {
    const parts = split(file, '/');
    if (parts.length === 2 && (parts[1] ?? '').toLowerCase().includes('readme')) break;
  }
  if (oat && pyInt(get(oat, 'total_count')) > 0) score = 0;
  return { ecology_readme: score, readme_file_count: files.length };
}

const listMetric = (command: string, key: string, metric: string, flag: string) => (results: ScanResults): MetricOutput => {
  const raw = pyList(get(fetch(results, command), key));
  return { [metric]: raw.length > 0 ? 10 : 0, [flag]: raw.length > 0 };
};

function dependencyReachable(results: ScanResults): MetricOutput {
  const dep = fetch(results, 'dependency-reachable-checker');
  if (!truthy(dep)) return { dependency_reachable_ok: null, dependency_unreachable_list: [] };
  let unreachable = or(get(dep, 'unreachable'), get(dep, 'unreachable_dependencies'), []);
  if (isDict(unreachable)) unreachable = or(unreachable.list, unreachable.items, []);
  const list = Array.isArray(unreachable) ? unreachable : [];
  return { dependency_reachable_ok: list.length === 0, dependency_unreachable_list: list };
}

function patentRiskOin(results: ScanResults): MetricOutput {
  const dep = fetch(results, 'dependency-reachable-checker');
  const oin = or(get(dep, 'oin_risk'), get(dep, 'oin'));
  if (oin === null || oin === undefined) return { patent_risk_level: null, patent_risk_unavailable: true };
  return { patent_risk_level: or(get(oin, 'level'), get(oin, 'risk')) ?? null, patent_risk_unavailable: false };
}

function ecologyTestCoverage(results: ScanResults): MetricOutput {
  const sonar = fetch(results, 'sonar-scanner');
  if (!truthy(sonar)) return { ecology_test_coverage: -1, test_coverage_percent: null };
  const component = sonar.component;
  const measures = pyList(isDict(component) ? component.measures : undefined);
  const duplication = [[0, 2, 10], [3, 4, 8], [5, 9, 6], [10, 19, 4], [20, 99, 2], [100, 100, 0]];
  const coverage = [[0, 0, 0], [1, 29, 2], [30, 49, 4], [50, 69, 6], [70, 79, 8], [80, 100, 10]];
  let duplicationScore = 0;
  let coverageScore = 0;
  let coverageRatio: number | null = null;
  const band = (value: number, table: number[][]): number => table.find(([lo = 0, hi = 0]) => lo <= value && value <= hi)?.[2] ?? 0;
  for (const measure of measures) {
    const metric = get(measure, 'metric');
    const value = get(measure, 'value');
    const ratio = /^\s*[-+]?\d+\s*$/.test(String(or(value, 0))) ? pyInt(value) : null;
    if (metric === 'duplicated_lines_density' && ratio !== null) duplicationScore = band(ratio, duplication);
    else if (metric === 'coverage') {
      coverageRatio = ratio;
      if (ratio !== null) coverageScore = band(ratio, coverage);
    }
  }
  return { ecology_test_coverage: (duplicationScore + coverageScore) / 2, test_coverage_percent: coverageRatio };
}

function trustedBuildSuccess(results: ScanResults): MetricOutput {
  const build = fetch(results, 'build-checker');
  let rate = truthy(build) ? get(build, 'build_success_rate') : null;
  if ((rate === null || rate === undefined) && truthy(build)) rate = get(build, 'success_rate');
  return { ecology_build_success_rate: rate ?? null, build_checker_present: truthy(build) };
}

function ciIntegration(results: ScanResults): MetricOutput {
  const ci = fetch(results, 'ci-checker');
  const on = truthy(ci) ? truthy(or(get(ci, 'ci_enabled'), get(ci, 'workflows'), get(ci, 'ci_config_present'))) : false;
  return { ecology_ci: on ? 10 : 0, ci_integration: on };
}

function buildMetadataAvailable(results: ScanResults): MetricOutput {
  for (const command of ['build-metadata-checker', 'artifact-metadata-checker']) {
    const m = fetch(results, command);
    if (truthy(m)) return { build_metadata_available: truthy(or(get(m, 'metadata_available'), get(m, 'artifact_metadata'))), command };
  }
  return { build_metadata_available: null };
}

function reproducibleBuild(results: ScanResults): MetricOutput {
  const r = fetch(results, 'reproducible-build-checker');
  let repro = truthy(r) ? get(r, 'reproducible') : null;
  if ((repro === null || repro === undefined) && truthy(r)) repro = get(r, 'checksum_match');
  return { reproducible_build: repro === null || repro === undefined ? null : truthy(repro) };
}

function sbomInRelease(results: ScanResults): MetricOutput {
  const release = fetch(results, 'release-checker');
  if (!truthy(release)) return { sbom_in_release: null };
  const contents = pyList(get(or(get(release, 'sbom'), {}), 'release_contents'));
  return { sbom_in_release: contents.filter(isDict).some((content) => truthy(or(content.content_files, []))) };
}

function securityPackageSig(results: ScanResults): MetricOutput {
  const release = fetch(results, 'release-checker');
  if (!truthy(release)) return { security_package_sig: -1 };
  const signatures = pyList(get(release, 'signature_files'));
  if ('error' in release) return { security_package_sig: -1, signature_valid: null };
  return { security_package_sig: signatures.length > 0 ? 10 : 6, signature_valid: signatures.length > 0 };
}

function lifecycleReleaseNote(results: ScanResults): MetricOutput {
  const release = fetch(results, 'release-checker');
  if (!truthy(release)) return { lifecycle_release_note: -1 };
  const notes = pyList(get(release, 'release_notes'));
  if ('error' in release) return { lifecycle_release_note: -1, has_release_notes: null };
  return { lifecycle_release_note: notes.length > 0 ? 10 : 0, has_release_notes: notes.length > 0 };
}

function lifecycleStatement(results: ScanResults): MetricOutput {
  const doc = fetch(results, 'lifecycle-doc-checker');
  const hasEol = truthy(or(get(doc, 'has_eol'), get(doc, 'eol_declared')));
  const keywords = or(get(doc, 'keywords_found'), []);
  return { lifecycle_statement: hasEol ? 10 : truthy(keywords) ? 6 : 0, lifecycle_statement_exists: hasEol || truthy(keywords) };
}

function fixTimeOf(result: PyDict): MetricOutput {
  // `days = a or b`: b whenever a is falsy (0 included); only None is "unavailable".
  const first = get(result, 'avg_vulnerability_fix_days');
  const days = truthy(first) ? first : get(result, 'avg_fix_days');
  if (days === null || days === undefined) return { avg_vulnerability_fix_days: null, avg_vulnerability_fix_unavailable: true };
  return { avg_vulnerability_fix_days: pyFloat(days), avg_vulnerability_fix_unavailable: false };
}

function avgVulnerabilityFixTime(results: ScanResults): MetricOutput {
  const first = fixTimeOf(fetch(results, 'osv-scanner'));
  if (first.avg_vulnerability_fix_unavailable) {
    const second = fixTimeOf(fetch(results, 'security-policy-checker'));
    if (!second.avg_vulnerability_fix_unavailable) return second;
  }
  return first;
}

function declaredLicense(results: ScanResults): MetricOutput {
  const scancode = fetch(results, 'scancode');
  if (!truthy(scancode)) return { declared_license: null };
  for (const file of pyList(get(scancode, 'files'))) {
    if (get(file, 'type') !== 'file') continue;
    const parts = String(or(get(file, 'path'), '')).toLowerCase().split('/');
    if (!truthy(get(file, 'detected_license_expression'))) continue;
    if (parts.length >= 2 && parts[1] === 'license') return { declared_license: or(get(file, 'detected_license_expression_spdx'), get(file, 'detected_license_expression')) ?? null };
  }
  return { declared_license: null };
}

/** Each metric: its function and the value that says whether it is available (not None, not -1). */
export const METRICS: Readonly<Record<string, { read: (results: ScanResults) => MetricOutput; value: string }>> = {
  compliance_license: { read: complianceLicense, value: 'compliance_license' },
  compliance_license_compatibility: { read: complianceLicenseCompatibility, value: 'compliance_license_compatibility' },
  compliance_copyright_statement: { read: (results) => complianceCopyrightStatement(results), value: 'compliance_copyright_statement' },
  compliance_copyright_anti_tamper: { read: complianceCopyrightAntiTamper, value: 'compliance_copyright_statement_anti_tamper' },
  compliance_snippet_reference: { read: complianceSnippetReference, value: 'compliance_snippet_reference' },
  import_valid: { read: importValid, value: 'import_valid' },
  security_binary_artifact: { read: securityBinaryArtifact, value: 'security_binary_artifact' },
  security_vulnerability: { read: securityVulnerability, value: 'security_vulnerability' },
  vulnerability_disclosure: { read: vulnerabilityDisclosure, value: 'vulnerability_disclosure' },
  vulnerability_close_days: { read: vulnerabilityDisclosure, value: 'avg_vuln_close_days' },
  ecology_readme: { read: ecologyReadme, value: 'ecology_readme' },
  ecology_build_doc: { read: listMetric('build-doc-checker', 'build-doc-checker', 'ecology_build_doc', 'has_build_install_docs'), value: 'ecology_build_doc' },
  ecology_interface_doc: { read: listMetric('api-doc-checker', 'api-doc-checker', 'ecology_interface_doc', 'has_api_docs'), value: 'ecology_interface_doc' },
  ecology_maintainer_doc: { read: listMetric('maintainers-checker', 'maintainers_file', 'ecology_maintainer_doc', 'committers_file_exists'), value: 'ecology_maintainer_doc' },
  dependency_reachable: { read: dependencyReachable, value: 'dependency_reachable_ok' },
  patent_risk_oin: { read: patentRiskOin, value: 'patent_risk_level' },
  ecology_test_coverage: { read: ecologyTestCoverage, value: 'ecology_test_coverage' },
  trusted_build_success: { read: trustedBuildSuccess, value: 'ecology_build_success_rate' },
  ci_integration: { read: ciIntegration, value: 'ecology_ci' },
  build_metadata_available: { read: buildMetadataAvailable, value: 'build_metadata_available' },
  reproducible_build: { read: reproducibleBuild, value: 'reproducible_build' },
  sbom_in_release: { read: sbomInRelease, value: 'sbom_in_release' },
  security_package_sig: { read: securityPackageSig, value: 'security_package_sig' },
  lifecycle_release_note: { read: lifecycleReleaseNote, value: 'lifecycle_release_note' },
  lifecycle_statement: { read: lifecycleStatement, value: 'lifecycle_statement' },
  avg_vulnerability_fix_time: { read: avgVulnerabilityFixTime, value: 'avg_vulnerability_fix_days' },
  declared_license: { read: declaredLicense, value: 'declared_license' },
};

export type MetricReport = { output: MetricOutput; value: unknown; available: boolean } | { crash: string; available: false };

/** Every metric on one repository's results: its output, its value, and whether Compass would call it available. */
export function readAll(results: ScanResults): Record<string, MetricReport> {
  const report: Record<string, MetricReport> = {};
  for (const [name, metric] of Object.entries(METRICS)) {
    try {
      const output = metric.read(results);
      const value = output[metric.value];
      report[name] = { output, value, available: value !== null && value !== undefined && value !== -1 };
    } catch (err) {
      if (!(err instanceof CompassCrash)) throw err;
      report[name] = { crash: err.message, available: false };
    }
  }
  return report;
}
