/** What a remote's refs say (`git ls-remote`), and which commit a task's version names among them. */

export interface RemoteRef {
  readonly oid: string;
  readonly name: string;
}

const LINE = /^([0-9a-f]{40}(?:[0-9a-f]{24})?)\t(\S+)$/;

export function parseLsRemote(stdout: string): RemoteRef[] {
  const refs: RemoteRef[] = [];
  for (const line of stdout.split('\n')) {
    const match = LINE.exec(line.trim());
    if (match?.[1] && match[2]) refs.push({ oid: match[1], name: match[2] });
  }
  return refs;
}

export interface ResolvedVersion {
  /** The commit (a tag is peeled to its commit when the remote says which). */
  readonly commit: string;
  /** The ref to fetch it by (`HEAD`, `refs/tags/v1`, `refs/heads/main`). */
  readonly ref: string;
}

/**
 * The commit `version` names among `refs`, as `git clone --branch` would pick it: HEAD for no version, then a
 * tag, then a branch, then a full ref name. Null when the refs do not name it (a commit id, or unknown).
 */
export function resolveVersion(refs: readonly RemoteRef[], version: string | null): ResolvedVersion | null {
  const oid = (name: string): string | undefined => refs.find((ref) => ref.name === name)?.oid;
  if (version === null) {
    const head = oid('HEAD');
    return head ? { commit: head, ref: 'HEAD' } : null;
  }
  const tag = `refs/tags/${version}`;
  const peeled = oid(`${tag}^{}`);
  if (peeled) return { commit: peeled, ref: tag };
  for (const name of [tag, `refs/heads/${version}`, ...(version.startsWith('refs/') ? [version] : [])]) {
    const found = oid(name);
    if (found) return { commit: found, ref: name };
  }
  return null;
}

/** The commits a full-history cache must hold to be as complete as a fresh full clone: every branch and tag. */
export function historyTips(refs: readonly RemoteRef[]): string[] {
  const tips = refs.filter((ref) => (ref.name.startsWith('refs/heads/') || ref.name.startsWith('refs/tags/')) && !ref.name.endsWith('^{}')).map((ref) => ref.oid);
  return [...new Set(tips)];
}

export function isFullCommitId(text: string | null): text is string {
  return text !== null && /^[0-9a-f]{40}$/.test(text);
}
