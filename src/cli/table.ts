/** A plain-text summary of results, one row per command, for `--format table`. */
import type { Json } from '../checkers/types.js';

/** The paths of a finder's result: upstream's newline-separated text, or `{"readme_file": [paths]}` (one key). */
function foundPaths(result: Json): string[] | null {
  if (typeof result === 'string') return result.split('\n').filter(Boolean);
  const values = result && typeof result === 'object' && !Array.isArray(result) ? Object.values(result) : [];
  const list = values.length === 1 ? values[0] : null;
  return Array.isArray(list) && list.every((item): item is string => typeof item === 'string') ? list : null;
}

function summarise(result: Json): { status: string; summary: string } {
  if (result && typeof result === 'object' && !Array.isArray(result) && typeof result.error === 'string') {
    return { status: 'error', summary: result.error };
  }
  const lines = foundPaths(result);
  if (lines) {
    return { status: 'ok', summary: lines.length === 0 ? 'nothing found' : `${lines.length} found: ${lines.slice(0, 3).join(', ')}${lines.length > 3 ? ', ...' : ''}` };
  }
  if (Array.isArray(result)) return { status: 'ok', summary: result.length === 0 ? 'nothing found' : `${result.length} item(s)` };
  if (result && typeof result === 'object') {
    const entries = Object.entries(result);
    if (entries.length === 0) return { status: 'ok', summary: 'nothing found' };
    const parts = entries.slice(0, 4).map(([key, value]) => `${key}=${Array.isArray(value) ? `[${value.length}]` : typeof value === 'object' && value !== null ? '{...}' : String(value)}`);
    return { status: 'ok', summary: parts.join(' ') };
  }
  return { status: 'ok', summary: String(result) };
}

export function formatTable(results: Record<string, Json>): string {
  const rows = Object.entries(results).map(([command, result]) => ({ command, ...summarise(result) }));
  const width = Math.max(7, ...rows.map((row) => row.command.length));
  const lines = [`${'COMMAND'.padEnd(width)}  STATUS  SUMMARY`];
  for (const row of rows) {
    const summary = row.summary.replace(/\s+/g, ' ');
    lines.push(`${row.command.padEnd(width)}  ${row.status.padEnd(6)}  ${summary.length > 100 ? `${summary.slice(0, 97)}...` : summary}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Rows under headers, columns padded to their widest cell. */
export function formatRows(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [headers, ...rows].map((row) => row.map(String));
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  return cells.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n');
}
