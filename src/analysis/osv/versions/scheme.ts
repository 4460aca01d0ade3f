/** A version ordering: which strings are versions of the ecosystem, and how two of them compare. */
export interface VersionScheme {
  readonly name: string;
  /** Whether `version` is a version this scheme can order. */
  readonly valid: (version: string) => boolean;
  /** Negative, zero or positive as `a` sorts before, equal to or after `b`; both must be valid. */
  readonly compare: (a: string, b: string) => number;
}

export function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}
