/**
 * Whether code under one license (inbound: what a file says) may be part of a project under another
 * (outbound: the project's declared license), by the table's categories and GNU GPL versions. Pure functions.
 *
 * Inbound by category:
 *  - permissive, public domain: fine anywhere, except in a GNU GPL-family project whose versions the license
 *    cannot join (Apache-2.0 in a GPL-2.0-only project, BSD-4-Clause in any GPL project);
 *  - weak copyleft (file or library level): fine in permissive and weak-copyleft projects; in a GPL-family
 *    project only when it can join one of its versions (LGPL, MPL-2.0 yes; EPL, CDDL, MPL-1.1 no);
 *  - strong copyleft: the whole work must be under it, so only a GPL-family project whose versions it shares
 *    (GPL-2.0-or-later code in a GPL-3.0 project) or that it is compatible with (EUPL-1.2, CC-BY-SA-4.0 into
 *    GPLv3) can include it;
 *  - network copyleft (AGPL): only the GNU GPL v3 family (section 13 of GPLv3 and AGPLv3);
 *  - restricted (proprietary, non-commercial, source-available): no open source project can include it.
 * Licenses whose works stay separate (fonts, manuals) never conflict. `WITH` exceptions change the inbound
 * license: a linking or generated-output exception makes it weak copyleft; the LLVM exception adds GPLv2.
 * `OR` is a choice: an inbound choice is fine when one alternative is; a project that offers a choice must be
 * able to honour every alternative. `AND`: an inbound conjunction needs every part; a project under several
 * licenses (for different parts) can take code that one of them can.
 */
import { parseLicenseExpression, renderSpdx, type LicenseLeaf, type LicenseNode } from '../expression.js';
import { TABLE, type Category, type CompatibilityTable, type LicenseEntry } from './table.js';

/** A license as the evaluation sees it: its id, and its table entry with the exception applied. */
interface Effective {
  readonly id: string;
  readonly entry: LicenseEntry;
}

export interface Conflict {
  readonly reason: string;
  /** Addresses of the sources the verdict rests on. */
  readonly sources: readonly string[];
}

export interface Verdict {
  /** null when compatible (or when nothing could be evaluated). */
  readonly conflict: Conflict | null;
  /** Ids the table does not know: not evaluated. */
  readonly unknown: readonly string[];
}

const WEAKER_BY_EXCEPTION: ReadonlySet<Category> = new Set(['strong-copyleft', 'network-copyleft']);

/** The leaf with deprecated GNU ids (`GPL-2.0`, `GPL-2.0+`, `GPL-2.0-with-classpath-exception`) made current. */
function current(leaf: LicenseLeaf, table: CompatibilityTable): LicenseLeaf {
  const id = leaf.plus ? `${leaf.license}+` : leaf.license;
  const mapped = table.deprecated.get(id) ?? (leaf.plus ? table.deprecated.get(leaf.license)?.replace(/-only$/, '-or-later') : undefined);
  if (!mapped) return leaf;
  const [license, exception] = mapped.split(' WITH ') as [string, string | undefined];
  return { license, plus: false, exception: leaf.exception ?? exception ?? null };
}

function effective(raw: LicenseLeaf, table: CompatibilityTable): Effective | null {
  const leaf = current(raw, table);
  const base = table.licenses.get(leaf.license);
  if (!base) return null;
  const id = renderSpdx(leaf);
  const exception = leaf.exception ? table.exceptions.get(leaf.exception) : undefined;
  if (!exception) return { id, entry: base };
  if (exception.effect === 'gpl2') {
    return { id, entry: { ...base, gpl_compatible: [...new Set([...base.gpl_compatible, 2])].sort(), sources: [...base.sources, ...exception.sources] } };
  }
  // Linking and generated-output exceptions: the copyleft stops at the file or the library.
  if (WEAKER_BY_EXCEPTION.has(base.category)) {
    const { gpl: _gpl, ...rest } = base;
    return { id, entry: { ...rest, category: 'weak-copyleft', gpl_compatible: base.gpl_compatible.length > 0 ? base.gpl_compatible : base.gpl ?? [], sources: [...base.sources, ...exception.sources] } };
  }
  return { id, entry: base };
}

function versions(list: readonly number[]): string {
  if (list.length === 0) return 'no version of the GNU GPL';
  return `GPLv${list.join(' or GPLv')}`;
}

const DESCRIPTION: Readonly<Record<Category, string>> = {
  permissive: 'permissive',
  'public-domain': 'public-domain',
  'weak-copyleft': 'weak copyleft',
  'strong-copyleft': 'strong copyleft',
  'network-copyleft': 'network copyleft',
  restricted: 'not open source',
};

/** A table note inside a sentence: in brackets, without its final period. */
function noted(entry: LicenseEntry): string {
  return entry.note ? ` (${entry.note.replace(/\.$/, '')})` : '';
}

function conflict(reason: string, inbound: Effective, outbound: Effective, table: CompatibilityTable): Conflict {
  const ids = [...new Set([...inbound.entry.sources, ...outbound.entry.sources])];
  return { reason, sources: ids.map((id) => table.sources[id]?.url ?? id) };
}

/** Whether code under `inbound` may be in a project under `outbound`: null, or the conflict. */
export function leafConflict(inbound: Effective, outbound: Effective, table: CompatibilityTable = TABLE): Conflict | null {
  if (inbound.id === outbound.id) return null;
  const inCategory = inbound.entry.category;
  const outCategory = outbound.entry.category;
  const outGpl = outbound.entry.gpl;
  const shares = (list: readonly number[]): boolean => outGpl !== undefined && list.some((version) => outGpl.includes(version));
  if (inbound.entry.bundling) return null;
  if (inCategory === 'restricted') {
    if (outCategory === 'restricted') return null;
    return conflict(`${inbound.id} is not an open source license${noted(inbound.entry)}; a project under ${outbound.id} cannot include it`, inbound, outbound, table);
  }
  if (inCategory === 'permissive' || inCategory === 'public-domain' || inCategory === 'weak-copyleft') {
    if (outGpl === undefined || shares(inbound.entry.gpl_compatible)) return null;
    const detail = inbound.entry.gpl_compatible.length === 0 ? 'is incompatible with the GNU GPL' : `can join works under ${versions(inbound.entry.gpl_compatible)} only`;
    return conflict(`${inbound.id} (${DESCRIPTION[inCategory]}) ${detail}, and ${outbound.id} is ${versions(outGpl)}${noted(inbound.entry)}`, inbound, outbound, table);
  }
  if (inCategory === 'network-copyleft') {
    if (outGpl?.includes(3) && shares(inbound.entry.gpl ?? inbound.entry.gpl_compatible)) return null;
    return conflict(`${inbound.id} is network copyleft: a work that includes it must be distributed, and offered to its network users, under ${inbound.id}; only the GNU GPL v3 family can be combined with it, and this project is under ${outbound.id} (${DESCRIPTION[outCategory]})`, inbound, outbound, table);
  }
  // Strong copyleft.
  if (outGpl !== undefined) {
    if (shares(inbound.entry.gpl ?? inbound.entry.gpl_compatible)) return null;
    const own = inbound.entry.gpl ? `is ${versions(inbound.entry.gpl)}` : `can join works under ${versions(inbound.entry.gpl_compatible)}`;
    return conflict(`${inbound.id} (strong copyleft) ${own}, and ${outbound.id} is ${versions(outGpl)}: no license satisfies both${noted(inbound.entry)}`, inbound, outbound, table);
  }
  if (outCategory === 'strong-copyleft' || outCategory === 'network-copyleft') {
    return conflict(`${inbound.id} and ${outbound.id} are different copyleft licenses: a work that includes code under ${inbound.id} cannot be distributed under ${outbound.id}`, inbound, outbound, table);
  }
  return conflict(`${inbound.id} is strong copyleft: a work that includes it must be distributed as a whole under ${inbound.id}, and this project is under ${outbound.id} (${DESCRIPTION[outCategory]})`, inbound, outbound, table);
}

function leavesOf(node: LicenseNode, kind: 'and' | 'or'): LicenseNode[] {
  return 'conjunction' in node && node.conjunction === kind ? [...leavesOf(node.left, kind), ...leavesOf(node.right, kind)] : [node];
}

/** One inbound license against the project's expression. */
function againstProject(inbound: Effective, project: LicenseNode, unknown: Set<string>, table: CompatibilityTable): Conflict | null {
  if ('conjunction' in project) {
    if (project.conjunction === 'or') {
      // The project offers a choice: each alternative must be able to take the code.
      for (const alternative of leavesOf(project, 'or')) {
        const found = againstProject(inbound, alternative, unknown, table);
        if (found) return found;
      }
      return null;
    }
    // Several licenses for different parts: the code may belong to any of them.
    let first: Conflict | null = null;
    for (const part of leavesOf(project, 'and')) {
      const found = againstProject(inbound, part, unknown, table);
      if (!found) return null;
      first ??= found;
    }
    return first;
  }
  const outbound = effective(project, table);
  if (!outbound) {
    unknown.add(renderSpdx(project));
    return null;
  }
  return leafConflict(inbound, outbound, table);
}

function inboundConflict(inbound: LicenseNode, project: LicenseNode, unknown: Set<string>, table: CompatibilityTable): Conflict | null {
  if ('conjunction' in inbound) {
    if (inbound.conjunction === 'or') {
      // A choice for the project to make: one compatible alternative is enough.
      let first: Conflict | null = null;
      for (const alternative of leavesOf(inbound, 'or')) {
        const found = inboundConflict(alternative, project, unknown, table);
        if (!found) return null;
        first ??= found;
      }
      return first;
    }
    for (const part of leavesOf(inbound, 'and')) {
      const found = inboundConflict(part, project, unknown, table);
      if (found) return found;
    }
    return null;
  }
  const effectiveInbound = effective(inbound, table);
  if (!effectiveInbound) {
    unknown.add(renderSpdx(inbound));
    return null;
  }
  return againstProject(effectiveInbound, project, unknown, table);
}

/** The verdict on a file's SPDX expression in a project under `project` (an SPDX expression). */
export function evaluate(fileExpression: string, projectExpression: string, table: CompatibilityTable = TABLE): Verdict {
  const inbound = parseLicenseExpression(fileExpression);
  const project = parseLicenseExpression(projectExpression);
  if (!inbound || !project) return { conflict: null, unknown: [] };
  const unknown = new Set<string>();
  const found = inboundConflict(inbound, project, unknown, table);
  return { conflict: found, unknown: [...unknown] };
}
