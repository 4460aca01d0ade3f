/** One task: its timeline (queued → started → finished → callback) and one view per command's result. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { checkerVersionLabel, formatDuration, formatTimestamp, parseTime } from '../model/format.js';
import { resultView } from '../model/results.js';
import { FINISHED_STATUSES, type TaskView } from '../model/types.js';
import { usePolling } from '../polling.js';
import { ResultBody } from '../results/views.js';
import { ErrorMessage, Loading, PageTitle, StatusBadge, isNotFound, statusLabel } from '../ui.js';

const REFRESH_MS = 2000;

type StepState = 'done' | 'current' | 'failed' | 'pending';

interface Step {
  label: string;
  state: StepState;
  at: string | null;
  text: string;
}

function steps(task: TaskView): Step[] {
  const finished = FINISHED_STATUSES.includes(task.status);
  const started = task.started_at !== null;
  const runTime = (() => {
    const start = parseTime(task.started_at);
    const end = parseTime(task.finished_at);
    return start !== null && end !== null ? formatDuration(end - start) : null;
  })();
  const list: Step[] = [
    { label: 'Queued', state: 'done', at: task.created_at, text: 'Accepted and queued.' },
    {
      label: 'Started',
      state: started ? 'done' : task.status === 'queued' ? 'current' : 'pending',
      at: task.started_at,
      text: started ? `On agent ${task.agent ?? '?'}${task.attempts > 1 ? `, attempt ${task.attempts}` : ''}.` : task.status === 'dead_lettered' ? 'Never started.' : 'Waiting for an agent.',
    },
    {
      label: finished ? statusLabel(task.status) : 'Finished',
      state: finished ? (task.status === 'succeeded' ? 'done' : 'failed') : task.status === 'running' ? 'current' : 'pending',
      at: task.finished_at,
      text: finished ? `${runTime ? `Ran for ${runTime}.` : ''}${task.error ? ` ${task.error}` : ''}`.trim() || statusLabel(task.status) : task.status === 'running' ? 'Running the commands.' : 'Not finished.',
    },
  ];
  const cb = task.callback;
  const attempts = `${cb.attempts} ${cb.attempts === 1 ? 'attempt' : 'attempts'}`;
  if (cb.status === 'none' && !task.callback_url) {
    list.push({ label: 'Callback', state: 'pending', at: null, text: 'No callback URL: read the results here or with GET /tasks/:id.' });
  } else if (cb.status === 'delivered') {
    list.push({ label: 'Callback delivered', state: 'done', at: cb.delivered_at, text: `Delivered after ${attempts}.` });
  } else if (cb.status === 'failed') {
    list.push({ label: 'Callback failed', state: 'failed', at: null, text: `Gave up after ${attempts}${cb.last_error ? `: ${cb.last_error}` : '.'}` });
  } else if (cb.status === 'pending') {
    const next = cb.next_attempt_at ? ` Next attempt ${formatTimestamp(cb.next_attempt_at)}.` : '';
    list.push({ label: 'Callback pending', state: 'current', at: null, text: `${attempts} so far.${next}${cb.last_error ? ` Last error: ${cb.last_error}` : ''}` });
  } else {
    list.push({ label: 'Callback', state: 'pending', at: null, text: 'Sent when the task finishes.' });
  }
  return list;
}

function Timeline({ task }: { task: TaskView }) {
  return (
    <ol class="timeline" aria-label="Timeline">
      {steps(task).map((step) => (
        <li key={step.label} class={`step step-${step.state}`}>
          <span class="step-marker" aria-hidden="true" />
          <div>
            <strong>{step.label}</strong>
            {step.at && (
              <time class="muted small" dateTime={step.at}>
                {' '}
                {formatTimestamp(step.at)}
              </time>
            )}
            <div class="small">{step.text}</div>
          </div>
        </li>
      ))}
    </ol>
  );
}

function Results({ task }: { task: TaskView }) {
  const results = task.scan_results ?? {};
  return (
    <>
      {task.command_list.map((command) => {
        const has = Object.prototype.hasOwnProperty.call(results, command);
        const view = has ? resultView(command, results[command]) : null;
        const version = has ? checkerVersionLabel(task.command_versions, command) : null;
        const reusedFrom = has ? (task.reused_from?.[command] ?? null) : null;
        const id = `result-${command}`;
        return (
          <section key={command} class="card result" aria-labelledby={id}>
            <h2 id={id}>
              <code>{command}</code>
              {version && (
                <span class="checker-version muted small" title="Version of the checker that produced this result">
                  {' '}
                  {version}
                </span>
              )}
              {view?.kind === 'error' && <span class="badge status-failed">error</span>}
              {reusedFrom && (
                <a class="badge reused small" href={`#/tasks/${encodeURIComponent(reusedFrom)}`} title="Same input as an earlier task: its stored result was reused (submit with fresh to run it again)">
                  reused
                </a>
              )}
            </h2>
            {view ? (
              <ResultBody view={view} />
            ) : (
              <p class="muted">{FINISHED_STATUSES.includes(task.status) ? 'No result.' : 'Waiting for the result…'}</p>
            )}
          </section>
        );
      })}
    </>
  );
}

export function TaskPage({ id }: { id: string }) {
  // Polling stops once nothing can change any more: finished, and no callback delivery still pending.
  const [settled, setSettled] = useState(false);
  const polled = usePolling((signal) => api.task(id, signal), settled ? null : REFRESH_MS, [id]);
  const task = polled.data;
  useEffect(() => {
    setSettled(task !== null && FINISHED_STATUSES.includes(task.status) && task.callback.status !== 'pending');
  }, [task]);

  if (!task) {
    return (
      <section>
        <p>
          <a href="#/tasks">← Tasks</a>
        </p>
        {polled.error !== null ? <ErrorMessage error={polled.error} title={isNotFound(polled.error) ? 'No such task' : 'Could not load the task'} /> : <Loading label="Loading the task…" />}
      </section>
    );
  }
  const metadata = Object.entries(task.task_metadata ?? {});
  return (
    <section aria-labelledby="task-title">
      <p>
        <a href="#/tasks">← Tasks</a>
      </p>
      <div class="page-head">
        <PageTitle id="task-title">
          <span class="repo-title">{task.project_url}</span>
        </PageTitle>
        <span aria-live="polite">
          <StatusBadge status={task.status} />
        </span>
      </div>
      <dl class="facts">
        <div>
          <dt>Task</dt>
          <dd>
            <code>{task.task_id}</code>
          </dd>
        </div>
        {task.submitted_by && (
          <div>
            <dt>Submitted by</dt>
            <dd>{task.submitted_by}</dd>
          </div>
        )}
        {task.commit_hash && (
          <div>
            <dt>Commit</dt>
            <dd>
              <code>{task.commit_hash}</code>
            </dd>
          </div>
        )}
        {metadata.map(([key, value]) => (
          <div key={key}>
            <dt>{key}</dt>
            <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
          </div>
        ))}
        {task.callback_url && (
          <div>
            <dt>Callback URL</dt>
            <dd>
              <code>{task.callback_url}</code>
            </dd>
          </div>
        )}
      </dl>
      {polled.error !== null && <ErrorMessage error={polled.error} title="Could not refresh" />}
      {task.results_purged_at && (
        <p class="alert alert-warning" role="status">
          The results were removed on {new Date(task.results_purged_at).toLocaleString()} by the server's retention policy.
        </p>
      )}
      {task.error && (
        <div class="alert alert-error" role="alert">
          <strong>Task {statusLabel(task.status).toLowerCase()}: </strong>
          {task.error}
        </div>
      )}
      <div class="detail-grid">
        <aside class="card">
          <h2>Timeline</h2>
          <Timeline task={task} />
        </aside>
        <div class="results">
          <Results task={task} />
        </div>
      </div>
    </section>
  );
}
