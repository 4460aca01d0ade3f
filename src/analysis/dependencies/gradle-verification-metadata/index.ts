/**
 * Gradle dependency verification: `gradle/verification-metadata.xml` (parsed with fast-xml-parser,
 * `parseTagValue: false`). Gradle writes one `<component group name version>` per module version it resolved
 * for the build, with the checksums or signatures of its artifacts; each becomes a Maven package
 * `group:name` at that version, as in OSV-Scanner. The file covers every configuration Gradle resolved (the
 * build's plugins and the test classpaths too), so it cannot tell direct from transitive nor dev from
 * production, and it has no graph. A component without a group or a name is not a coordinate and is skipped;
 * one without a version is reported with version `''`. A component listed twice is reported once.
 */
import { XMLParser } from 'fast-xml-parser';
import { LineLocator } from '../lines.js';
import { MalformedFileError, asString, baseName, dirName, isObject, packageRecord } from '../record.js';
import type { Extractor, PackageRecord } from '../types.js';
import { readLockfile } from '../read.js';

export const extractor: Extractor = {
  name: 'gradle-verification-metadata',
  version: 1,
  ecosystem: 'Maven',
  // Only inside a `gradle/` folder, where Gradle keeps it: a file of that name elsewhere is something else.
  matches: (path) => baseName(path) === 'verification-metadata.xml' && baseName(dirName(path)) === 'gradle',
  async extract(repo, path) {
    return parseVerificationMetadata(await readLockfile(repo, path), path);
  },
};

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: false,
  isArray: (name, jpath) => jpath === 'verification-metadata.components.component',
});

/**
 * Offsets of the `<component` start tags, in document order, with comments blanked out first (so a
 * commented-out component is not counted): the parser keeps no positions, and its components come in the
 * same order.
 */
function componentOffsets(text: string): number[] {
  const visible = text.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, ' '));
  const offsets: number[] = [];
  const tag = /<component[\s/>]/g;
  for (let match = tag.exec(visible); match; match = tag.exec(visible)) offsets.push(match.index);
  return offsets;
}

export function parseVerificationMetadata(text: string, path: string): PackageRecord[] {
  let document: unknown;
  try {
    document = parser.parse(text, true);
  } catch (err) {
    throw new MalformedFileError(`not valid XML: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!isObject(document) || !('verification-metadata' in document)) {
    throw new MalformedFileError('no <verification-metadata> element: not a Gradle verification metadata file');
  }
  const root = isObject(document['verification-metadata']) ? document['verification-metadata'] : {};
  const components = isObject(root.components) && Array.isArray(root.components.component) ? root.components.component : [];
  const offsets = componentOffsets(text);
  const locator = new LineLocator(text);
  const records = new Map<string, PackageRecord>();
  components.forEach((component: unknown, index) => {
    if (!isObject(component)) return;
    const group = asString(component.group)?.trim();
    const name = asString(component.name)?.trim();
    if (!group || !name) return;
    const version = asString(component.version)?.trim() ?? '';
    const id = `${group}:${name}@${version}`;
    if (records.has(id)) return;
    const offset = offsets.length === components.length ? offsets[index] : undefined;
    const line = offset === undefined ? undefined : locator.lineAt(offset);
    records.set(id, packageRecord('Maven', path, { name: `${group}:${name}`, version, line, resolution: 'registry' }));
  });
  return [...records.values()];
}
