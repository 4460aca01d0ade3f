/**
 * osv-scanner's `groups[]`: the vulnerabilities of one package that are the same issue under different ids
 * (a GHSA, its CVE, the ecosystem's own id) merged into one group, by transitive overlap of ids and aliases.
 * Ids sort with CVEs last (osv-scanner shows the ecosystem's own id first), then alphabetically; groups sort
 * by their first id.
 */
import { maxSeverity } from './severity.js';
import type { OsvVulnerability } from './types.js';

export interface VulnerabilityGroup {
  ids: string[];
  aliases: string[];
  max_severity: string;
}

export function compareIds(a: string, b: string): number {
  const aCve = a.toUpperCase().startsWith('CVE-');
  const bCve = b.toUpperCase().startsWith('CVE-');
  if (aCve !== bCve) return aCve ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function groupVulnerabilities(records: readonly OsvVulnerability[]): VulnerabilityGroup[] {
  // Union-find over record indexes: two records join when one's id or aliases meet the other's.
  const parent = records.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      const up = parent[parent[i] as number] as number;
      parent[i] = up;
      i = up;
    }
    return i;
  };
  const owner = new Map<string, number>();
  records.forEach((record, index) => {
    for (const id of [record.id, ...(record.aliases ?? [])]) {
      const seen = owner.get(id);
      if (seen === undefined) owner.set(id, index);
      else parent[find(index)] = find(seen);
    }
  });
  const groups = new Map<number, OsvVulnerability[]>();
  records.forEach((record, index) => {
    const root = find(index);
    const members = groups.get(root);
    if (members) members.push(record);
    else groups.set(root, [record]);
  });
  return [...groups.values()]
    .map((members) => {
      const ids = [...new Set(members.map((record) => record.id))].sort(compareIds);
      const aliases = [...new Set(members.flatMap((record) => [record.id, ...(record.aliases ?? [])]))].sort(compareIds);
      return { ids, aliases, max_severity: maxSeverity(members) };
    })
    .sort((a, b) => compareIds(a.ids[0] ?? '', b.ids[0] ?? ''));
}
