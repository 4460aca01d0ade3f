/**
 * Maven repositories (Maven Central by default): the version's POM at
 * `<base>/<group path>/<artifact>/<version>/<artifact>-<version>.pom`, whose `<licenses>` are read with
 * src/analysis/licenses' pom reader (names or URLs; several `<license>` entries read as a choice). Licenses are
 * inherited: a POM without `<licenses>` takes its `<parent>`'s, looked up the same way (and cached, so the
 * parents many artifacts share, like `org.apache:apache`, are fetched once), at most MAX_PARENTS levels up.
 */
import { XMLParser } from 'fast-xml-parser';
import { readManifest } from '../../licenses/manifests.js';
import { isDict, strings, type RegistryDefinition } from './types.js';

const MAX_PARENTS = 5;
const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false });

function parentOf(pom: string): { name: string; version: string } | null {
  let doc: unknown;
  try {
    doc = xml.parse(pom);
  } catch {
    return null;
  }
  const parent = isDict(doc) && isDict(doc.project) && isDict(doc.project.parent) ? doc.project.parent : null;
  const [group, artifact, version] = [strings(parent?.groupId)[0], strings(parent?.artifactId)[0], strings(parent?.version)[0]];
  // A parent version given as a property or range cannot be resolved without the full model.
  if (!group || !artifact || !version || /[$[(,]/.test(version)) return null;
  return { name: `${group.trim()}:${artifact.trim()}`, version: version.trim() };
}

export const mavenRegistry: RegistryDefinition = {
  id: 'maven',
  service: 'Maven repository',
  ecosystems: ['Maven'],
  baseUrl: (config) => config.Registries.maven_url,
  async licenses(lookup, fetch) {
    const [group, artifact, ...rest] = lookup.name.split(':');
    if (!group || !artifact || rest.length > 0) return null;
    const path = `${group.split('.').map(encodeURIComponent).join('/')}/${encodeURIComponent(artifact)}/${encodeURIComponent(lookup.version)}/${encodeURIComponent(`${artifact}-${lookup.version}.pom`)}`;
    const pom = await fetch.text(path);
    if (pom === null) return null;
    const declared = readManifest('pom.xml', pom)?.declared ?? [];
    if (declared.length > 0) return declared;
    const depth = lookup.depth ?? 0;
    const parent = depth < MAX_PARENTS ? parentOf(pom) : null;
    if (!parent) return [];
    return (await fetch.licensesOf({ ecosystem: 'Maven', ...parent, depth: depth + 1 })) ?? [];
  },
};
