/**
 * A fake npm registry and npm downloads API in one server (point `[Npm] registry_url` and `downloads_api_url`
 * at it, or at two instances to fail one of them). Packuments are the recorded sample plus a pre-release
 * published after the latest release — the last key of `versions` is then NOT what `dist-tags.latest` names,
 * which is where upstream went wrong. Answers `/<name>`, `/<name>/<version-or-dist-tag>` and
 * `/downloads/range/last-month/<name>` like the real services, 404 bodies included.
 */
import { sample, startFakeService, type FakeService } from './service-fake.js';

type Doc = Record<string, unknown> & { versions: Record<string, Record<string, unknown>>; 'dist-tags': Record<string, string> };

export const NPM_PACKAGE = 'configurable-http-proxy';
/** A package named like a repository it does not come from. */
export const NPM_COLLIDING_PACKAGE = 'demo';

function packuments(): Map<string, Doc> {
  const base = sample('npm', 'package.full.200.json') as Doc;
  const latest = base.versions['3.1.1'] ?? {};
  const beta = {
    ...latest,
    _id: `${NPM_PACKAGE}@4.0.0-beta.1`,
    version: '4.0.0-beta.1',
    dependencies: { ...(latest.dependencies as Record<string, string>), 'http-proxy-3': '^1.0.0', yargs: '^17.0.0' },
  };
  const proxy: Doc = { ...base, 'dist-tags': { latest: '3.1.1', next: '4.0.0-beta.1' }, versions: { '3.1.1': latest, '4.0.0-beta.1': beta } };
  const demoVersion = {
    name: NPM_COLLIDING_PACKAGE,
    version: '1.0.0',
    description: 'An unrelated package that happens to be called demo',
    repository: { type: 'git', url: 'git+https://github.com/someone-else/demo.git' },
    dependencies: { leftpad: '^1.0.0' },
  };
  const demo: Doc = { name: NPM_COLLIDING_PACKAGE, 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': demoVersion } };
  return new Map([
    [NPM_PACKAGE, proxy],
    [NPM_COLLIDING_PACKAGE, demo],
  ]);
}

export async function startFakeNpm(): Promise<FakeService> {
  const docs = packuments();
  const range = sample('npm', 'downloads.range.last-month.200.json') as Record<string, unknown>;
  return startFakeService(
    (request, reply, mode) => {
      const segments = request.path.split('/').filter(Boolean).map(decodeURIComponent);
      if (segments[0] === 'downloads') {
        const name = segments.slice(3).join('/');
        if (segments[1] !== 'range' || segments[2] !== 'last-month' || !docs.has(name)) {
          return reply.json(404, { error: `package ${name} not found` });
        }
        return reply.json(200, { ...range, package: name, downloads: mode === 'empty' ? [] : range.downloads });
      }
      const [name, version] = segments[0]?.startsWith('@') ? [`${segments[0]}`, segments[1]] : [segments[0] ?? '', segments[1]];
      const doc = docs.get(name);
      if (!doc || mode === 'empty') return reply.json(404, sample('npm', 'error.404.package-not-found.json'));
      if (version === undefined) return reply.json(200, doc);
      const resolved = doc['dist-tags'][version] ?? version;
      const found = doc.versions[resolved];
      return found ? reply.json(200, found) : reply.json(404, `version not found: ${version}`);
    },
    { 404: sample('npm', 'error.404.package-not-found.json'), 429: 'Too Many Requests' },
  );
}
