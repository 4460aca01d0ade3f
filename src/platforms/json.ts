/** Reading fields of untyped API answers without trusting them: wrong types become null, not crashes. */
import type { Json } from '../lib/json.js';
import { PlatformError } from './errors.js';

export type JsonObject = { [key: string]: Json };

export function asObject(value: unknown, what: string): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new PlatformError('malformed', `${what}: expected a JSON object, got ${value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value}`);
  }
  return value as JsonObject;
}

export function asList(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new PlatformError('malformed', `${what}: expected a JSON list`);
  return value;
}

export function str(object: JsonObject | null | undefined, key: string): string | null {
  const value = object?.[key];
  return typeof value === 'string' ? value : null;
}

/** A non-empty string, else null (Gitee uses `""` for "not set"). */
export function text(object: JsonObject | null | undefined, key: string): string | null {
  const value = str(object, key);
  return value !== null && value.trim() !== '' ? value : null;
}

export function num(object: JsonObject | null | undefined, key: string): number | null {
  const value = object?.[key];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return null;
}

export function bool(object: JsonObject | null | undefined, key: string): boolean {
  return object?.[key] === true;
}

export function child(object: JsonObject | null | undefined, key: string): JsonObject | null {
  const value = object?.[key];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value) : null;
}
