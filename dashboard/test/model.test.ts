/** The dashboard's result shaping (dashboard/src/model): pure functions, tested on the checkers' output layouts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkerVersionLabel, formatAge, formatDuration, shortRepository, taskDuration } from '../src/model/format.js';
import { languageSegments } from '../src/model/languages.js';
import { licenseeSummary, scancodeSummary } from '../src/model/licenses.js';
import { levelOfScore, vulnerabilityReport } from '../src/model/osv.js';
import { resultView } from '../src/model/results.js';
import { scorecard } from '../src/model/scorecard.js';

/** osv-scanner --format json, trimmed to the keys consumers read (records as the OSV API returns them). */
const OSV_OUTPUT = {
  results: [
    {
      source: { path: '/repos/demo/package-lock.json', type: 'lockfile' },
      packages: [
        {
          package: { name: 'ansi-html', version: '0.0.7', ecosystem: 'npm' },
          vulnerabilities: [
            {
              id: 'GHSA-whgm-jr23-g3j9',
              aliases: ['CVE-2021-23424'],
              summary: 'Uncontrolled Resource Consumption in ansi-html',
              affected: [{ package: { name: 'ansi-html', ecosystem: 'npm' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '0.0.8' }] }] }],
              database_specific: { severity: 'HIGH' },
            },
          ],
          groups: [{ ids: ['GHSA-whgm-jr23-g3j9'], aliases: ['CVE-2021-23424', 'GHSA-whgm-jr23-g3j9'], max_severity: '7.5' }],
        },
        {
          package: { name: 'lodash', version: '4.17.20', ecosystem: 'npm' },
          vulnerabilities: [
            { id: 'GHSA-35jh-r3h4-6jhm', aliases: ['CVE-2021-23337'], summary: 'Command Injection in lodash', database_specific: { severity: 'HIGH' } },
            { id: 'GHSA-29mw-wpgm-hmr9', aliases: ['CVE-2020-28500'], summary: 'ReDoS in lodash', database_specific: { severity: 'MODERATE' } },
            { id: 'GHSA-p6mc-m468-83gw', aliases: ['CVE-2020-8203'], summary: 'Prototype Pollution in lodash', database_specific: { severity: 'HIGH' } },
          ],
          groups: [
            { ids: ['GHSA-29mw-wpgm-hmr9'], aliases: ['CVE-2020-28500'], max_severity: '5.3' },
            { ids: ['GHSA-35jh-r3h4-6jhm'], aliases: ['CVE-2021-23337'], max_severity: '7.2' },
            // No CVSS vector: the record's GitHub severity word decides.
            { ids: ['GHSA-p6mc-m468-83gw'], aliases: ['CVE-2020-8203'], max_severity: '' },
          ],
        },
        { package: { name: 'left-pad', version: '1.3.0', ecosystem: 'npm' }, vulnerabilities: [], groups: [] },
      ],
    },
  ],
};

test('osv-scanner output: grouped by package, worst first, severities from max_severity or the severity word', () => {
  const report = vulnerabilityReport(OSV_OUTPUT);
  assert.deepEqual(
    report.packages.map((p) => [p.name, p.advisories.map((a) => `${a.id}:${a.severity.level}`)]),
    [
      ['ansi-html', ['GHSA-whgm-jr23-g3j9:high']],
      ['lodash', ['GHSA-35jh-r3h4-6jhm:high', 'GHSA-p6mc-m468-83gw:high', 'GHSA-29mw-wpgm-hmr9:medium']],
    ],
  );
  assert.deepEqual(report.counts, { critical: 0, high: 3, medium: 1, low: 0, unknown: 0 });
  assert.equal(report.total, 4);
  const ansi = report.packages[0]?.advisories[0];
  assert.deepEqual(ansi?.aliases, ['CVE-2021-23424']);
  assert.deepEqual(ansi?.fixed, ['0.0.8']);
  assert.equal(ansi?.url, 'https://osv.dev/vulnerability/GHSA-whgm-jr23-g3j9');
  assert.equal(ansi?.severity.score, 7.5);
  assert.equal(report.packages[0]?.source, '/repos/demo/package-lock.json');
});

test('CVSS ratings', () => {
  assert.deepEqual([9.8, 9, 7, 6.9, 4, 0.1, 0, null].map(levelOfScore), ['critical', 'critical', 'high', 'medium', 'medium', 'low', 'unknown', 'unknown']);
});

test('licensee layout, also when the command returned it as a JSON string (upstream)', () => {
  const licensee = {
    licenses: [{ key: 'mit', spdx_id: 'MIT', meta: { title: 'MIT License' } }],
    matched_files: [
      { filename: 'LICENSE', matcher: { name: 'exact', confidence: 100 }, matched_license: 'MIT' },
      { filename: 'package.json', matcher: { name: 'npmbower', confidence: 90 }, matched_license: 'MIT' },
      { filename: 'vendor/COPYING', matcher: null, matched_license: 'NOASSERTION' },
    ],
  };
  const summary = licenseeSummary(licensee);
  assert.deepEqual(summary.project, ['MIT']);
  assert.deepEqual(summary.counts, [{ license: 'MIT', files: 2 }]);
  assert.deepEqual(summary.withoutLicense, ['vendor/COPYING']);
  assert.equal(summary.files[0]?.detail, 'exact, 100% confidence');
  const view = resultView('license-detector', JSON.stringify(licensee));
  assert.equal(view.kind, 'licenses');
  assert.deepEqual(view.kind === 'licenses' && view.summary.counts, summary.counts);
});

test('ScanCode layout: counts per SPDX expression, files without a license, directories ignored', () => {
  const summary = scancodeSummary({
    headers: [{ tool_name: 'scancode-toolkit' }],
    files: [
      { path: 'demo', type: 'directory' },
      { path: 'demo/LICENSE', type: 'file', detected_license_expression: 'mit', detected_license_expression_spdx: 'MIT', license_detections: [{ matches: [{ score: 100 }] }] },
      { path: 'demo/a.c', type: 'file', detected_license_expression: 'gpl-2.0-plus', detected_license_expression_spdx: 'GPL-2.0-or-later', license_detections: [] },
      { path: 'demo/b.c', type: 'file', detected_license_expression_spdx: 'MIT' },
      { path: 'demo/c.c', type: 'file', detected_license_expression: null, detected_license_expression_spdx: null },
      { path: 'demo/old.c', type: 'file', license_expressions: ['apache-2.0'] },
    ],
  });
  assert.deepEqual(summary.counts, [
    { license: 'MIT', files: 2 },
    { license: 'apache-2.0', files: 1 },
    { license: 'GPL-2.0-or-later', files: 1 },
  ]);
  assert.deepEqual(summary.withoutLicense, ['demo/c.c']);
  assert.equal(summary.files.length, 5);
  assert.equal(summary.files[0]?.detail, 'score 100');
});

test('Linguist breakdown: shares of the total size, largest first, GitHub colours', () => {
  const segments = languageSegments({
    Go: { size: 28, percentage: '15.64', files: ['x_test.go'] },
    Dockerfile: { size: 103, percentage: '57.54', files: ['Dockerfile'] },
    Brainfuck: { size: 48, percentage: '26.82', files: ['a.b', 'c.b'] },
  });
  assert.deepEqual(
    segments.map((s) => [s.name, s.percent.toFixed(2), s.files]),
    [
      ['Dockerfile', '57.54', 1],
      ['Brainfuck', '26.82', 2],
      ['Go', '15.64', 1],
    ],
  );
  assert.equal(segments[0]?.color, '#384d54');
  assert.match(segments[1]?.color ?? '', /^hsl\(\d+ 55% 50%\)$/);
  assert.equal(segments[1]?.color, languageSegments({ Brainfuck: { size: 1 } })[0]?.color, 'fallback colours are stable');
});

test('Scorecard: lowest score first, -1 means not applicable and goes last', () => {
  const card = scorecard({
    score: 6.8,
    checks: [
      { name: 'Binary-Artifacts', score: 10, reason: 'no binaries found in the repo', details: null },
      { name: 'Branch-Protection', score: -1, reason: 'internal error', details: ['Warn: token lacks access'] },
      { name: 'Code-Review', score: 3, reason: 'Found 3/10 approved changesets', details: [] },
    ],
  });
  assert.equal(card.score, 6.8);
  assert.deepEqual(card.checks.map((c) => [c.name, c.score]), [['Code-Review', 3], ['Binary-Artifacts', 10], ['Branch-Protection', null]]);
  assert.deepEqual(card.checks[2]?.details, ['Warn: token lacks access']);
});

test('findings views: binary files, pinned dependencies, dangerous workflows, token permissions', () => {
  const binary = resultView('binary-checker', { binary_file_list: ['demo/blob.bin'], binary_archive_list: ['demo/x.zip'] });
  assert.equal(binary.kind, 'findings');
  assert.deepEqual(binary.kind === 'findings' && binary.report.findings.map((f) => [f.file, f.title]), [['demo/blob.bin', 'Binary file'], ['demo/x.zip', 'Archive']]);

  const pinned = resultView('pinned-dependencies-checker', {
    analysis_results: {
      total_dependencies: 2,
      pinned_count: 1,
      unpinned_count: 1,
      findings: [{ file: 'demo/.github/workflows/ci.yml', line: 17, type: 'Action', name: 'snyk/actions/node', version: 'master', message: 'third-party Action not pinned by hash', snippet: '- uses: snyk/actions/node@master' }],
    },
    dependencies: [],
  });
  assert.equal(pinned.kind, 'findings');
  if (pinned.kind === 'findings') {
    assert.deepEqual(pinned.report.findings[0], {
      file: 'demo/.github/workflows/ci.yml',
      line: 17,
      title: 'Action: snyk/actions/node@master',
      detail: 'third-party Action not pinned by hash — - uses: snyk/actions/node@master',
      level: 'warning',
    });
    assert.deepEqual(pinned.report.summary.map((s) => s.value), ['2', '1', '1']);
  }

  const dangerous = resultView('dangerous-workflow-checker', [
    { workflow_file: '.github/workflows/ci.yml', dangerous_patterns: [{ type: 'script_injection', file: '.github/workflows/ci.yml', line: 5, job: 'build', snippet: 'github.event.issue.title', message: 'untrusted context in run' }] },
    { workflow_file: '.github/workflows/ok.yml', dangerous_patterns: [] },
  ]);
  assert.equal(dangerous.kind, 'findings');
  if (dangerous.kind === 'findings') {
    assert.deepEqual(dangerous.report.findings.map((f) => [f.file, f.line, f.title, f.level]), [['.github/workflows/ci.yml', 5, 'script injection in job build', 'danger']]);
  }
  const noWorkflows = resultView('dangerous-workflow-checker', []);
  assert.equal(noWorkflows.kind === 'findings' && noWorkflows.report.emptyMessage, 'No workflow files.');

  const tokens = resultView('token-permissions-checker', {
    num_workflows: 1,
    token_permissions: [
      { file_path: '.github/workflows/ci.yml', location_type: 'top', name: 'contents', value: 'read', permission_level: 'read', line_number: 1 },
      { file_path: '.github/workflows/ci.yml', location_type: 'job', name: null, value: null, permission_level: 'undeclared', line_number: 1, job_name: 'other' },
    ],
  });
  assert.equal(tokens.kind, 'findings');
  if (tokens.kind === 'findings') {
    assert.deepEqual(tokens.report.findings.map((f) => [f.title, f.detail, f.level]), [
      ['read permission (workflow)', 'contents: read', 'info'],
      ['undeclared permission (job other)', 'no permissions block', 'danger'],
    ]);
  }
});

test('dependency update tools: one finding per configuration file', () => {
  const view = resultView('dependency-update-tool-checker', [
    { name: 'Dependabot', url: 'https://github.com/dependabot', desc: 'Automated dependency updates built into GitHub', files: [{ path: '.github/dependabot.yml', file_type: 'source', offset: 0 }] },
  ]);
  assert.equal(view.kind, 'findings');
  assert.deepEqual(view.kind === 'findings' && view.report.findings.map((f) => [f.file, f.title]), [['.github/dependabot.yml', 'Dependabot']]);
  const none = resultView('dependency-update-tool-checker', []);
  assert.equal(none.kind === 'findings' && none.report.emptyMessage, 'No dependency update tool is configured.');
});

test('lifecycle-doc-checker: the two verdicts and the terms, then one finding per piece of evidence', () => {
  const view = resultView('lifecycle-doc-checker', {
    has_eol: true,
    eol_declared: true,
    keywords_found: ['supported versions', '停止维护'],
    files: [{ path: 'demo/docs/lifecycle.md', line: 3, text: '1.x 于 2024年6月30日 停止维护', kind: 'eol-date', keywords: ['停止维护'] }],
    evidence_count: 1,
    documents_checked: 2,
  });
  assert.equal(view.kind, 'findings');
  if (view.kind === 'findings') {
    assert.deepEqual(view.report.summary.map((s) => s.value), ['yes', 'yes', 'supported versions, 停止维护']);
    assert.deepEqual(view.report.findings.map((f) => [f.file, f.line, f.title]), [['demo/docs/lifecycle.md', 3, 'Dated end of life']]);
  }
  const none = resultView('lifecycle-doc-checker', { has_eol: false, eol_declared: false, keywords_found: [], files: [] });
  assert.equal(none.kind === 'findings' && none.report.findings.length, 0);
});

test('errors, find output, empty results and unknown commands', () => {
  assert.deepEqual(resultView('scorecard-score', { error: 'URL is not supported by scorecard CLI.' }), { kind: 'error', message: 'URL is not supported by scorecard CLI.' });
  // Both finder shapes: the list (default) and the legacy text (`[OpenCheck] legacy_text_results`).
  assert.deepEqual(resultView('readme-checker', { readme_file: ['demo/README.md', 'demo/docs/README.md'] }), { kind: 'paths', paths: ['demo/README.md', 'demo/docs/README.md'] });
  assert.deepEqual(resultView('readme-checker', 'demo/README.md\ndemo/docs/README.md\n'), { kind: 'paths', paths: ['demo/README.md', 'demo/docs/README.md'] });
  assert.deepEqual(resultView('maintainers-checker', { maintainers_file: ['demo/OWNERS'] }), { kind: 'paths', paths: ['demo/OWNERS'] });
  assert.equal(resultView('maintainers-checker', { maintainers_file: [] }).kind, 'empty');
  assert.equal(resultView('readme-checker', {}).kind, 'empty');
  assert.equal(resultView('osv-scanner', {}).kind, 'empty');
  assert.equal(resultView('osv-scanner', { results: [] }).kind, 'empty');
  assert.deepEqual(resultView('url-checker', { status_code: 200, is_accessible: true }), { kind: 'json', value: { status_code: 200, is_accessible: true } });
  // An object that has an error key among others is data (release-checker's per-release error), not a failure.
  assert.equal(resultView('release-checker', { notes: { error: 'No releases found' } }).kind, 'json');
  // A shape that does not match its command's layout falls back to JSON rather than a wrong picture.
  assert.equal(resultView('languages-detector', { raw_output: 'linguist failed' }).kind, 'json');
});

test('times and durations', () => {
  assert.equal(formatDuration(850), '850 ms');
  assert.equal(formatDuration(12_400), '12 s');
  assert.equal(formatDuration(184_000), '3 min 4 s');
  assert.equal(formatDuration(7_500_000), '2 h 5 min');
  const now = Date.parse('2026-01-01T12:00:00Z');
  assert.equal(formatAge('2026-01-01T11:56:50Z', now), '3 min ago');
  assert.equal(formatAge('2026-01-01T11:59:59.5Z', now), 'just now');
  assert.equal(formatAge(null, now), '—');
  assert.equal(taskDuration({ started_at: '2026-01-01T11:59:00Z', finished_at: '2026-01-01T11:59:30Z' }, now), '30 s');
  assert.equal(taskDuration({ started_at: '2026-01-01T11:59:00Z', finished_at: null }, now), '1 min');
  assert.equal(taskDuration({ started_at: null, finished_at: null }, now), null);
  assert.equal(shortRepository('https://github.com/acme/demo.git'), 'github.com/acme/demo');
});

test('checker versions beside results: "v3", nothing when unknown', () => {
  const versions = { 'readme-checker': 3, 'osv-scanner': null };
  assert.equal(checkerVersionLabel(versions, 'readme-checker'), 'v3');
  assert.equal(checkerVersionLabel(versions, 'osv-scanner'), null, 'the checker could not run');
  assert.equal(checkerVersionLabel(versions, 'eol-checker'), null, 'no entry');
  assert.equal(checkerVersionLabel(versions, 'constructor'), null, 'own keys only');
  assert.equal(checkerVersionLabel(null, 'readme-checker'), null, 'no results yet');
  assert.equal(checkerVersionLabel(undefined, 'readme-checker'), null, 'a server without versions');
});

test('ci-checker: whether CI is used, then each configuration file with its system, triggers and jobs', () => {
  const view = resultView('ci-checker', {
    ci_enabled: true,
    ci_config_present: true,
    workflows: [
      { file: 'demo/.github/workflows/ci.yml', system: 'github-actions', triggers: ['push', 'pull_request'], jobs: ['build'] },
      { file: 'demo/.travis.yml', system: 'travis-ci', triggers: [], jobs: [], error: 'invalid YAML at line 2: x' },
    ],
    systems: ['github-actions', 'travis-ci'],
    recent_runs: { source: 'github', merged_pull_requests: 3, tested_pull_requests: 2, ci_ran: true, pull_requests: [] },
  });
  assert.equal(view.kind, 'findings');
  if (view.kind === 'findings') {
    assert.deepEqual(view.report.summary.map((s) => s.value), ['yes', '2', 'github-actions, travis-ci', '2 of 3']);
    assert.deepEqual(view.report.findings.map((f) => [f.file, f.title, f.detail, f.level]), [
      ['demo/.github/workflows/ci.yml', 'github-actions', 'triggers: push, pull_request; jobs: build', 'info'],
      ['demo/.travis.yml', 'travis-ci', 'invalid YAML at line 2: x', 'warning'],
    ]);
  }
  const none = resultView('ci-checker', { ci_enabled: false, ci_config_present: false, workflows: [], systems: [], recent_runs_skipped: 'set [Github] access_key to check' });
  assert.equal(none.kind === 'findings' && none.report.emptyMessage, 'No CI configuration found. set [Github] access_key to check.');
});

test('build-checker: the success rate and the window, then each workflow coloured by its rate', () => {
  const view = resultView('build-checker', {
    build_success_rate: 0.6667,
    success_rate: 0.6667,
    runs_considered: 3,
    window: { branch: 'main', max_runs: 100, days: 90, since: '2026-09-01' },
    by_workflow: [
      { name: 'CI', path: '.github/workflows/ci.yml', runs: 2, success: 1, failure: 1, success_rate: 0.5 },
      { name: 'Release', path: '.github/workflows/release.yml', runs: 1, success: 1, failure: 0, success_rate: 1 },
    ],
  });
  assert.equal(view.kind, 'findings');
  if (view.kind === 'findings') {
    assert.deepEqual(view.report.summary.map((s) => s.value), ['66.7 %', '3', 'main: last 100 runs, 90 days']);
    assert.deepEqual(view.report.findings.map((f) => [f.title, f.level]), [['CI: 50 %', 'warning'], ['Release: 100 %', 'info']]);
  }
  const none = resultView('build-checker', { build_success_rate: null, success_rate: null, runs_considered: 0, window: {}, by_workflow: [], reason: 'no completed build of main' });
  assert.equal(none.kind === 'findings' && none.report.emptyMessage, 'no completed build of main');
});

test('build-metadata-checker and its alias: the verdict, then each piece of metadata by release', () => {
  const output = {
    metadata_available: true,
    artifact_metadata: [
      { release: 'v2.0.0', file: 'demo.intoto.jsonl', kind: 'provenance' },
      { release: null, file: 'demo/package.json', kind: 'package-manifest' },
    ],
    kinds: ['provenance', 'package-manifest'],
    releases_checked: ['v2.0.0'],
    manifests: [],
  };
  for (const command of ['build-metadata-checker', 'artifact-metadata-checker']) {
    const view = resultView(command, output);
    assert.equal(view.kind, 'findings');
    if (view.kind === 'findings') {
      assert.deepEqual(view.report.summary.map((s) => s.value), ['yes', 'v2.0.0', 'Provenance, Package manifest (source and build)']);
      assert.deepEqual(view.report.findings.map((f) => [f.file, f.title]), [['v2.0.0: demo.intoto.jsonl', 'Provenance'], ['demo/package.json', 'Package manifest (source and build)']]);
    }
  }
});

test('reproducible-build-checker: verdicts, then artifacts (match, mismatch, not verified) and signals', () => {
  const view = resultView('reproducible-build-checker', {
    reproducible: false,
    checksum_match: false,
    artifacts: [
      { release: 'v1', file: 'a.tgz', checksum_file: 'SHA256SUMS', algorithm: 'sha256', expected: 'x', actual: 'x', match: true },
      { release: 'v1', file: 'b.tgz', checksum_file: 'SHA256SUMS', algorithm: 'sha256', expected: 'x', actual: 'y', match: false },
      { release: 'v1', file: 'c.tgz', checksum_file: 'SHA256SUMS', algorithm: 'sha256', expected: 'x', actual: null, match: null, error: 'Failed to download release asset: 404' },
    ],
    signals: [{ kind: 'trimpath', file: 'demo/Makefile', line: 4, text: 'go build -trimpath' }],
    signal_kinds: ['trimpath'],
  });
  assert.equal(view.kind, 'findings');
  if (view.kind === 'findings') {
    assert.deepEqual(view.report.summary.map((s) => s.value), ['no', 'no', 'trimpath']);
    assert.deepEqual(view.report.findings.map((f) => [f.title, f.level]), [
      ['Checksum matches', 'info'],
      ['Checksum does not match', 'danger'],
      ['Not verified', 'warning'],
      ['trimpath', 'info'],
    ]);
    assert.equal(view.report.findings[2]?.detail, 'Failed to download release asset: 404');
  }
});

test('dependency-reachable-checker: counts and OIN risk, then each unreachable package with its reason', () => {
  const view = resultView('dependency-reachable-checker', {
    unreachable_dependencies: [{ purl: 'pkg:cargo/bad@0.3.1', reason: 'yanked', detail: 'crates.io marks bad 0.3.1 yanked', source_file: 'demo/Cargo.lock' }],
    unreachable: [],
    checked: 12,
    reachable: 11,
    unknown: [{ purl: 'pkg:npm/x@1.0.0', reason: 'npm registry failed (HTTP 503)' }],
    skipped: {},
    oin_risk: { level: 'medium', risk: 0.5, covered: 6, not_covered: 6, total: 12 },
  });
  assert.equal(view.kind, 'findings');
  if (view.kind === 'findings') {
    assert.deepEqual(view.report.summary.map((s) => s.value), ['12', '1', '1', 'medium (6 of 12 covered)']);
    assert.deepEqual(view.report.findings.map((f) => [f.file, f.title, f.level]), [
      ['demo/Cargo.lock', 'pkg:cargo/bad@0.3.1: yanked', 'danger'],
      ['pkg:npm/x@1.0.0', 'Not checked', 'warning'],
    ]);
  }
});

test('api-doc-checker and build-doc-checker: the found document, or none', () => {
  assert.deepEqual(resultView('api-doc-checker', { 'api-doc-checker': ['demo/docs/API.md'] }), { kind: 'paths', paths: ['demo/docs/API.md'] });
  assert.equal(resultView('api-doc-checker', { 'api-doc-checker': [] }).kind, 'empty');
  assert.deepEqual(resultView('build-doc-checker', { 'build-doc-checker': ['demo/README.md'] }), { kind: 'paths', paths: ['demo/README.md'] });
  assert.equal(resultView('build-doc-checker', {}).kind, 'empty');
});
