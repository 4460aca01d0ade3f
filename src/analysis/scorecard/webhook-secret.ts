/**
 * Secrets in webhook objects, masked before they leave the agent. Gitee and GitCode return a hook's secret in
 * clear as `password` (upstream masked it as `"******"`); GitHub returns `config.secret` already masked and may
 * carry credentials in the target URL (`https://user:pass@host/…`) or in its query (`?token=…`).
 */
import type { Json } from '../../lib/json.js';

export const MASK = '******';
const SECRET_KEYS = new Set(['password', 'secret', 'token', 'access_token', 'private_token', 'signing_key']);
const SECRET_QUERY = /^(?:token|access_token|secret|key|api_key|apikey|password|sig|signature|auth)$/i;

export function maskHook(value: Json): Json {
  if (Array.isArray(value)) return value.map(maskHook);
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: Json } = {};
  for (const [key, field] of Object.entries(value)) {
    if (SECRET_KEYS.has(key.toLowerCase()) && typeof field === 'string') out[key] = field === '' ? '' : MASK;
    else if (key === 'url' && typeof field === 'string') out[key] = maskUrl(field);
    else out[key] = maskHook(field);
  }
  return out;
}

/** Credentials inside a hook's target URL: user info and secret-looking query parameters. */
export function maskUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  let changed = false;
  if (url.username || url.password) {
    url.username = url.username ? MASK : '';
    url.password = url.password ? MASK : '';
    changed = true;
  }
  for (const key of [...url.searchParams.keys()]) {
    if (SECRET_QUERY.test(key)) {
      url.searchParams.set(key, MASK);
      changed = true;
    }
  }
  return changed ? url.toString() : raw;
}

/** Whether a hook has a secret configured (GitHub: `config.secret`; Gitee/GitCode: non-empty `password`). */
export function hookHasSecret(hook: { [key: string]: Json }): boolean {
  const config = hook.config;
  if (config && typeof config === 'object' && !Array.isArray(config)) {
    const secret = config.secret;
    if (typeof secret === 'string' && secret !== '') return true;
  }
  return typeof hook.password === 'string' && hook.password !== '';
}
