/**
 * How fast the project handles vulnerabilities in its own code, from its GitHub repository security advisories
 * (pure: advisories and releases in, figures out):
 * - close time: from an advisory's creation (a private vulnerability report, or a draft a maintainer opened:
 *   the moment the project knew) to its publication, or to its closing for one closed unpublished;
 * - fix time: from the advisory's creation to the publication of the first release that carries a patched
 *   version it names (`vulnerabilities[].patched_versions`, matched to release tags without a leading `v` or a
 *   `<name>-` / `<name>@` prefix). A release out before the advisory was opened counts 0 days.
 * Withdrawn advisories, and drafts or reports still in triage, are not counted. Means have one decimal; with
 * nothing to measure they are null with the reason, never 0.
 */
import type { Release } from '../../platforms/index.js';
import type { Json } from '../types.js';

type Dict = Record<string, unknown>;
const isDict = (value: unknown): value is Dict => typeof value === 'object' && value !== null && !Array.isArray(value);
const date = (value: unknown): string | null => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : null);
const days = (from: string, to: string): number => Math.max(0, Math.round(((Date.parse(to) - Date.parse(from)) / 86_400_000) * 10) / 10);
const mean = (values: readonly number[]): number | null => (values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10);

/** The versions `patched_versions` names: `1.1.0`, `1.1.0, 2.0.3`, `>= 1.1.0`. */
export function patchedVersions(advisory: Dict): string[] {
  const vulnerabilities = Array.isArray(advisory.vulnerabilities) ? advisory.vulnerabilities.filter(isDict) : [];
  const versions = vulnerabilities.flatMap((vulnerability) => (typeof vulnerability.patched_versions === 'string' ? vulnerability.patched_versions.split(',') : []));
  return [...new Set(versions.map((version) => version.replace(/^[\s>=~^v]+/, '').trim()).filter((version) => version !== ''))];
}

/** A release tag as a version: `v1.2.0`, `demo-1.2.0`, `demo@1.2.0`, `release-1.2.0` → `1.2.0`. */
export function tagVersion(tag: string): string {
  return tag.replace(/^.*[@/]/, '').replace(/^[A-Za-z][\w.]*?[-_](?=v?\d)/, '').replace(/^v/i, '');
}

export interface AdvisoryFigures {
  readonly avg_vuln_close_days: number | null;
  readonly avg_vulnerability_fix_days: number | null;
  readonly evidence: Json[];
}

export function advisoryFigures(advisories: readonly Dict[], releases: readonly Release[]): AdvisoryFigures {
  const closeDays: number[] = [];
  const fixDays: number[] = [];
  const evidence: Json[] = [];
  const published = releases.filter((release) => !release.draft && (release.publishedAt ?? release.createdAt));
  for (const advisory of advisories) {
    const state = typeof advisory.state === 'string' ? advisory.state : '';
    const created = date(advisory.created_at);
    if (!created || advisory.withdrawn_at || state === 'withdrawn' || (state !== 'published' && state !== 'closed')) continue;
    const entry: { [key: string]: Json } = { ghsa_id: typeof advisory.ghsa_id === 'string' ? advisory.ghsa_id : '', state, created_at: created };
    const closedAt = state === 'published' ? date(advisory.published_at) : date(advisory.closed_at);
    if (closedAt) {
      entry.closed_at = closedAt;
      entry.close_days = days(created, closedAt);
      closeDays.push(entry.close_days);
    }
    if (state === 'published') {
      const patched = patchedVersions(advisory);
      entry.patched_versions = patched;
      const fixes = published
        .filter((release) => patched.includes(tagVersion(release.tag)))
        .map((release) => ({ tag: release.tag, at: (release.publishedAt ?? release.createdAt) as string }))
        .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
      const first = fixes[0];
      if (first) {
        entry.fixed_release = first.tag;
        entry.fixed_at = first.at;
        entry.fix_days = days(created, first.at);
        fixDays.push(entry.fix_days);
      }
    }
    evidence.push(entry);
  }
  return { avg_vuln_close_days: mean(closeDays), avg_vulnerability_fix_days: mean(fixDays), evidence };
}
