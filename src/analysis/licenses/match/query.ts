/**
 * A text as the matcher sees it: the ids of its words that some rule holds, in order, each with its line. Words no
 * rule holds cannot be part of an exact match; ScanCode drops them from the token stream too and remembers how
 * many sat after each position, so that a match spanning them scores lower (its "query magnitude" is larger).
 */
import { tokenizeWithLines, type LicenseDb } from '../licensedb-index.js';

export interface Query {
  /** Token ids of the known words, in text order. */
  readonly ids: Int32Array;
  /** 1-based line of each known word. */
  readonly lines: Int32Array;
  /** Offset of each known word in `lower`. */
  readonly offsets: Int32Array;
  /** The text, lower-cased. */
  readonly lower: string;
  /** Unknown words right after each known position; `unknownBefore` counts those before the first. */
  readonly unknownAfter: Uint32Array;
  readonly unknownBefore: number;
  /** All words, known or not (the denominator of `percentage_of_license_text`). */
  readonly wordCount: number;
}

export function buildQuery(db: LicenseDb, text: string): Query {
  const { words, lines, offsets, lower } = tokenizeWithLines(text);
  const ids = new Int32Array(words.length);
  const known = new Int32Array(words.length);
  const knownOffsets = new Int32Array(words.length);
  const unknownAfter = new Uint32Array(words.length);
  let unknownBefore = 0;
  let n = 0;
  for (let i = 0; i < words.length; i++) {
    const id = db.tokenId(words[i] as string);
    if (id === undefined) {
      if (n === 0) unknownBefore++;
      else unknownAfter[n - 1] = (unknownAfter[n - 1] as number) + 1;
      continue;
    }
    ids[n] = id;
    known[n] = lines[i] as number;
    knownOffsets[n] = offsets[i] as number;
    n++;
  }
  return {
    ids: ids.subarray(0, n),
    lines: known.subarray(0, n),
    offsets: knownOffsets.subarray(0, n),
    lower,
    unknownAfter: unknownAfter.subarray(0, n),
    unknownBefore,
    wordCount: words.length,
  };
}

/** Unknown words strictly inside the known span [start, end). */
export function unknownsInside(query: Query, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end - 1; i++) count += query.unknownAfter[i] as number;
  return count;
}
