/**
 * licensee names licenses by choosealicense.com's keys and SPDX ids. For the GPL family those are the
 * deprecated ids (`GPL-2.0`, not `GPL-2.0-only`); `license-detector` keeps them so consumers of licensee's
 * output see the same ids. Everything else is the SPDX id, and the key is the lower-cased id.
 */
import spdxIndex from 'spdx-license-list';

/** licensee's pseudo licenses. */
export const LICENSEE_PSEUDO = { other: 'NOASSERTION', none: 'NONE' } as const;

const LICENSEE_GPL: Readonly<Record<string, { id: string; title: string }>> = {
  'GPL-2.0-only': { id: 'GPL-2.0', title: 'GNU General Public License v2.0' },
  'GPL-3.0-only': { id: 'GPL-3.0', title: 'GNU General Public License v3.0' },
  'LGPL-2.1-only': { id: 'LGPL-2.1', title: 'GNU Lesser General Public License v2.1' },
  'LGPL-3.0-only': { id: 'LGPL-3.0', title: 'GNU Lesser General Public License v3.0' },
  'AGPL-3.0-only': { id: 'AGPL-3.0', title: 'GNU Affero General Public License v3.0' },
};
const TITLES = new Map(Object.values(LICENSEE_GPL).map((entry) => [entry.id, entry.title]));

/** The id licensee reports for an SPDX id (the GPL family's `-only` ids become the plain ones). */
export function toLicenseeId(spdxId: string): string {
  return LICENSEE_GPL[spdxId]?.id ?? spdxId;
}

/** An entry of licensee's `licenses` list for an id from toLicenseeId (or a pseudo license). */
export function licenseMeta(id: string) {
  if (id === LICENSEE_PSEUDO.other || id === LICENSEE_PSEUDO.none) {
    return {
      key: id === LICENSEE_PSEUDO.other ? 'other' : 'no-license',
      spdx_id: id,
      meta: { title: null, source: null, nickname: null, hidden: true },
      url: null,
      other: id === LICENSEE_PSEUDO.other,
      gpl: false,
      lgpl: false,
      cc: false,
    };
  }
  const key = id.toLowerCase();
  const spdxId = Object.entries(LICENSEE_GPL).find(([, entry]) => entry.id === id)?.[0] ?? id;
  const title = TITLES.get(id) ?? spdxIndex[spdxId]?.name ?? id;
  return {
    key,
    spdx_id: id,
    meta: { title, source: `https://spdx.org/licenses/${spdxId}.html`, nickname: null, hidden: false },
    url: `https://spdx.org/licenses/${spdxId}.html`,
    other: false,
    gpl: key.startsWith('gpl-'),
    lgpl: key.startsWith('lgpl-'),
    cc: key.startsWith('cc-'),
  };
}
