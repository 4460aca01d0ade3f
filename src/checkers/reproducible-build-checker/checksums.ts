/**
 * Reading published checksum files (pure). The formats release tools write:
 * - GNU coreutils (`sha256sum`, GoReleaser, most CI scripts): `<hex>  <name>` or `<hex> *<name>` (binary mode),
 *   one artifact per line; `\` before a hex digest marks an escaped name;
 * - BSD / `shasum --tag`: `SHA256 (<name>) = <hex>`;
 * - one file per artifact (`demo.tar.gz.sha256`): the digest alone, or followed by the name.
 * The algorithm is the one the line names, else the file name says (`SHA512SUMS`, `.sha256`), else the digest's
 * length (32 hex digits MD5, 40 SHA-1, 64 SHA-256, 96 SHA-384, 128 SHA-512).
 */

export type DigestAlgorithm = 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

export interface ExpectedDigest {
  /** The artifact's file name (without any folder the line gives). */
  readonly name: string;
  readonly algorithm: DigestAlgorithm;
  /** Lower-case hex. */
  readonly digest: string;
}

const BY_LENGTH: Readonly<Record<number, DigestAlgorithm>> = { 32: 'md5', 40: 'sha1', 56: 'sha224', 64: 'sha256', 96: 'sha384', 128: 'sha512' };

function algorithmFromName(fileName: string): DigestAlgorithm | null {
  const match = /(md5|sha(?:1|224|256|384|512))/i.exec(fileName);
  return match ? (match[1]?.toLowerCase() as DigestAlgorithm) : null;
}

function algorithmFor(hex: string, named: DigestAlgorithm | null): DigestAlgorithm | null {
  const byLength = BY_LENGTH[hex.length] ?? null;
  // A name that disagrees with the digest's length is wrong about this line (a SHA256SUMS holding SHA-512 lines).
  if (named && byLength && named !== byLength) return byLength;
  return byLength ?? named;
}

const baseName = (name: string): string => name.slice(name.lastIndexOf('/') + 1);

/**
 * The digests a checksum file lists. `fileName` is the checksum file's own name: a per-artifact file
 * (`demo.tar.gz.sha256`) that holds only a digest names its artifact by its own name minus the suffix.
 */
export function parseChecksumFile(fileName: string, text: string): ExpectedDigest[] {
  const named = algorithmFromName(fileName);
  const found: ExpectedDigest[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const bsd = /^(MD5|SHA(?:1|224|256|384|512)|SHA-(?:1|224|256|384|512))\s*\((.+)\)\s*=\s*([0-9a-fA-F]+)$/.exec(line);
    if (bsd) {
      const algorithm = algorithmFor(bsd[3] as string, (bsd[1] as string).toLowerCase().replace('-', '') as DigestAlgorithm);
      if (algorithm) found.push({ name: baseName(bsd[2] as string), algorithm, digest: (bsd[3] as string).toLowerCase() });
      continue;
    }
    const gnu = /^\\?([0-9a-fA-F]{32,128})(?:\s+\*?|\s*$)(.*)$/.exec(line);
    if (!gnu) continue;
    const hex = (gnu[1] as string).toLowerCase();
    const algorithm = algorithmFor(hex, named);
    if (!algorithm) continue;
    let name = (gnu[2] ?? '').trim();
    if (name === '') {
      // The digest alone: the artifact is the checksum file's name without its suffix.
      const stripped = fileName.replace(/\.(?:md5|sha(?:1|224|256|384|512))(?:sum)?$/i, '');
      if (stripped === fileName) continue;
      name = stripped;
    }
    found.push({ name: baseName(name), algorithm, digest: hex });
  }
  return found;
}
