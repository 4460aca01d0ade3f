/**
 * How deeply a JSON text nests, measured on the text itself before anything parses it.
 *
 * Why: everything that walks a parsed value recursively (JSON.stringify, schema validation, the store's
 * serialisation, secure-json-parse's prototype scan) overflows the stack at a few thousand levels, and a
 * 1 MiB body holds 500,000 of them: `task_metadata` nested 5,000 deep answered 500. Refusing on the text
 * with one loop and no recursion means no recursive code ever sees such a value.
 */

/**
 * The deepest nesting accepted in a JSON body or queue message (a document `{"a": {"b": 1}}` is 2 deep).
 * Why 32: task bodies and messages are 1 level, so `task_metadata` may nest 31 levels, far more than any
 * real client sends (upstream's is flat), and far below the ~4,000 levels where recursion overflows.
 */
export const MAX_JSON_DEPTH = 32;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The deepest nesting of objects and arrays in `text`, counting only brackets outside strings; stops early
 * (returning a value above `limit`) as soon as `limit` is passed. Invalid JSON is measured as far as it goes:
 * the parser that runs next reports it.
 */
export function jsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth--;
    }
  }
  return deepest;
}

/** Why `text` is refused, or null when it nests no deeper than `limit`. */
export function jsonDepthProblem(text: string, what: string, limit = MAX_JSON_DEPTH): string | null {
  return jsonDepth(text, limit) > limit ? `${what} nests JSON deeper than ${limit} levels` : null;
}
