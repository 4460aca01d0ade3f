/**
 * The license compatibility table (table.json, kept as data with the sources each entry rests on): a category
 * per SPDX id, the GNU GPL versions code under the license may join, what license exceptions do, and the
 * deprecated GNU ids. Validated once when loaded, so a bad edit fails at start-up, not in the middle of a task.
 */
import data from './table.json' with { type: 'json' };

export const CATEGORIES = ['permissive', 'public-domain', 'weak-copyleft', 'strong-copyleft', 'network-copyleft', 'restricted'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface LicenseEntry {
  readonly category: Category;
  /** For the GNU GPL family: the GPL versions whose terms the license is (GPL-2.0-or-later: 2 and 3). */
  readonly gpl?: readonly number[];
  /** The GPL versions a work may be under when it includes code under this license. */
  readonly gpl_compatible: readonly number[];
  /** Its works are separate from the program they ship with (fonts, manuals): never a conflict. */
  readonly bundling?: boolean;
  readonly note?: string;
  readonly sources: readonly string[];
}

export type ExceptionEffect = 'linking' | 'output' | 'gpl2';

export interface ExceptionEntry {
  readonly effect: ExceptionEffect;
  readonly sources: readonly string[];
}

export interface Source {
  readonly title: string;
  readonly url: string;
}

export interface CompatibilityTable {
  readonly sources: Readonly<Record<string, Source>>;
  readonly categories: Readonly<Record<Category, string>>;
  readonly licenses: ReadonlyMap<string, LicenseEntry>;
  readonly exceptions: ReadonlyMap<string, ExceptionEntry>;
  readonly deprecated: ReadonlyMap<string, string>;
}

interface RawTable {
  sources: Record<string, Source>;
  categories: Record<string, string>;
  licenses: Record<string, { category: string; gpl?: number[]; gpl_compatible?: number[]; bundling?: boolean; note?: string; sources: string[] }>;
  exceptions: Record<string, { effect: string; sources: string[] }>;
  deprecated_ids: Record<string, string>;
}

/** The table checked: known categories, effects and sources, versions that are GPL versions. */
export function validateTable(raw: RawTable): CompatibilityTable {
  const problems: string[] = [];
  const knownSource = (id: string, where: string): void => {
    if (!(id in raw.sources)) problems.push(`${where}: unknown source ${id}`);
  };
  for (const category of CATEGORIES) if (!(category in raw.categories)) problems.push(`category ${category} is not described`);
  const licenses = new Map<string, LicenseEntry>();
  for (const [id, entry] of Object.entries(raw.licenses)) {
    if (!(CATEGORIES as readonly string[]).includes(entry.category)) problems.push(`${id}: unknown category ${entry.category}`);
    for (const version of [...(entry.gpl ?? []), ...(entry.gpl_compatible ?? [])]) if (![1, 2, 3].includes(version)) problems.push(`${id}: GPL version ${version}`);
    if (entry.sources.length === 0) problems.push(`${id}: no source`);
    for (const source of entry.sources) knownSource(source, id);
    licenses.set(id, { ...entry, category: entry.category as Category, gpl_compatible: entry.gpl_compatible ?? [] });
  }
  const exceptions = new Map<string, ExceptionEntry>();
  for (const [id, entry] of Object.entries(raw.exceptions)) {
    if (!['linking', 'output', 'gpl2'].includes(entry.effect)) problems.push(`${id}: unknown effect ${entry.effect}`);
    for (const source of entry.sources) knownSource(source, id);
    exceptions.set(id, { effect: entry.effect as ExceptionEffect, sources: entry.sources });
  }
  if (problems.length > 0) throw new Error(`license compatibility table: ${problems.join('; ')}`);
  return {
    sources: raw.sources,
    categories: raw.categories as Record<Category, string>,
    licenses,
    exceptions,
    deprecated: new Map(Object.entries(raw.deprecated_ids)),
  };
}

export const TABLE: CompatibilityTable = validateTable(data);
