/**
 * A fake OpenSSF Best Practices badge site: `GET /projects.json?url=<url>` answers the JSON array of projects
 * whose `repo_url` or `homepage_url` is that URL exactly (trailing slash ignored), as the real app does; the
 * sample project is registered for https://github.com/acme/demo. 429 is Rack::Attack's plain-text "Retry later".
 */
import { sample, startFakeService, type FakeService } from './service-fake.js';

export async function startFakeBestPractices(): Promise<FakeService> {
  const projects = sample('bestpractices', 'projects.search.200.json') as Record<string, unknown>[];
  const other = { ...projects[0], id: 12345, name: 'demo-site', repo_url: 'https://github.com/acme/demo-site', homepage_url: 'https://github.com/acme/demo' };
  const all = [other, ...projects];
  return startFakeService(
    (request, reply, mode) => {
      if (request.path !== '/projects.json') return reply.text(404, 'Not Found');
      const url = (request.query.get('url') ?? '').replace(/\/+$/, '');
      const found = mode === 'empty' ? [] : all.filter((p) => p.repo_url === url || p.homepage_url === url);
      reply.json(200, found, { 'content-type': 'application/json; charset=utf-8' });
    },
    { 429: 'Retry later\n', 404: 'Not Found' },
  );
}
