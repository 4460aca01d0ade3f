/** The task list: newest first, filtered by status and repository, in pages, refreshed every few seconds. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { formatAge, shortRepository, taskDuration } from '../model/format.js';
import { TASK_STATUSES, type TaskView } from '../model/types.js';
import { usePolling } from '../polling.js';
import { navigate } from '../router.js';
import { ErrorMessage, Loading, PageTitle, StatusBadge, statusLabel } from '../ui.js';

const PAGE_SIZE = 20;
const REFRESH_MS = 3000;

function filtersHash(status: string, repository: string): string {
  const params = new URLSearchParams();
  if (status) params.set('status', status);
  if (repository) params.set('repository', repository);
  const query = params.toString();
  return `#/tasks${query ? `?${query}` : ''}`;
}

function Commands({ list }: { list: string[] }) {
  const shown = list.slice(0, 3);
  const more = list.length - shown.length;
  return (
    <span class="commands" title={list.join(', ')}>
      {shown.map((c) => (
        <code key={c}>{c}</code>
      ))}
      {more > 0 && <span class="muted"> +{more} more</span>}
    </span>
  );
}

/** The owner column's cell: the submitter, or the queue for tasks the Python main published. */
function Owner({ task }: { task: TaskView }) {
  return task.submitted_by ? <>{task.submitted_by}</> : <span class="muted" title="Published to the queue directly (no submitting user)">queue</span>;
}

function TaskRow({ task, now, showOwner }: { task: TaskView; now: number; showOwner: boolean }) {
  const duration = taskDuration(task, now);
  return (
    <tr>
      <td data-label="Status">
        <StatusBadge status={task.status} />
      </td>
      <td data-label="Repository" class="repo-cell">
        <a href={`#/tasks/${encodeURIComponent(task.task_id)}`} title={task.project_url}>
          {shortRepository(task.project_url)}
        </a>
      </td>
      <td data-label="Commands">
        <Commands list={task.command_list} />
      </td>
      {showOwner && (
        <td data-label="Owner">
          <Owner task={task} />
        </td>
      )}
      <td data-label="Agent">{task.agent ?? <span class="muted">—</span>}</td>
      <td data-label="Age">
        <time dateTime={task.created_at} title={task.created_at}>
          {formatAge(task.created_at, now)}
        </time>
      </td>
      <td data-label="Duration">{duration ?? <span class="muted">—</span>}</td>
    </tr>
  );
}

export function TasksPage({ params }: { params: URLSearchParams }) {
  const status = params.get('status') ?? '';
  const repository = params.get('repository') ?? '';
  // Cursors of the pages visited so far: index 0 is the first page (no cursor).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [repoInput, setRepoInput] = useState(repository);
  const [seenRepos, setSeenRepos] = useState<string[]>([]);
  const cursor = cursors.at(-1) ?? null;

  useEffect(() => {
    setCursors([null]);
    setRepoInput(repository);
  }, [status, repository]);

  const page = usePolling((signal) => api.tasks({ status, repository, cursor, limit: PAGE_SIZE }, signal), REFRESH_MS, [status, repository, cursor]);

  useEffect(() => {
    const urls = page.data?.tasks.map((t) => t.project_url) ?? [];
    if (urls.some((u) => !seenRepos.includes(u))) setSeenRepos((seen) => [...new Set([...seen, ...urls])].slice(-200));
  }, [page.data]);

  const applyRepository = (event: Event): void => {
    event.preventDefault();
    navigate(filtersHash(status, repoInput.trim()), true);
  };
  const now = Date.now();
  const tasks = page.data?.tasks ?? [];
  // Admins list every user's tasks, so they get an owner column; a user sees only their own.
  const showOwner = page.data?.scope === 'all';

  return (
    <section aria-labelledby="tasks-title">
      <div class="page-head">
        <PageTitle id="tasks-title">Tasks</PageTitle>
        <a class="button primary" href="#/submit">
          New check
        </a>
      </div>
      <form class="filters" onSubmit={applyRepository} role="search" aria-label="Filter tasks">
        <div class="field">
          <label for="filter-status">Status</label>
          <select id="filter-status" value={status} onChange={(e) => navigate(filtersHash(e.currentTarget.value, repository), true)}>
            <option value="">All statuses</option>
            {TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <div class="field grow">
          <label for="filter-repository">Repository URL</label>
          <input
            id="filter-repository"
            type="search"
            list="seen-repositories"
            placeholder="https://github.com/owner/repo"
            value={repoInput}
            onInput={(e) => setRepoInput(e.currentTarget.value)}
            aria-describedby="filter-repository-help"
          />
          <datalist id="seen-repositories">
            {seenRepos.map((url) => (
              <option key={url} value={url} />
            ))}
          </datalist>
          <small id="filter-repository-help" class="muted">
            The exact URL the check was submitted with.
          </small>
        </div>
        <div class="field actions">
          <button type="submit">Filter</button>
          {(status || repository) && (
            <button type="button" class="link-button" onClick={() => navigate('#/tasks', true)}>
              Clear filters
            </button>
          )}
        </div>
      </form>

      {page.error !== null && <ErrorMessage error={page.error} title="Could not load the tasks" />}
      {page.loading && !page.data ? (
        <Loading label="Loading tasks…" />
      ) : tasks.length === 0 ? (
        <p class="empty">{status || repository ? 'No tasks match these filters.' : 'No tasks yet. Submit a check to see it here.'}</p>
      ) : (
        <table class="tasks-table responsive">
          <caption class="visually-hidden">
            Tasks{status ? `, status ${statusLabel(status)}` : ''}
            {repository ? `, repository ${repository}` : ''}, page {cursors.length}
          </caption>
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Repository</th>
              <th scope="col">Commands</th>
              {showOwner && <th scope="col">Owner</th>}
              <th scope="col">Agent</th>
              <th scope="col">Age</th>
              <th scope="col">Duration</th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((task) => (
              <TaskRow key={task.task_id} task={task} now={now} showOwner={showOwner} />
            ))}
          </tbody>
        </table>
      )}
      <nav class="pager" aria-label="Pages">
        <button type="button" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          ← Newer
        </button>
        <span class="muted">Page {cursors.length}</span>
        <button type="button" disabled={!page.data?.next_cursor} onClick={() => page.data?.next_cursor && setCursors((c) => [...c, page.data?.next_cursor ?? null])}>
          Older →
        </button>
      </nav>
    </section>
  );
}
