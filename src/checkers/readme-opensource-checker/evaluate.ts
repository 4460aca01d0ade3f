/**
 * Pure validation of a README.OpenSource file: the OpenHarmony manifest of bundled open-source components, a
 * JSON array of objects that each carry the keys below.
 */

export const README_OPENSOURCE = 'README.OpenSource';

export const REQUIRED_KEYS = ['Name', 'License', 'License File', 'Version Number', 'Owner', 'Upstream URL', 'Description'] as const;

/** Upstream's exact messages: consumers match on them. */
export const MESSAGES = {
  missing: 'README.OpenSource does not exist.',
  badEntries: 'The README.OpenSource file exists and is not properly formatted.',
  badJson: 'README.OpenSource is not properly formatted.',
} as const;

export type Verdict = { ok: true } | { ok: false; message: string };

/**
 * - Text that is not JSON, or JSON that is not an array → `badJson` (upstream crashed with a NoneType error on
 *   a non-array; an array is the file's documented form, so anything else is a format error).
 * - An element that is not an object, or lacks a required key → `badEntries`. Only presence of the keys is
 *   checked, as upstream does; their values are not judged.
 * - An empty array passes, as upstream's `all()` over no entries did: it is a valid declaration that the
 *   project bundles no open-source components.
 * A leading UTF-8 BOM is ignored (editors on Windows add one; upstream rejected such files).
 */
export function evaluateReadmeOpenSource(text: string): Verdict {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, message: MESSAGES.badJson };
  }
  if (!Array.isArray(data)) return { ok: false, message: MESSAGES.badJson };
  return data.every(isCompleteEntry) ? { ok: true } : { ok: false, message: MESSAGES.badEntries };
}

function isCompleteEntry(entry: unknown): boolean {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return false;
  return REQUIRED_KEYS.every((key) => Object.hasOwn(entry, key));
}

/** The file to read among root files whose name matches case-insensitively: the exact spelling wins. */
export function pickManifest(candidates: readonly string[]): string | null {
  return candidates.find((path) => path === README_OPENSOURCE) ?? [...candidates].sort()[0] ?? null;
}
