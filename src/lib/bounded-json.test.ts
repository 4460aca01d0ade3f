import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toBoundedJson } from './bounded-json.js';

const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');

test('toBoundedJson copies exactly as the JSON round trip does, and counts the bytes of the compact text', async () => {
  const samples: unknown[] = [
    null,
    undefined,
    0,
    -0,
    1.5e300,
    NaN,
    -Infinity,
    'plain',
    'ünïcode 演示 \u0000 "quoted" \\ \n \ud800 lone surrogate',
    true,
    false,
    [],
    {},
    [1, undefined, () => 1, Symbol('s'), null, 'x'],
    { a: 1, b: undefined, c: () => 1, d: Symbol('s'), e: [{ f: new Date(0) }], 2: 'two', 1: 'one' },
    JSON.parse('{"__proto__": {"polluted": true}, "x": 1}'),
    { nested: { deeper: { deepest: [[[]], {}] } }, toJSONed: { toJSON: (key: string) => `key:${key}` } },
    Object.assign(Object.create({ inherited: 1 }) as object, { own: 2 }),
    [new Number(3), new String('s'), new Boolean(false)],
  ];
  for (const sample of samples) {
    const result = await toBoundedJson(sample, 1e9);
    assert.ok(result.ok);
    assert.deepEqual(result.value, roundTrip(sample), JSON.stringify(sample));
    assert.equal(result.bytes, Buffer.byteLength(JSON.stringify(sample) ?? 'null'), JSON.stringify(sample));
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('toBoundedJson rejects cycles and BigInt as JSON.stringify does', async () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  await assert.rejects(toBoundedJson(cyclic, 1e9), TypeError);
  await assert.rejects(toBoundedJson({ n: 10n }, 1e9), TypeError);
  // A shared (not cyclic) object is fine.
  const shared = { x: 1 };
  assert.deepEqual(await toBoundedJson([shared, shared], 1e9), { ok: true, value: [{ x: 1 }, { x: 1 }], bytes: 17 });
});

test('toBoundedJson stops at the cap without walking the rest', async () => {
  const big = Array.from({ length: 100_000 }, (_, i) => ({ path: `file-${i}.txt`, size: i }));
  const exact = Buffer.byteLength(JSON.stringify(big));
  assert.deepEqual(await toBoundedJson(big, exact), { ok: true, value: big, bytes: exact });
  const over = await toBoundedJson(big, 1000);
  assert.equal(over.ok, false);
  assert.ok(over.bytes > 1000 && over.bytes < 1100, String(over.bytes));
});

test('toBoundedJson counts every kind of string as its UTF-8 JSON text: escapes, control characters, DEL, multi-byte and lone surrogates, in values and keys', async () => {
  const strings = ['plain/path/file.js', '', 'quote " and backslash \\', 'tab\tnew\nline\u0001', 'del\u007f', 'é ü 中文 😀', 'lone \ud800 surrogate', '\u2028 line separator'];
  for (const text of strings) {
    const value = { [text]: text, list: [text, { k: text }] };
    const bounded = await toBoundedJson(value, 1_000_000);
    assert.ok(bounded.ok);
    assert.equal(bounded.bytes, Buffer.byteLength(JSON.stringify(value)), JSON.stringify(text));
  }
});
