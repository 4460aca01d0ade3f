/** One readable view per kind of command result (model/results.ts decides which). */
import { useState } from 'preact/hooks';
import type { FindingsReport } from '../model/findings.js';
import type { LanguageSegment } from '../model/languages.js';
import type { LicenseSummary } from '../model/licenses.js';
import { SEVERITY_ORDER, type SeverityLevel, type VulnerabilityReport } from '../model/osv.js';
import type { ResultView } from '../model/results.js';
import { scoreBand, type Scorecard } from '../model/scorecard.js';

const SEVERITY_LABELS: Record<SeverityLevel, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', unknown: 'Unknown' };

function SeverityBadge({ level, score }: { level: SeverityLevel; score: number | null }) {
  return (
    <span class={`badge sev-${level}`}>
      {SEVERITY_LABELS[level]}
      {score !== null && <span class="badge-score"> {score.toFixed(1)}</span>}
    </span>
  );
}

function Vulnerabilities({ report }: { report: VulnerabilityReport }) {
  return (
    <div>
      <p class="summary-line">
        {report.total} {report.total === 1 ? 'advisory' : 'advisories'} in {report.packages.length} {report.packages.length === 1 ? 'package' : 'packages'}:{' '}
        {SEVERITY_ORDER.filter((level) => report.counts[level] > 0).map((level) => (
          <span key={level} class="count-badge">
            <SeverityBadge level={level} score={null} /> {report.counts[level]}
          </span>
        ))}
      </p>
      <div class="table-scroll">
        <table class="vuln-table">
          <caption class="visually-hidden">Vulnerabilities grouped by package</caption>
          <thead>
            <tr>
              <th scope="col">Severity</th>
              <th scope="col">Advisory</th>
              <th scope="col">Summary</th>
              <th scope="col">Fixed in</th>
            </tr>
          </thead>
          {report.packages.map((pkg) => (
            <tbody key={`${pkg.source}|${pkg.ecosystem}|${pkg.name}|${pkg.version}`}>
              <tr class="group-row">
                <th scope="rowgroup" colSpan={4}>
                  <span class="pkg-name">{pkg.name}</span> <span class="muted">{pkg.version}</span>
                  {pkg.ecosystem && <span class="tag">{pkg.ecosystem}</span>}
                  {pkg.source && <span class="muted source"> {pkg.source}</span>}
                </th>
              </tr>
              {pkg.advisories.map((a) => (
                <tr key={a.id}>
                  <td>
                    <SeverityBadge level={a.severity.level} score={a.severity.score} />
                  </td>
                  <td>
                    <a href={a.url} target="_blank" rel="noopener noreferrer">
                      {a.id}
                    </a>
                    {a.aliases.length > 0 && <div class="muted small">{a.aliases.join(', ')}</div>}
                  </td>
                  <td>{a.summary || <span class="muted">—</span>}</td>
                  <td>{a.fixed.length > 0 ? a.fixed.join(', ') : <span class="muted">no fix</span>}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </div>
  );
}

function Licenses({ summary }: { summary: LicenseSummary }) {
  const max = Math.max(1, ...summary.counts.map((c) => c.files));
  return (
    <div>
      {summary.project.length > 0 && (
        <p class="summary-line">
          Project license: {summary.project.map((l) => <span key={l} class="tag tag-strong">{l}</span>)}
        </p>
      )}
      {summary.counts.length > 0 ? (
        <table class="bar-table">
          <caption class="visually-hidden">Files per license</caption>
          <thead>
            <tr>
              <th scope="col">License</th>
              <th scope="col">Files</th>
            </tr>
          </thead>
          <tbody>
            {summary.counts.map((c) => (
              <tr key={c.license}>
                <th scope="row">{c.license}</th>
                <td>
                  <span class="hbar" aria-hidden="true">
                    <span class="hbar-fill" style={{ width: `${(c.files / max) * 100}%` }} />
                  </span>
                  {c.files}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="alert alert-warning">No license found.</p>
      )}
      {summary.withoutLicense.length > 0 && (
        <p class="summary-line">
          <strong>{summary.withoutLicense.length}</strong> {summary.withoutLicense.length === 1 ? 'file has' : 'files have'} no license.
        </p>
      )}
      <details>
        <summary>All {summary.files.length} files</summary>
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">License</th>
                <th scope="col">Detection</th>
              </tr>
            </thead>
            <tbody>
              {summary.files.map((f) => (
                <tr key={f.path}>
                  <td>
                    <code>{f.path}</code>
                  </td>
                  <td>{f.license ?? <span class="muted">none</span>}</td>
                  <td class="muted">{f.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}

function Languages({ segments }: { segments: LanguageSegment[] }) {
  return (
    <div>
      <div class="lang-bar" role="img" aria-label={segments.map((s) => `${s.name} ${s.percent.toFixed(1)}%`).join(', ')}>
        {segments.map((s) => (
          <span key={s.name} style={{ width: `${s.percent}%`, background: s.color }} title={`${s.name} ${s.percent.toFixed(1)}%`} />
        ))}
      </div>
      <ul class="lang-legend">
        {segments.map((s) => (
          <li key={s.name}>
            <span class="dot" style={{ background: s.color }} aria-hidden="true" />
            <strong>{s.name}</strong> <span class="muted">{s.percent.toFixed(1)}%</span>
            <span class="muted small">
              {' '}
              · {s.files} {s.files === 1 ? 'file' : 'files'}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ScorecardChart({ scorecard }: { scorecard: Scorecard }) {
  return (
    <div>
      <p class={`big-score band-${scoreBand(scorecard.score)}`}>
        {scorecard.score === null ? '?' : scorecard.score.toFixed(1)}
        <span class="muted"> / 10</span>
      </p>
      <ul class="score-list">
        {scorecard.checks.map((check) => (
          <li key={check.name}>
            <div class="score-row">
              <span class="score-name">{check.docs ? <a href={check.docs} target="_blank" rel="noopener noreferrer">{check.name}</a> : check.name}</span>
              <span class="hbar score-bar" aria-hidden="true">
                <span class={`hbar-fill band-${scoreBand(check.score)}`} style={{ width: `${((check.score ?? 0) / 10) * 100}%` }} />
              </span>
              <span class="score-value">{check.score === null ? 'n/a' : `${check.score} / 10`}</span>
            </div>
            {check.reason && <div class="muted small">{check.reason}</div>}
            {check.details.length > 0 && (
              <details>
                <summary>Details ({check.details.length})</summary>
                <ul class="plain">
                  {check.details.map((d, i) => (
                    <li key={i}>
                      <code>{d}</code>
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Findings({ report }: { report: FindingsReport }) {
  return (
    <div>
      <dl class="figures">
        {report.summary.map((s) => (
          <div key={s.label}>
            <dt>{s.label}</dt>
            <dd>{s.value}</dd>
          </div>
        ))}
      </dl>
      {report.findings.length === 0 ? (
        <p class="alert alert-ok">{report.emptyMessage}</p>
      ) : (
        <ul class="findings">
          {report.findings.map((f, i) => (
            <li key={i} class={`finding level-${f.level}`}>
              <div>
                <code class="file">
                  {f.file}
                  {f.line !== null && `:${f.line}`}
                </code>{' '}
                <strong>{f.title}</strong>
              </div>
              {f.detail && <div class="muted small">{f.detail}</div>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function JsonView({ value }: { value: unknown }) {
  const text = JSON.stringify(value, null, 2) ?? String(value);
  const long = text.length > 4000;
  const [open, setOpen] = useState(!long);
  return (
    <div>
      {long && (
        <button type="button" class="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide JSON' : `Show JSON (${Math.round(text.length / 1024)} KiB)`}
        </button>
      )}
      {open && <pre class="json">{text}</pre>}
    </div>
  );
}

export function ResultBody({ view }: { view: ResultView }) {
  switch (view.kind) {
    case 'error':
      return (
        <div class="alert alert-error" role="note">
          <strong>Error: </strong>
          {view.message}
        </div>
      );
    case 'empty':
      return <p class="alert alert-ok">{view.message}</p>;
    case 'vulnerabilities':
      return <Vulnerabilities report={view.report} />;
    case 'licenses':
      return <Licenses summary={view.summary} />;
    case 'languages':
      return <Languages segments={view.segments} />;
    case 'scorecard':
      return <ScorecardChart scorecard={view.scorecard} />;
    case 'findings':
      return <Findings report={view.report} />;
    case 'paths':
      return (
        <ul class="plain paths">
          {view.paths.map((p) => (
            <li key={p}>
              <code>{p}</code>
            </li>
          ))}
        </ul>
      );
    case 'json':
      return <JsonView value={view.value} />;
  }
}
