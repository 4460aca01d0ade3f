/**
 * The dependency-checker result from resolved licenses (pure). Upstream's keys hold package URLs:
 * `packages_all` (every dependency), split into `packages_with_license_detect` and
 * `packages_without_license_detect`; OpenChecker adds `packages_detail` (each package with its licenses and
 * where they came from) and, only when a lockfile could not be read or a lookup failed, `errors`.
 */
import type { Json } from '../types.js';
import type { LicenseReport } from '../../analysis/package-metadata/licenses.js';

/** `problems`: lockfiles that could not be read, as `<repo>/<path>: <why>`. */
export function dependencyResult(report: LicenseReport, problems: readonly string[] = []): { [key: string]: Json } {
  const all: string[] = [];
  const withLicense: string[] = [];
  const withoutLicense: string[] = [];
  const detail: Json[] = [];
  for (const { pkg, licenses, source } of report.packages) {
    all.push(pkg.purl);
    (licenses.length > 0 ? withLicense : withoutLicense).push(pkg.purl);
    const entry: { [key: string]: Json } = {
      purl: pkg.purl,
      name: pkg.name,
      version: pkg.version,
      ecosystem: pkg.ecosystem,
      licenses: [...licenses],
      license_source: source,
      source_file: pkg.sourceFile,
    };
    if (pkg.direct !== undefined) entry.direct = pkg.direct;
    if (pkg.dev !== undefined) entry.dev = pkg.dev;
    detail.push(entry);
  }
  const result: { [key: string]: Json } = {
    packages_all: all,
    packages_with_license_detect: withLicense,
    packages_without_license_detect: withoutLicense,
    packages_detail: detail,
  };
  const errors = [...problems, ...report.errors];
  if (errors.length > 0) result.errors = errors;
  return result;
}
