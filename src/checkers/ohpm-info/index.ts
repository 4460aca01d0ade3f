/**
 * ohpm-info: the OHPM (OpenHarmony package manager) package published from this repository — downloads, how
 * many packages it depends on and how many depend on it — from OHPM's m2m API with AK/SK request signing
 * (src/platforms/services/aksk.ts, byte-for-byte upstream's scheme).
 *
 * Output keeps upstream's keys: `{"down_count", "dependent" (its dependency count), "bedependent" (dependents)}`;
 * no package for the repository keeps upstream's empty strings. Fixed: every failure (rejected signature,
 * throttling, time-out, a broken answer) is `{"error": ...}` where upstream answered with the empty strings.
 */
import type { Config } from '../../config/schema.js';
import { OhpmClient, type OhpmPackageInfo } from '../../platforms/services/ohpm.js';
import { CheckerInputError, type Checker, type Json } from '../types.js';
import { meta } from './meta.js';

/** Upstream's shipped config.ini placeholders: present, but not credentials. */
const PLACEHOLDERS = new Set(['your_access_key_here', 'your_secret_key_here']);

export const checker: Checker = {
  ...meta,
  run: async (ctx) => {
    const packages = await ohpmClient(ctx.config).packageInfo(ctx.task.projectUrl, ctx.signal);
    return toResult(packages[0] ?? null);
  },
};

function ohpmClient(config: Config): OhpmClient {
  const unset = (['access_key', 'secret_key'] as const).filter((key) => PLACEHOLDERS.has(config.AKSK[key].trim().toLowerCase()));
  if (unset.length > 0) {
    throw new CheckerInputError(`ohpm-info needs OHPM credentials: ${unset.map((key) => `[AKSK] ${key}`).join(' and ')} still hold${unset.length === 1 ? 's' : ''} the placeholder of upstream's config.ini`);
  }
  return new OhpmClient({ apiUrl: config.OHPM.api_url, accessKey: config.AKSK.access_key, secretKey: config.AKSK.secret_key, timeoutMs: config.OHPM.timeout_s * 1000 });
}

/** Upstream's shape; values are passed through as OHPM gives them (numbers), absent ones as "". */
export function toResult(info: OhpmPackageInfo | null): Json {
  const value = (v: unknown): Json => (typeof v === 'number' || typeof v === 'string' ? v : '');
  return { down_count: value(info?.downloadCount), dependent: value(info?.dependencyCount), bedependent: value(info?.dependentCount) };
}
