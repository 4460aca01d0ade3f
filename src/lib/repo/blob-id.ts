/**
 * Content ids as git computes them (`git hash-object`): SHA-1 of `blob <size>\0<content>`. A folder read in place
 * (`openchecker check .`) gets the same ids as the git object store would give the same bytes, so facts cached
 * from a clone serve a plain folder and the other way round.
 */
import { createHash } from 'node:crypto';

export function gitBlobId(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

/**
 * One digest of a listed tree: every file's path and blob id, in path order. Whole-repository checks key their
 * results by it; it is the same for a clone and for a folder holding the same files.
 */
export function treeDigestOf(entries: Iterable<readonly [path: string, blobId: string]>): string {
  const hash = createHash('sha256');
  for (const [path, blob] of entries) hash.update(`${path}\0${blob}\n`);
  return hash.digest('hex');
}
