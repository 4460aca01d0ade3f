/**
 * Turns a value into plain JSON data exactly as `JSON.parse(JSON.stringify(value))` would (toJSON applied,
 * undefined, functions and symbols dropped from objects and null in arrays, NaN and Infinity null, cycles an
 * error), while counting the bytes its JSON text would take, and gives up as soon as that passes a cap.
 *
 * Why not the round trip: on a result of hundreds of MB (a whole-tree scan of a "git bomb") the round trip
 * holds the event loop for seconds, builds the whole text before the size is known, and parses it back. This
 * walk yields every time slice, builds no text, and stops at the cap.
 */
import { yieldEvery, type Yielder } from './yield.js';
import type { Json } from './json.js';

export type BoundedJson = { readonly ok: true; readonly value: Json; readonly bytes: number } | { readonly ok: false; readonly bytes: number };

class TooLarge extends Error {}

/** Characters JSON escapes (or that take more than one UTF-8 byte, or are DEL): such strings are measured exactly. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const NOT_PLAIN = /[\u0000-\u001f"\\\u007f-\uffff]/;

/**
 * The UTF-8 size of a string's JSON text. Most strings (paths, ids, license keys) are plain ASCII needing no
 * escape: their quotes and characters, without building the text (stringifying every string to measure it was
 * half of the walk's time on a whole-tree scan).
 */
function jsonStringBytes(text: string): number {
  return NOT_PLAIN.test(text) ? Buffer.byteLength(JSON.stringify(text)) : text.length + 2;
}

/** `value` as plain JSON and the UTF-8 size of its compact text; `ok: false` once that passes `maxBytes`. */
export async function toBoundedJson(value: unknown, maxBytes: number): Promise<BoundedJson> {
  const walker = new Walker(maxBytes, yieldEvery());
  try {
    const copy = await walker.top(value);
    return { ok: true, value: copy, bytes: walker.bytes };
  } catch (err) {
    if (err instanceof TooLarge) return { ok: false, bytes: walker.bytes };
    throw err;
  }
}

class Walker {
  bytes = 0;
  private containers = 0;
  private readonly seen = new Set<object>();

  constructor(
    private readonly maxBytes: number,
    private readonly slice: Yielder,
  ) {}

  /** The top level: what JSON.stringify leaves undefined becomes null (as `JSON.parse(... ?? 'null')`). */
  async top(value: unknown): Promise<Json> {
    const copy = await this.walk(value, '');
    if (copy === undefined) this.count(4);
    return copy ?? null;
  }

  private count(n: number): void {
    this.bytes += n;
    if (this.bytes > this.maxBytes) throw new TooLarge();
  }

  private countText(text: string): void {
    this.count(Buffer.byteLength(text));
  }

  /** The copy of one value, or undefined for what JSON leaves out (undefined, functions, symbols). */
  private walk(input: unknown, key: string | number): Json | undefined | Promise<Json | undefined> {
    let value = input;
    if (value !== null && (typeof value === 'object' || typeof value === 'bigint')) {
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') value = (toJSON as (key: string) => unknown).call(value, String(key));
    }
    if (value === null) {
      this.count(4);
      return null;
    }
    switch (typeof value) {
      case 'string':
        this.count(jsonStringBytes(value));
        return value;
      case 'number':
        if (!Number.isFinite(value)) {
          this.count(4);
          return null;
        }
        this.countText(JSON.stringify(value));
        return value === 0 ? 0 : value; // -0 reads back as 0
      case 'boolean':
        this.count(value ? 4 : 5);
        return value;
      case 'undefined':
      case 'function':
      case 'symbol':
        return undefined;
      case 'bigint':
        // JSON.stringify's own TypeError ("Do not know how to serialize a BigInt").
        return JSON.parse(JSON.stringify(value)) as Json;
      default:
        break;
    }
    if (value instanceof Number || value instanceof String || value instanceof Boolean) {
      return this.walk(value.valueOf(), key);
    }
    // Scalars above are counted synchronously; only containers cost a promise.
    return this.container(value);
  }

  private async container(object: object): Promise<Json> {
    // Reading the clock costs about as much as copying a small object: look at it every 256 containers.
    if ((++this.containers & 255) === 0 && this.slice.due()) await this.slice.yield();
    if (this.seen.has(object)) throw new TypeError('Converting circular structure to JSON');
    this.seen.add(object);
    try {
      if (Array.isArray(object)) {
        const copy: Json[] = [];
        this.count(2);
        for (let i = 0; i < object.length; i++) {
          if (i > 0) this.count(1);
          // A long array of scalars is one container: look at the clock inside it too.
          if ((i & 1023) === 1023 && this.slice.due()) await this.slice.yield();
          let item = this.walk(object[i] as unknown, i);
          if (item instanceof Promise) item = await item;
          if (item === undefined) this.count(4);
          copy.push(item ?? null);
        }
        return copy;
      }
      const copy: { [key: string]: Json } = {};
      const record = object as Record<string, unknown>;
      this.count(2);
      let first = true;
      for (const name of Object.keys(record)) {
        let item = this.walk(record[name], name);
        if (item instanceof Promise) item = await item;
        if (item === undefined) continue;
        this.count(jsonStringBytes(name));
        this.count(first ? 1 : 2); // ':' and the ',' before every member but the first
        first = false;
        // `__proto__` is an ordinary member in parsed JSON; assigning it would set the prototype instead.
        if (name === '__proto__') Object.defineProperty(copy, name, { value: item, enumerable: true, writable: true, configurable: true });
        else copy[name] = item;
      }
      return copy;
    } finally {
      this.seen.delete(object);
    }
  }
}
