/**
 * A fake OSS Insight public API: `GET /v1/repos/{owner}/{repo}/{role}/{countries|organizations}/` answering the
 * `sql_endpoint` envelope of the samples (all row values strings, as the real API). Only `known` repositories
 * have data; others get 404. `empty` mode answers every call with `rows: []`. `failing` lists paths that answer
 * 503, to fail some calls and not others.
 */
import { sample, startFakeService, type FakeService } from './service-fake.js';

export interface FakeOssInsight extends FakeService {
  failing: Set<string>;
}

export async function startFakeOssInsight(known: readonly string[]): Promise<FakeOssInsight> {
  const failing = new Set<string>();
  const fake = await startFakeService((request, reply, mode) => {
    const match = /^\/v1\/repos\/([^/]+)\/([^/]+)\/(issue_creators|pull_request_creators|stargazers)\/(countries|organizations)\/$/.exec(request.path);
    if (!match || !known.includes(`${match[1]}/${match[2]}`)) return reply.json(404, { message: 'Not Found' });
    if (failing.has(request.path)) return reply.text(503, 'upstream connect error', { 'content-type': 'text/plain' });
    const file = mode === 'empty' ? 'repos.issue_creators.countries.200.empty.json' : `repos.${match[3]}.${match[4]}.200.json`;
    const body = sample('ossinsight', file) as { data: { columns: { col: string }[] } };
    if (mode === 'empty' && body.data.columns[1]) body.data.columns[1].col = match[3] ?? '';
    reply.json(200, body);
  });
  return Object.assign(fake, { failing });
}
