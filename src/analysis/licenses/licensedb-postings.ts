/**
 * The inverted index of approximate matching (match/seq.ts): for each word, the rules that hold it, and each rule's
 * weight (the sum of its distinct words' rarity). Built with the LicenseDB index at build time (~70 ms a process
 * would otherwise pay before its first approximate match) and stored in it; this module is part of the index's key,
 * so a change here rebuilds the index.
 *
 * Only rare words are indexed: a word held by more than COMMON_DF rules ("the", "license") says little about which
 * rule a text is, and its posting list would be most of the work of every candidate search. Rules shorter than
 * SEQ_MIN_LENGTH words are matched exactly only, and false-positive and deprecated rules not approximately at all.
 */

/** Words held by more rules than this are too common to find candidates by (about the 150 commonest words). */
export const COMMON_DF = 3000;
/** Rules shorter than this are only matched exactly. */
export const SEQ_MIN_LENGTH = 8;

export interface Postings {
  /** Rules holding word t: postings[postingStarts[t], postingStarts[t + 1]). */
  readonly postingStarts: Uint32Array;
  readonly postings: Uint32Array;
  /** Sum of the idf of each rule's distinct indexed words (0 for rules not indexed). */
  readonly ruleWeight: Float64Array;
}

/** log(rules / rules holding the word): the rarity weight of each word id. */
export function idfOf(docFreq: Uint32Array, ruleCount: number): Float64Array {
  const idf = new Float64Array(docFreq.length);
  for (let t = 0; t < docFreq.length; t++) idf[t] = Math.log(ruleCount / Math.max(1, docFreq[t] as number));
  return idf;
}

/** Builds the postings of the rules `indexed(r)` accepts (and long enough), two passes, no per-rule sets. */
export function buildPostings(tokens: ArrayLike<number>, ruleStarts: Uint32Array, docFreq: Uint32Array, indexed: (rule: number) => boolean): Postings {
  const words = docFreq.length;
  const ruleCount = ruleStarts.length - 1;
  const idf = idfOf(docFreq, ruleCount);
  const lastRule = new Int32Array(words).fill(-1);
  const counts = new Uint32Array(words + 1);
  const usable = new Uint8Array(ruleCount);
  for (let r = 0; r < ruleCount; r++) {
    if (!indexed(r) || (ruleStarts[r + 1] as number) - (ruleStarts[r] as number) < SEQ_MIN_LENGTH) continue;
    usable[r] = 1;
    for (let i = ruleStarts[r] as number; i < (ruleStarts[r + 1] as number); i++) {
      const t = tokens[i] as number;
      if ((docFreq[t] as number) > COMMON_DF || lastRule[t] === r) continue;
      lastRule[t] = r;
      counts[t + 1] = (counts[t + 1] as number) + 1;
    }
  }
  const postingStarts = new Uint32Array(words + 1);
  for (let t = 0; t < words; t++) postingStarts[t + 1] = (postingStarts[t] as number) + (counts[t + 1] as number);
  const postings = new Uint32Array(postingStarts[words] as number);
  const fill = postingStarts.slice(0, words);
  lastRule.fill(-1);
  const ruleWeight = new Float64Array(ruleCount);
  for (let r = 0; r < ruleCount; r++) {
    if (!usable[r]) continue;
    for (let i = ruleStarts[r] as number; i < (ruleStarts[r + 1] as number); i++) {
      const t = tokens[i] as number;
      if ((docFreq[t] as number) > COMMON_DF || lastRule[t] === r) continue;
      lastRule[t] = r;
      postings[fill[t] as number] = r;
      fill[t] = (fill[t] as number) + 1;
      ruleWeight[r] = (ruleWeight[r] as number) + (idf[t] as number);
    }
  }
  return { postingStarts, postings, ruleWeight };
}
