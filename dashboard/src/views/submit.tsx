/**
 * Submit a check with POST /opencheck. Validation is the API's: its message is shown at the top and each
 * problem next to its field (the error's `details` name the field). Only the metadata JSON is checked here,
 * because it has to be parsed before it can be sent.
 */
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.js';
import type { CommandInfo } from '../model/types.js';
import { usePolling } from '../polling.js';
import { navigate } from '../router.js';
import { ErrorMessage, Loading, PageTitle, messageOf } from '../ui.js';

type FieldErrors = Partial<Record<'project_url' | 'commands' | 'callback_url' | 'task_metadata' | 'commit_hash', string>>;

function fieldErrors(error: ApiError): FieldErrors {
  const out: FieldErrors = {};
  for (const detail of error.details) {
    const field = (detail.field ?? '').split('.')[0] as keyof FieldErrors;
    if (['project_url', 'commands', 'callback_url', 'task_metadata', 'commit_hash'].includes(field) && detail.message) {
      out[field] = out[field] ? `${out[field]}; ${detail.message}` : detail.message;
    }
  }
  return out;
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={id} class="field-error">
      {message}
    </p>
  ) : null;
}

function CommandChoices({ commands, selected, toggle, invalid }: { commands: CommandInfo[]; selected: Set<string>; toggle: (name: string) => void; invalid: boolean }) {
  return (
    <ul class="command-list">
      {commands.map((command) => {
        const id = `cmd-${command.name}`;
        return (
          <li key={command.name} class={command.available ? '' : 'unavailable'}>
            <input
              type="checkbox"
              id={id}
              checked={selected.has(command.name)}
              onChange={() => toggle(command.name)}
              aria-describedby={`${id}-desc`}
              aria-invalid={invalid || undefined}
            />
            <label for={id}>
              <code>{command.name}</code>
              {!command.available && <span class="tag">not implemented</span>}
            </label>
            <p id={`${id}-desc`} class="muted small">
              {command.description}
            </p>
          </li>
        );
      })}
    </ul>
  );
}

export function SubmitPage() {
  const commands = usePolling((signal) => api.commands(signal), null, []);
  const [projectUrl, setProjectUrl] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [callbackUrl, setCallbackUrl] = useState('');
  const [commitHash, setCommitHash] = useState('');
  const [metadata, setMetadata] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const toggle = (name: string): void => {
    const next = new Set(selected);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    setSelected(next);
  };

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    setError(null);
    setFields({});
    let taskMetadata: unknown = undefined;
    if (metadata.trim()) {
      try {
        taskMetadata = JSON.parse(metadata) as unknown;
      } catch (err) {
        setFields({ task_metadata: `Metadata is not valid JSON: ${messageOf(err)}` });
        setError('Fix the metadata before submitting.');
        return;
      }
      if (typeof taskMetadata !== 'object' || taskMetadata === null || Array.isArray(taskMetadata)) {
        setFields({ task_metadata: 'Metadata must be a JSON object, for example {"version_number": "v1.0"}.' });
        setError('Fix the metadata before submitting.');
        return;
      }
    }
    // The order of the list on screen, which is the registry's order.
    const chosen = (commands.data ?? []).map((c) => c.name).filter((name) => selected.has(name));
    const body: Record<string, unknown> = { project_url: projectUrl.trim(), commands: chosen };
    if (callbackUrl.trim()) body.callback_url = callbackUrl.trim();
    if (commitHash.trim()) body.commit_hash = commitHash.trim();
    if (taskMetadata !== undefined) body.task_metadata = taskMetadata;
    setBusy(true);
    try {
      const { task_id: taskId } = await api.submit(body);
      navigate(`#/tasks/${encodeURIComponent(taskId)}`);
    } catch (err) {
      setBusy(false);
      setError(messageOf(err));
      if (err instanceof ApiError) setFields(fieldErrors(err));
    }
  };

  const describedBy = (field: keyof FieldErrors, help?: string): string | undefined => [help, fields[field] ? `${field}-error` : undefined].filter(Boolean).join(' ') || undefined;

  return (
    <section aria-labelledby="submit-title">
      <PageTitle id="submit-title">New check</PageTitle>
      <form class="card submit-form" onSubmit={(e) => void submit(e)} noValidate>
        {error && (
          <div class="alert alert-error" role="alert" id="submit-error">
            {error}
          </div>
        )}
        <div class="field">
          <label for="project_url">Repository URL</label>
          <input
            id="project_url"
            type="url"
            inputMode="url"
            placeholder="https://github.com/owner/repo"
            value={projectUrl}
            onInput={(e) => setProjectUrl(e.currentTarget.value)}
            aria-invalid={fields.project_url ? true : undefined}
            aria-describedby={describedBy('project_url')}
          />
          <FieldError id="project_url-error" message={fields.project_url} />
        </div>
        <fieldset aria-describedby={describedBy('commands')}>
          <legend>Commands</legend>
          {commands.error !== null ? (
            <ErrorMessage error={commands.error} title="Could not load the commands" />
          ) : !commands.data ? (
            <Loading label="Loading commands…" />
          ) : (
            <>
              <div class="command-tools">
                <button type="button" class="link-button" onClick={() => setSelected(new Set((commands.data ?? []).filter((c) => c.available).map((c) => c.name)))}>
                  Select all implemented
                </button>
                <button type="button" class="link-button" onClick={() => setSelected(new Set())}>
                  Clear
                </button>
                <span class="muted small" aria-live="polite">
                  {selected.size} selected
                </span>
              </div>
              <CommandChoices commands={commands.data} selected={selected} toggle={toggle} invalid={Boolean(fields.commands)} />
            </>
          )}
          <FieldError id="commands-error" message={fields.commands} />
        </fieldset>
        <details open={Boolean(fields.callback_url || fields.commit_hash || fields.task_metadata)}>
          <summary>Callback, commit and metadata (optional)</summary>
          <div class="field">
            <label for="callback_url">Callback URL</label>
            <input
              id="callback_url"
              type="url"
              placeholder="https://example.test/openchecker-results"
              value={callbackUrl}
              onInput={(e) => setCallbackUrl(e.currentTarget.value)}
              aria-invalid={fields.callback_url ? true : undefined}
              aria-describedby={describedBy('callback_url', 'callback_url-help')}
            />
            <small id="callback_url-help" class="muted">
              The results are POSTed there when the check finishes.
            </small>
            <FieldError id="callback_url-error" message={fields.callback_url} />
          </div>
          <div class="field">
            <label for="commit_hash">Commit</label>
            <input
              id="commit_hash"
              value={commitHash}
              spellcheck={false}
              onInput={(e) => setCommitHash(e.currentTarget.value)}
              aria-invalid={fields.commit_hash ? true : undefined}
              aria-describedby={describedBy('commit_hash', 'commit_hash-help')}
            />
            <small id="commit_hash-help" class="muted">
              Base commit for changed-files-since-commit-detector.
            </small>
            <FieldError id="commit_hash-error" message={fields.commit_hash} />
          </div>
          <div class="field">
            <label for="task_metadata">Metadata (JSON object)</label>
            <textarea
              id="task_metadata"
              rows={3}
              spellcheck={false}
              placeholder='{"version_number": "v1.0"}'
              value={metadata}
              onInput={(e) => setMetadata(e.currentTarget.value)}
              aria-invalid={fields.task_metadata ? true : undefined}
              aria-describedby={describedBy('task_metadata', 'task_metadata-help')}
            />
            <small id="task_metadata-help" class="muted">
              Sent back with the results; <code>version_number</code> checks out that tag, branch or commit.
            </small>
            <FieldError id="task_metadata-error" message={fields.task_metadata} />
          </div>
        </details>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Submitting…' : 'Run check'}
        </button>
      </form>
    </section>
  );
}
