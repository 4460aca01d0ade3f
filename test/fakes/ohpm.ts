/**
 * A fake OHPM m2m API: `POST /ohpm/m2m/package/info` that VERIFIES the AK/SK signature the way a server must
 * (recomputing it from the body it received, the signed-only `param0` query and the timestamp in the header)
 * and answers 401 when it does not match. The response is the sample's `{"body": [...]}` (not publicly
 * documented; see samples/ohpm/README.md), or `{"body": []}` for repositories without a package.
 */
import { signAksk } from '../../src/platforms/services/aksk.js';
import { sample, startFakeService, type FakeService } from './service-fake.js';

export const OHPM_PATH = '/ohpm/m2m/package/info';

export async function startFakeOhpm(credentials: { accessKey: string; secretKey: string }, packagedRepos: readonly string[]): Promise<FakeService> {
  return startFakeService(
    (request, reply, mode) => {
      if (request.method !== 'POST' || request.path !== OHPM_PATH) return reply.json(404, { code: 404, message: 'Not Found' });
      const header = String(request.headers.authorization ?? '');
      const fields = /^SDK-HMAC-SHA256 accessId=([^,]*),timestamp=(\d+),signedHeaders=([^,]*),signature=([0-9a-f]{64})$/.exec(header);
      const expected = fields
        ? signAksk({
            accessKey: credentials.accessKey,
            secretKey: credentials.secretKey,
            method: request.method,
            path: request.path,
            query: { param0: OHPM_PATH.slice(1) },
            body: request.body,
            timestamp: fields[2] ?? '',
          }).header
        : null;
      if (!fields || fields[1] !== credentials.accessKey || header !== expected) {
        return reply.json(401, { code: 401, message: 'signature verification failed', body: null });
      }
      let repoAddress: unknown;
      try {
        repoAddress = (JSON.parse(request.body) as { repoAddress?: unknown }).repoAddress;
      } catch {
        return reply.json(400, { code: 400, message: 'bad request body' });
      }
      const known = typeof repoAddress === 'string' && packagedRepos.includes(repoAddress) && mode !== 'empty';
      // The real envelope likely carries more keys (code, message); clients must ignore them.
      const payload = known ? sample('ohpm', 'package-info.200.json') : sample('ohpm', 'package-info.200.empty.json');
      reply.json(200, { code: 200, message: 'success', ...(payload as Record<string, unknown>) });
    },
    { 401: { code: 401, message: 'unauthorized', body: null }, 404: { code: 404, message: 'Not Found' } },
  );
}
