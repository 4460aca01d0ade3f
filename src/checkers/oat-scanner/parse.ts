/**
 * OpenHarmony OAT's plain-text report (`PlainReport_<name>.txt`) as upstream's JSON: each
 * `<Category> Total Count: N` line opens a category, and each following `Name: ... Content: ... Line: N
 * Project: ... File: ...` line is one of its findings. Other lines (headers, blank lines, notes) are skipped.
 */

export type OatDetail = {
  name: string;
  content: string;
  line: number;
  project: string;
  file: string;
};

export type OatReport = Record<string, { total_count: number; details: OatDetail[] }>;

const SECTION = /^\s*(.+?)\s+Total Count:\s*(\d+)\s*$/;
const DETAIL = /^\s*Name:(.+?)Content:(.+?)Line:\s*(\d+)\s*Project:(.+?)File:(.+)$/;

export function parseOatReport(text: string): OatReport {
  const report: OatReport = {};
  let current: OatReport[string] | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const section = SECTION.exec(raw);
    if (section) {
      const name = (section[1] as string).trim();
      current = { total_count: Number(section[2]), details: report[name]?.details ?? [] };
      report[name] = current;
      continue;
    }
    const detail = raw.trimStart().startsWith('Name:') ? DETAIL.exec(raw) : null;
    if (detail && current) {
      current.details.push({
        name: (detail[1] as string).trim(),
        content: (detail[2] as string).trim(),
        line: Number(detail[3]),
        project: (detail[4] as string).trim(),
        file: (detail[5] as string).trim(),
      });
    }
  }
  return report;
}
