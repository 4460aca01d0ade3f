/**
 * Agents (GET /agents), queue depth (GET /queue) and dead letters (GET /queue/dead-letters, admin only) with
 * the requeue action. Servers without the queue routes answer 404: the section says so instead of failing.
 */
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.js';
import { formatAge, shortRepository } from '../model/format.js';
import type { AgentsResponse, DeadLetter } from '../model/types.js';
import { usePolling } from '../polling.js';
import { ErrorMessage, Loading, PageTitle, isNotFound, messageOf } from '../ui.js';

const REFRESH_MS = 5000;

function Agents({ data, now }: { data: AgentsResponse; now: number }) {
  if (data.agents.length === 0) return <p class="empty">No agents have registered. Start one with <code>openchecker agent</code> or <code>openchecker up</code>.</p>;
  return (
    <table class="responsive">
      <caption class="visually-hidden">Agents</caption>
      <thead>
        <tr>
          <th scope="col">Agent</th>
          <th scope="col">Status</th>
          <th scope="col">Host</th>
          <th scope="col">Concurrency</th>
          <th scope="col">Current tasks</th>
          <th scope="col">Last heartbeat</th>
        </tr>
      </thead>
      <tbody>
        {data.agents.map((agent) => (
          <tr key={agent.id}>
            <td data-label="Agent">
              <code>{agent.id}</code>
              <div class="muted small">v{agent.version}</div>
            </td>
            <td data-label="Status">
              <span class={`badge agent-${agent.status}`}>{agent.status}</span>
            </td>
            <td data-label="Host">
              {agent.hostname} <span class="muted small">pid {agent.pid}</span>
            </td>
            <td data-label="Concurrency">
              {agent.current_tasks.length} / {agent.concurrency}
            </td>
            <td data-label="Current tasks">
              {agent.current_tasks.length === 0 ? (
                <span class="muted">idle</span>
              ) : (
                <ul class="plain">
                  {agent.current_tasks.map((id) => (
                    <li key={id}>
                      <a href={`#/tasks/${encodeURIComponent(id)}`}>
                        <code>{id.slice(0, 8)}</code>
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td data-label="Last heartbeat">
              <time dateTime={agent.last_heartbeat_at}>{formatAge(agent.last_heartbeat_at, now)}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Figure({ label, value, hint }: { label: string; value: string | number; hint?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        {value}
        {hint && <span class="muted small"> {hint}</span>}
      </dd>
    </div>
  );
}

function QueueFigures({ agents }: { agents: AgentsResponse | null }) {
  const queue = usePolling((signal) => api.queue(signal), REFRESH_MS, []);
  if (queue.data) {
    const q = queue.data;
    return (
      <dl class="figures">
        <Figure label="Backend" value={q.backend} />
        <Figure label="Waiting" value={q.queue.depth} hint={q.queue.name} />
        {q.queue.unacked !== undefined && <Figure label="Being worked on" value={q.queue.unacked} />}
        <Figure label="Consumers" value={q.queue.consumers ?? '—'} />
        <Figure label="Dead letters" value={q.dead_letters.depth} hint={q.dead_letters.name} />
      </dl>
    );
  }
  if (queue.error !== null && !isNotFound(queue.error)) return <ErrorMessage error={queue.error} title="Could not load the queue" />;
  // Servers without GET /queue: GET /agents carries the embedded queue's counters.
  if (queue.error !== null && agents?.queue) {
    return (
      <dl class="figures">
        <Figure label="Waiting" value={agents.queue.ready} />
        <Figure label="Being worked on" value={agents.queue.unacked} />
        <Figure label="Dead letters" value={agents.queue.dead_letters} />
      </dl>
    );
  }
  return queue.error !== null ? <p class="muted">Queue details are not available on this server.</p> : <Loading label="Loading the queue…" />;
}

function DeadLetters() {
  const letters = usePolling((signal) => api.deadLetters(signal), REFRESH_MS, []);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (letters.error instanceof ApiError && letters.error.status === 403) return <p class="muted">Only administrators can see and requeue dead letters.</p>;
  if (isNotFound(letters.error)) return <p class="muted">Dead letters are not available on this server.</p>;
  if (letters.error !== null && !letters.data) return <ErrorMessage error={letters.error} title="Could not load the dead letters" />;
  if (!letters.data) return <Loading label="Loading dead letters…" />;

  const items = letters.data;
  const requeueable = items.filter((i): i is DeadLetter & { task_id: string } => i.task_id !== null);
  const requeue = async (selection: { task_ids: string[] } | { all: true }): Promise<void> => {
    setBusy(true);
    setNotice(null);
    setFailure(null);
    try {
      const n = await api.requeue(selection);
      setNotice(`Requeued ${n} ${n === 1 ? 'task' : 'tasks'}.`);
      setSelected(new Set());
      letters.reload();
    } catch (err) {
      setFailure(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  const toggle = (id: string): void => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };

  return (
    <div>
      <div aria-live="polite">
        {notice && <p class="alert alert-ok">{notice}</p>}
      </div>
      {failure && (
        <div class="alert alert-error" role="alert">
          {failure}
        </div>
      )}
      {items.length === 0 ? (
        <p class="empty">No dead letters.</p>
      ) : (
        <>
          <div class="table-scroll">
            <table>
              <caption class="visually-hidden">Dead-lettered messages</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span class="visually-hidden">Select</span>
                  </th>
                  <th scope="col">Task</th>
                  <th scope="col">Repository</th>
                  <th scope="col">Reason</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item, index) => (
                  <tr key={item.task_id ?? `message-${index}`}>
                    <td>
                      {item.task_id && (
                        <input
                          type="checkbox"
                          aria-label={`Select task ${item.task_id}`}
                          checked={selected.has(item.task_id)}
                          onChange={() => item.task_id && toggle(item.task_id)}
                        />
                      )}
                    </td>
                    <td>
                      {item.task_id ? (
                        <a href={`#/tasks/${encodeURIComponent(item.task_id)}`}>
                          <code>{item.task_id.slice(0, 8)}</code>
                        </a>
                      ) : (
                        <span class="muted">no task id</span>
                      )}
                    </td>
                    <td>{item.project_url ? shortRepository(item.project_url) : <span class="muted">—</span>}</td>
                    <td>{item.reason}</td>
                    <td>
                      <time dateTime={item.dead_lettered_at}>{formatAge(item.dead_lettered_at, Date.now())}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="actions-row">
            <button type="button" disabled={busy || selected.size === 0} onClick={() => void requeue({ task_ids: [...selected] })}>
              Requeue selected ({selected.size})
            </button>
            <button type="button" disabled={busy || requeueable.length === 0} onClick={() => void requeue({ all: true })}>
              Requeue all
            </button>
          </div>
        </>
      )}
    </div>
  );
}

export function AgentsPage() {
  const agents = usePolling((signal) => api.agents(signal), REFRESH_MS, []);
  const now = Date.now();
  return (
    <section aria-labelledby="agents-title">
      <PageTitle id="agents-title">Agents &amp; queue</PageTitle>
      <section class="card" aria-labelledby="queue-heading">
        <h2 id="queue-heading">Queue</h2>
        <QueueFigures agents={agents.data} />
      </section>
      <section class="card" aria-labelledby="agents-heading">
        <h2 id="agents-heading">Agents</h2>
        {agents.error !== null && <ErrorMessage error={agents.error} title="Could not load the agents" />}
        {agents.data ? <Agents data={agents.data} now={now} /> : agents.error === null && <Loading label="Loading agents…" />}
      </section>
      <section class="card" aria-labelledby="dead-heading">
        <h2 id="dead-heading">Dead letters</h2>
        <DeadLetters />
      </section>
    </section>
  );
}
