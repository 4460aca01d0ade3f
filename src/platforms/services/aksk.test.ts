import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pythonJsonDumps, pythonQuote, signAksk } from './aksk.js';

void test('reproduces upstream\'s verified test vector exactly (canonical request, body and header)', () => {
  const body = pythonJsonDumps({ repoAddress: 'https://gitee.com/openharmony-sig/foo', packageName: '', metaDataVersion: 'v2' });
  assert.equal(body, '{"repoAddress": "https://gitee.com/openharmony-sig/foo", "packageName": "", "metaDataVersion": "v2"}');
  const signed = signAksk({
    accessKey: 'AK123',
    secretKey: 'SK456',
    method: 'POST',
    path: '/ohpm/m2m/package/info',
    query: { param0: 'ohpm/m2m/package/info' },
    body,
    timestamp: '1700000000000',
  });
  assert.equal(
    signed.canonical,
    '1700000000000\nPOST\n/ohpm/m2m/package/info\nparam0=ohpm%2Fm2m%2Fpackage%2Finfo&\n\n\nc94a55d7ba346e45eadfa6478c69c4b911521f117d0a85f2f6233ac6a0001ae8',
  );
  assert.equal(
    signed.header,
    'SDK-HMAC-SHA256 accessId=AK123,timestamp=1700000000000,signedHeaders=,signature=cd886ace0a3b6bb6549bffba474377e7db5f9357bf987a5b4a6cd01fa95ded03',
  );
});

void test('path, query, header and body rules follow upstream\'s signer', () => {
  const signed = signAksk({
    accessKey: 'a',
    secretKey: 'b',
    method: 'get',
    path: 'x/y/',
    query: { b: '2', A: '1 !' },
    headers: { 'X-Two': ' v2 ', host: 'h' },
    body: '   ',
    timestamp: '1',
  });
  // lower-case method is upper-cased, path gains "/" and loses one trailing "/", keys sorted ignoring case
  // and concatenated without "&", blank body hashes to "".
  assert.equal(signed.canonical, '1\nGET\n/x/y\nA=1%20%21b=2&\nhost:h\nx-two:v2\nhost;x-two\n');
  assert.match(signed.header, /signedHeaders=host;x-two,signature=[0-9a-f]{64}$/);
});

void test('pythonQuote and pythonJsonDumps match Python\'s quote(safe="=") and json.dumps', () => {
  assert.equal(pythonQuote("a/b=c~d_e.f-g*h'i(j)k!l"), 'a%2Fb=c~d_e.f-g%2Ah%27i%28j%29k%21l');
  assert.equal(pythonQuote('é'), '%C3%A9');
  assert.equal(pythonJsonDumps({ k: 'é\u007f"\n😀' }), '{"k": "\\u00e9\\u007f\\"\\n\\ud83d\\ude00"}');
});
