/**
 * Line handling shared by readers of line-based files. Shell itself is parsed with a real parser in
 * src/analysis/scorecard/pinned-dependencies/shell/ (the regex reading that lived here is gone).
 */

/** Lines with backslash continuations joined, each with the 0-based line it starts on (comments and blanks dropped). */
export function logicalLines(script: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const lines = script.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let text = lines[i] ?? '';
    while (/(^|[^\\])\\$/.test(text) && i + 1 < lines.length) text = text.slice(0, -1) + ' ' + (lines[++i] ?? '');
    if (text.trim() !== '' && !text.trim().startsWith('#')) out.push({ text, line: start });
  }
  return out;
}
