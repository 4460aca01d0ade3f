/**
 * The Open Invention Network table (`[SupplyChain] oin_table_path`): packages covered by OIN's patent
 * cross-licence (its "Linux System" definition), as an operator maintains them. Formats:
 * - JSON: a list of entries, or `{"packages": [...]}`; an entry is a package URL without version
 *   (`pkg:npm/lodash`), or `{"purl": ...}`, or `{"ecosystem": "npm", "name": "lodash"}`;
 * - CSV: a header naming a `purl` column, or `ecosystem` and `name` columns.
 * Matching ignores case, versions and qualifiers. Nothing here is invented: without a table there is no
 * oin_risk at all.
 */
import type { Json } from '../types.js';

export interface OinTable {
  readonly source: string;
  readonly purls: ReadonlySet<string>;
  readonly names: ReadonlySet<string>;
}

type Dict = Record<string, unknown>;
const isDict = (value: unknown): value is Dict => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `pkg:type/namespace/name` lower-cased, without version, qualifiers or subpath. */
export function basePurl(purl: string): string {
  return purl.replace(/[?#].*$/, '').replace(/@[^/@]*$/, '').toLowerCase();
}
const nameKey = (ecosystem: string, name: string): string => `${ecosystem.toLowerCase()}\u0000${name.toLowerCase()}`;

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i] as string;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(cell.trim());
      cell = '';
    } else cell += char;
  }
  cells.push(cell.trim());
  return cells;
}

/** Parses the table; throws an Error saying what is wrong with it. */
export function parseOinTable(source: string, text: string): OinTable {
  const purls = new Set<string>();
  const names = new Set<string>();
  const add = (entry: unknown): void => {
    if (typeof entry === 'string' && entry.startsWith('pkg:')) purls.add(basePurl(entry));
    else if (isDict(entry) && typeof entry.purl === 'string') purls.add(basePurl(entry.purl));
    else if (isDict(entry) && typeof entry.ecosystem === 'string' && typeof entry.name === 'string') names.add(nameKey(entry.ecosystem, entry.name));
    else throw new Error(`an entry is neither a package URL nor {ecosystem, name}: ${JSON.stringify(entry)?.slice(0, 80)}`);
  };
  const trimmed = text.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    const data: unknown = JSON.parse(trimmed);
    const list = Array.isArray(data) ? data : isDict(data) && Array.isArray(data.packages) ? data.packages : null;
    if (!list) throw new Error('expected a JSON list or {"packages": [...]}');
    list.forEach(add);
  } else {
    const lines = trimmed.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.startsWith('#'));
    const header = splitCsvLine(lines[0] ?? '').map((cell) => cell.toLowerCase());
    const purlColumn = header.indexOf('purl');
    const ecosystemColumn = header.indexOf('ecosystem');
    const nameColumn = header.indexOf('name');
    if (purlColumn < 0 && (ecosystemColumn < 0 || nameColumn < 0)) throw new Error('the CSV header needs a purl column, or ecosystem and name columns');
    for (const line of lines.slice(1)) {
      const cells = splitCsvLine(line);
      const purl = purlColumn >= 0 ? cells[purlColumn] : undefined;
      if (purl) add(purl);
      else add({ ecosystem: cells[ecosystemColumn] ?? '', name: cells[nameColumn] ?? '' });
    }
  }
  if (purls.size + names.size === 0) throw new Error('the table lists no package');
  return { source, purls, names };
}

export function isCovered(table: OinTable, dependency: { purl: string; ecosystem: string; name: string }): boolean {
  return table.purls.has(basePurl(dependency.purl)) || table.names.has(nameKey(dependency.ecosystem, dependency.name));
}

/**
 * `risk`: the share of the dependencies the table does not cover (0–1); `level`: `low` when every one is
 * covered, `medium` up to half uncovered, `high` beyond, `none` when there is no dependency to weigh.
 */
export function oinRisk(table: OinTable, dependencies: readonly { purl: string; ecosystem: string; name: string }[]): { [key: string]: Json } {
  const covered = dependencies.filter((dependency) => isCovered(table, dependency));
  const total = dependencies.length;
  const risk = total === 0 ? 0 : Math.round(((total - covered.length) / total) * 10_000) / 10_000;
  const level = total === 0 ? 'none' : risk === 0 ? 'low' : risk <= 0.5 ? 'medium' : 'high';
  return { level, risk, covered: covered.length, not_covered: total - covered.length, total, table: table.source, covered_packages: covered.slice(0, 50).map((dependency) => dependency.purl) };
}
