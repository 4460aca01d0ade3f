/**
 * Finds the line where a package is declared without a position-aware parser: the parsers we use (JSON.parse,
 * yaml, smol-toml, ...) drop positions, so extractors search the text for the declaring key. Packages appear in
 * files in the order parsers return them, so a forward-moving cursor makes locating all packages of a file a
 * single pass (O(file size)), with a search from the start as the fallback when the order differs.
 */
export class LineLocator {
  private readonly text: string;
  private newlines: number[] | null = null;
  private cursor = 0;

  constructor(text: string) {
    this.text = text;
  }

  /** 1-based line of a character offset (binary search over newline offsets, built once). */
  lineAt(offset: number): number {
    const newlines = (this.newlines ??= this.indexNewlines());
    let low = 0;
    let high = newlines.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((newlines[mid] as number) < offset) low = mid + 1;
      else high = mid;
    }
    return low + 1;
  }

  /**
   * Line of the next occurrence of `needle` at or after the cursor (then the first one from the start), for
   * which `accept(offsetAfterNeedle)` holds; moves the cursor past it. Undefined when there is none.
   */
  find(needle: string, accept?: (after: number) => boolean): number | undefined {
    const offset = this.search(needle, this.cursor, accept) ?? (this.cursor > 0 ? this.search(needle, 0, accept) : undefined);
    if (offset === undefined) return undefined;
    this.cursor = offset + needle.length;
    return this.lineAt(offset);
  }

  /** Line of a JSON object key (`"key": `), optionally only where its value is an object (`{`). */
  findJsonKey(key: string, objectValue = false): number | undefined {
    return this.find(JSON.stringify(key), (after) => {
      const colon = this.skipSpace(after);
      if (this.text[colon] !== ':') return false;
      return !objectValue || this.text[this.skipSpace(colon + 1)] === '{';
    });
  }

  /** Line of the next line that starts (after indentation) with `prefix`. */
  findLineStart(prefix: string): number | undefined {
    return this.find(prefix, (after) => {
      let start = after - prefix.length - 1;
      while (start >= 0 && (this.text[start] === ' ' || this.text[start] === '\t')) start--;
      return start < 0 || this.text[start] === '\n';
    });
  }

  /** Line of a YAML-style mapping key at the start of a line, bare or quoted (`key:`, `'key':`, `"key":`). */
  findMappingKey(key: string): number | undefined {
    return this.find(key, (after) => {
      let end = after;
      if (this.text[end] === "'" || this.text[end] === '"') end++;
      if (this.text[end] !== ':') return false;
      let start = after - key.length - 1;
      if (this.text[start] === "'" || this.text[start] === '"') start--;
      while (start >= 0 && (this.text[start] === ' ' || this.text[start] === '\t')) start--;
      return start < 0 || this.text[start] === '\n';
    });
  }

  private search(needle: string, from: number, accept?: (after: number) => boolean): number | undefined {
    let at = this.text.indexOf(needle, from);
    while (at !== -1) {
      if (!accept || accept(at + needle.length)) return at;
      at = this.text.indexOf(needle, at + 1);
    }
    return undefined;
  }

  private skipSpace(offset: number): number {
    let at = offset;
    while (at < this.text.length && /\s/.test(this.text[at] as string)) at++;
    return at;
  }

  private indexNewlines(): number[] {
    const newlines: number[] = [];
    let at = this.text.indexOf('\n');
    while (at !== -1) {
      newlines.push(at);
      at = this.text.indexOf('\n', at + 1);
    }
    return newlines;
  }
}
