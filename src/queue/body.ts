/** Reads one string field of a message body that may not be JSON at all (dead letters include poison bodies). */
export function stringField(body: string, key: 'task_id' | 'project_url' | 'callback_url'): string | null {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown> | null;
    const value = parsed && typeof parsed === 'object' ? parsed[key] : undefined;
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}
