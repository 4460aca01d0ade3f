/**
 * The pure part of lifecycle-doc-checker: finds lifecycle statements in one document's text.
 *
 * Three levels of evidence, from weakest to strongest:
 * - a lifecycle term anywhere (`keywords_found`): "LTS", "end of life", "支持版本", ...;
 * - a declared lifecycle (`eol_declared`): a supported-versions table, a section whose heading is a lifecycle
 *   topic and that has content, or a statement that the project is no longer maintained;
 * - a dated end of life (`has_eol`): an end-of-life / end-of-support term and a date on the same line, or a
 *   date in a table row under such a column.
 * Lines inside fenced code, lines about line endings ("EOL" as in CRLF) and lines about a third-party runtime
 * with a version ("Node.js 16 is end of life", "Ubuntu 22.04 LTS") are not evidence about this project.
 */

export type EvidenceKind = 'eol-date' | 'supported-versions-table' | 'lifecycle-section' | 'unmaintained' | 'keyword';

export interface Evidence {
  readonly line: number;
  readonly text: string;
  readonly kind: EvidenceKind;
  readonly keywords: readonly string[];
}

interface Term {
  readonly label: string;
  readonly pattern: RegExp;
  /** An end-of-life / end-of-support term: with a date it is a dated end of life. */
  readonly eol?: boolean;
  /** A lifecycle topic: as a heading it opens a lifecycle section, in a table header it marks a lifecycle table. */
  readonly topic?: boolean;
  /** Says the project (or a line of it) is no longer maintained. */
  readonly unmaintained?: boolean;
}

/** The terms, in the order `keywords_found` lists them. */
export const TERMS: readonly Term[] = [
  { label: 'end of life', pattern: /\bend[\s-]+of[\s-]+life\b/i, eol: true, topic: true },
  // Upper case only: "eol" in lower case is mostly a line ending or a variable.
  { label: 'EOL', pattern: /(?<![\w-])EOL(?![\w-])/, eol: true, topic: true },
  { label: 'end of support', pattern: /\bend[\s-]+of[\s-]+(support|maintenance)\b/i, eol: true, topic: true },
  { label: 'supported until', pattern: /\b(supported|maintained|security\s+(fixes|updates|patches))\s+(until|till|through)\b/i, eol: true },
  { label: 'supported versions', pattern: /\bsupported\s+(versions?|releases?|branches)\b|\bversion\s+support\b/i, topic: true },
  { label: 'LTS', pattern: /(?<![\w-])LTS(?![\w-])/, topic: true },
  { label: 'long-term support', pattern: /\blong[\s-]+term[\s-]+support\b/i, topic: true },
  { label: 'maintenance policy', pattern: /\bmaintenance\s+polic(y|ies)\b/i, topic: true },
  { label: 'support policy', pattern: /\bsupport\s+polic(y|ies)\b/i, topic: true },
  { label: 'lifecycle policy', pattern: /\blife[\s-]?cycle\s+(polic(y|ies)|statement)\b|\bsupport\s+life[\s-]?cycle\b/i, topic: true },
  { label: 'deprecation policy', pattern: /\bdeprecation\s+polic(y|ies)\b/i, topic: true },
  { label: 'no longer maintained', pattern: /\bno\s+longer\s+(actively\s+)?(maintained|supported|developed)\b|\bunmaintained\b|\bnot\s+(actively\s+)?maintained\b/i, unmaintained: true },
  // "生命周期钩子/函数/方法" are a UI framework's lifecycle hooks, not the project's.
  { label: '生命周期', pattern: /生命周期(?!钩子|函数|方法|回调|事件)/, topic: true },
  { label: '生命周期结束', pattern: /生命周期(结束|终止)/, eol: true, topic: true },
  { label: '停止维护', pattern: /停止维护|终止维护|结束维护/, eol: true, topic: true },
  { label: '停止支持', pattern: /停止支持|终止支持|结束支持|支持截止|维护截止/, eol: true, topic: true },
  { label: '维护策略', pattern: /维护策略|支持策略|维护政策/, topic: true },
  { label: '维护周期', pattern: /维护周期|支持周期/, topic: true },
  { label: '支持版本', pattern: /支持的?版本|受支持的版本|版本支持/, topic: true },
  { label: '长期支持', pattern: /长期支持|长期维护/, topic: true },
  { label: '弃用策略', pattern: /弃用策略|废弃策略/, topic: true },
  { label: '不再维护', pattern: /不再维护|已停止维护|不再支持/, unmaintained: true },
];

const DATE =
  /\b(19|20)\d{2}[-/.](0?[1-9]|1[0-2])([-/.](0?[1-9]|[12]\d|3[01]))?\b|\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\.?\s+(\d{1,2}(st|nd|rd|th)?,?\s+)?(19|20)\d{2}\b|\b\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(19|20)\d{2}\b|(19|20)\d{2}\s*年\s*\d{1,2}\s*月|\bQ[1-4]\s*(19|20)\d{2}\b/i;
const LINE_ENDINGS = /\b(CRLF|LF|line[\s-]?endings?|newlines?|end[\s-]of[\s-]line)\b|换行/i;
/** A third-party runtime or platform followed by a version: its lifecycle, not this project's. */
const THIRD_PARTY =
  /(?<![\w-])(node(\.js)?|nodejs|python|java|jdk|jre|golang|go|ruby|php|perl|rust|dotnet|\.net|ubuntu|debian|centos|rhel|fedora|alpine|windows|macos|ios|android|kubernetes|k8s|openssl|gcc|clang|llvm|electron|django|rails|spring\s+boot|angular|vue|react|jquery|bootstrap|internet\s+explorer|mysql|postgres(ql)?|redis|mongodb|elasticsearch|jenkins|gradle|maven)\s*v?\d/i;
/** The sentence of GitHub's SECURITY.md template: its example table is not the project's. */
const GITHUB_TEMPLATE = /use this section to tell people about which versions of your project/i;
const TEMPLATE_ROWS = ['5.1.x', '5.0.x', '4.0.x', '< 4.0'];
const VERSION_WORD = /\b(versions?|releases?|branch(es)?|series)\b|版本|分支/i;
const SUPPORT_WORD = /\b(support(ed)?|maintained|maintenance|status|eol|end of life|lts)\b|支持|维护|状态/i;
const MAX_TEXT = 200;

function clip(line: string): string {
  const text = line.trim().replace(/\s+/g, ' ');
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** The terms a line carries, or none when the line is about line endings or a third-party runtime. */
export function termsOf(line: string, projectName = ''): Term[] {
  const terms = TERMS.filter((term) => term.pattern.test(line));
  if (terms.length === 0) return terms;
  const lower = line.toLowerCase();
  const ownName = projectName.length > 1 && lower.includes(projectName.toLowerCase());
  if (!ownName && THIRD_PARTY.test(line)) return [];
  // "EOL" next to CRLF/line endings is a line ending.
  if (LINE_ENDINGS.test(line)) return terms.filter((term) => term.label !== 'EOL' && term.label !== 'end of life');
  return terms;
}

export function hasDate(text: string): boolean {
  return DATE.test(text);
}

const cells = (line: string): string[] => line.trim().replace(/^\||\|$/g, '').split('|').map((cell) => cell.trim());
const isSeparator = (line: string): boolean => /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line);
const headingOf = (line: string): string | null => /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1] ?? null;
const isUnderline = (line: string): boolean => /^\s*(={3,}|-{3,}|~{3,}|\^{3,})\s*$/.test(line);

interface Section {
  readonly index: number;
  readonly text: string;
  readonly topic: string[];
  content: number;
  template: boolean;
}

interface Table {
  readonly headerLine: number;
  readonly headerText: string;
  readonly eolColumn: boolean;
  readonly lifecycle: boolean;
  readonly template: boolean;
  readonly firstCells: string[];
}

/** The evidence in one document, at most one entry per line (the strongest kind). */
export function scanDocument(text: string, projectName = ''): Evidence[] {
  const lines = text.split(/\r?\n/);
  const found = new Map<number, Evidence>();
  const rank: Record<EvidenceKind, number> = { 'eol-date': 0, 'supported-versions-table': 1, 'lifecycle-section': 2, unmaintained: 3, keyword: 4 };
  const add = (index: number, kind: EvidenceKind, keywords: readonly string[], line = lines[index] ?? ''): void => {
    const previous = found.get(index);
    const merged = [...new Set([...(previous?.keywords ?? []), ...keywords])];
    const best = previous && rank[previous.kind] <= rank[kind] ? previous.kind : kind;
    found.set(index, { line: index + 1, text: clip(line), kind: best, keywords: merged });
  };

  let fence: string | null = null;
  // A holder rather than two `let`s: the helpers below replace them, which flow analysis does not follow.
  const state: { section: Section | null; table: Table | null } = { section: null, table: null };
  const closeSection = (): void => {
    const section = state.section;
    if (section && section.topic.length > 0 && section.content > 0 && !section.template) add(section.index, 'lifecycle-section', section.topic, section.text);
    state.section = null;
  };
  const closeTable = (): void => {
    const table = state.table;
    if (table?.lifecycle && table.firstCells.length > 0) {
      const template = table.template || TEMPLATE_ROWS.every((row) => table.firstCells.includes(row));
      if (!template) add(table.headerLine, 'supported-versions-table', termsOf(table.headerText, projectName).map((t) => t.label), table.headerText);
    }
    state.table = null;
  };
  const openSection = (index: number, heading: string): void => {
    closeSection();
    closeTable();
    state.section = { index, text: lines[index] ?? heading, topic: termsOf(heading, projectName).filter((t) => t.topic).map((t) => t.label), content: 0, template: false };
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== null) {
      if (fenceMatch && fenceMatch[1]?.[0] === fence) fence = null;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]?.[0] ?? '`';
      continue;
    }
    // Inline code (`eol_time`, a command's output) is not a statement.
    const prose = line.replace(/`[^`]*`/g, ' ');
    const terms = termsOf(prose, projectName);
    const labels = terms.map((t) => t.label);
    if (labels.length > 0) add(i, 'keyword', labels);
    if (terms.some((t) => t.eol) && hasDate(prose)) add(i, 'eol-date', labels);
    if (terms.some((t) => t.unmaintained)) add(i, 'unmaintained', labels);

    const atx = headingOf(line);
    const next = lines[i + 1] ?? '';
    if (atx !== null) {
      openSection(i, atx);
      continue;
    }
    if (line.trim() !== '' && !line.includes('|') && isUnderline(next)) {
      openSection(i, line);
      i++;
      continue;
    }

    const { section, table } = state;
    if (table) {
      if (line.includes('|')) {
        table.firstCells.push(cells(line)[0] ?? '');
        if (table.eolColumn && hasDate(prose)) add(i, 'eol-date', termsOf(table.headerText, projectName).filter((t) => t.eol).map((t) => t.label));
        if (section) section.content++;
        continue;
      }
      closeTable();
    }
    if (line.includes('|') && isSeparator(next)) {
      const headerTerms = termsOf(line, projectName);
      state.table = {
        headerLine: i,
        headerText: line,
        eolColumn: headerTerms.some((t) => t.eol),
        lifecycle: VERSION_WORD.test(line) && (SUPPORT_WORD.test(line) || headerTerms.some((t) => t.topic) || (section?.topic.length ?? 0) > 0),
        template: section?.template ?? false,
        firstCells: [],
      };
      i++;
      continue;
    }
    if (section && line.trim() !== '') {
      if (GITHUB_TEMPLATE.test(line)) section.template = true;
      else section.content++;
    }
  }
  closeTable();
  closeSection();
  return [...found.values()].sort((a, b) => a.line - b.line);
}

export const KIND_ORDER: readonly EvidenceKind[] = ['eol-date', 'supported-versions-table', 'lifecycle-section', 'unmaintained', 'keyword'];
