import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectPolicyHits, evaluatePolicy, type PolicyHits } from './analyse.js';

void test('URLs are whole (not just the scheme), distinct, in order, without a sentence full stop', () => {
  const table: [string, string[]][] = [
    ['See https://example.com for details.', ['https://example.com']],
    ['Report at https://github.com/acme/demo/security/advisories/new.', ['https://github.com/acme/demo/security/advisories/new']],
    ['http://a.example/x?y=1 and http://a.example/x?y=1 again, then https://b.example', ['http://a.example/x?y=1', 'https://b.example']],
    ['[form](https://example.com/report_form) here', ['https://example.com/report_form']],
    ['No links here.', []],
    ['ftp://example.com is not a web link; neither is "https://" alone', []],
  ];
  for (const [text, urls] of table) assert.deepEqual(collectPolicyHits(text).urls, urls, text);
});

void test('e-mail addresses, including Scorecard\'s [at] forms', () => {
  const table: [string, string[]][] = [
    ['Contact us at security@example.org.', ['security@example.org']],
    ['Contact us at security[at]example.org.', ['security[at]example.org']],
    ['Contact us at security\\[at\\]example.org.', ['security\\[at\\]example.org']],
    ['a@example.com, b@example.com, a@example.com', ['a@example.com', 'b@example.com']],
    ['No email address here. @handle is not one, nor is x@localhost', []],
    // Scorecard's pattern allows top-level domains of 2 to 6 letters; longer ones are not recognised.
    ['security@acme.example', []],
  ];
  for (const [text, emails] of table) assert.deepEqual(collectPolicyHits(text).emails, emails, text);
});

void test('disclosure hints: vuln, disclos, numbers, time frames and embargo, counted with repeats', () => {
  const table: [string, string[], number][] = [
    ['Please see our vulnerability disclosure policy.', ['vuln', 'disclos'], 2],
    ['Report issues to 1234.', ['1234'], 1],
    ['We fix within 90 days and publish after a 7 day embargo.', ['90 days', '7 day', 'embargo'], 3],
    ['Allow 5 business days; Vulnerabilities and vulnerable code.', ['5 business days', 'vuln'], 3],
    ['No relevant keywords or numbers here.', [], 0],
    ['sha256 and v12345 are not short numbers', [], 0],
  ];
  for (const [text, keywords, count] of table) {
    const hits = collectPolicyHits(text);
    assert.deepEqual(hits.disclosureKeywords, keywords, text);
    assert.equal(hits.disclosureHitCount, count, text);
  }
});

void test('Scorecard\'s multi-line example', () => {
  const hits = collectPolicyHits('Contact: sec@ex.com\nPolicy: https://foo.com\nID: 42 vuln Disclos');
  assert.deepEqual(hits, {
    urls: ['https://foo.com'],
    emails: ['sec@ex.com'],
    disclosureKeywords: ['42', 'vuln', 'disclos'],
    disclosureHitCount: 3,
  });
});

void test('a long line of dotted text without an address is scanned in linear time', () => {
  const started = performance.now();
  const hits = collectPolicyHits('a.'.repeat(500_000) + '\n' + 'x-'.repeat(500_000) + '@');
  assert.deepEqual(hits.emails, []);
  assert.ok(performance.now() - started < 5000, 'e-mail scan must not backtrack quadratically');
});

function hits(partial: Partial<PolicyHits>): PolicyHits {
  return { urls: [], emails: [], disclosureKeywords: [], disclosureHitCount: 0, ...partial };
}

void test('evaluatePolicy scores like Scorecard: links 6, text 3, disclosure 1', () => {
  const url = 'https://www.bla.com'; // 19 bytes
  const email = 'myemail@google.com'; // 18 bytes
  const table: [string, number, PolicyHits, { links: boolean; text: boolean; disclosure: boolean }, number][] = [
    ['empty file', 0, hits({}), { links: false, text: false, disclosure: false }, 0],
    ['one byte', 1, hits({}), { links: false, text: false, disclosure: false }, 0],
    ['text only', 200, hits({}), { links: false, text: true, disclosure: false }, 3],
    // Scorecard's "links no text": the file is exactly its links plus two characters each.
    ['links and nothing else', 19 + 18 + 4, hits({ urls: [url], emails: [email] }), { links: true, text: false, disclosure: false }, 6],
    ['links with short text', 19 + 18 + 5, hits({ urls: [url], emails: [email] }), { links: true, text: true, disclosure: false }, 9],
    ['one disclosure hint is not enough', 300, hits({ urls: [url], disclosureHitCount: 1 }), { links: true, text: true, disclosure: false }, 9],
    ['everything', 300, hits({ urls: [url], emails: [email], disclosureHitCount: 2 }), { links: true, text: true, disclosure: true }, 10],
    ['disclosure without contacts', 300, hits({ disclosureHitCount: 4 }), { links: false, text: true, disclosure: true }, 4],
  ];
  for (const [name, size, input, checks, score] of table) {
    assert.deepEqual(evaluatePolicy(size, input), { checks: { present: true, ...checks }, score }, name);
  }
});
