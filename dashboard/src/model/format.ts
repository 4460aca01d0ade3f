/** Short human forms of times and durations for the lists ("3 min ago", "1 m 12 s"). */

export function parseTime(value: string | null | undefined): number | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** A duration in milliseconds as "850 ms", "12 s", "3 min 4 s", "2 h 5 min", "3 d 4 h". */
export function formatDuration(ms: number): string {
  if (ms < 0) ms = 0;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** "just now", "5 s ago", "3 min ago"… relative to `now`. */
export function formatAge(at: string | null | undefined, now: number): string {
  const ms = parseTime(at);
  if (ms === null) return '—';
  const delta = now - ms;
  if (delta < 1500) return 'just now';
  return `${formatDuration(delta).replace(/ \d+ (s|min|h)$/, '')} ago`;
}

/**
 * How long a task ran: finished − started, or "running for" now − started while it runs; null when it has
 * not started.
 */
export function taskDuration(task: { started_at: string | null; finished_at: string | null }, now: number): string | null {
  const start = parseTime(task.started_at);
  if (start === null) return null;
  const end = parseTime(task.finished_at) ?? now;
  return formatDuration(end - start);
}

/**
 * "v3": the version of the checker that produced a command's result; null when the server does not know it
 * (results stored before versions were, a dead-lettered task, an older server).
 */
export function checkerVersionLabel(versions: Readonly<Record<string, number | null>> | null | undefined, command: string): string | null {
  const version = versions && Object.prototype.hasOwnProperty.call(versions, command) ? versions[command] : null;
  return typeof version === 'number' ? `v${version}` : null;
}

/** A timestamp in the reader's locale, with seconds. */
export function formatTimestamp(at: string | null | undefined): string {
  const ms = parseTime(at);
  return ms === null ? '—' : new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** The repository part of a URL for narrow columns: "github.com/owner/repo" (scheme and ".git" dropped). */
export function shortRepository(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\.git$/, '').replace(/\/$/, '');
}
