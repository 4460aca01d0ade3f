/**
 * Container images in Dockerfiles (with multi-stage builds and build arguments resolved by dockerfile-ast) and
 * docker-compose files, and the commands of Dockerfile `RUN` lines. An image is pinned only by digest
 * (`image@sha256:<64 hex>`), as Scorecard: a tag, even `python:3.12.1`, can be re-pushed. `FROM scratch` and
 * `FROM <earlier stage>` fetch nothing and are not dependencies.
 */
import { DockerfileParser } from 'dockerfile-ast';
import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import type { RepoFile } from '../../../lib/repo/repo-view.js';
import { shellDependencies } from '../../workflows/shell.js';
import { fromShell } from './scripts.js';
import type { Collected, Dependency } from './types.js';

const DIGEST = /@sha256:[0-9a-f]{64}$/i;

export function isDockerfile(file: RepoFile): boolean {
  const name = file.lowerName;
  return name.startsWith('dockerfile') || name.endsWith('.dockerfile') || name.startsWith('containerfile');
}

export function isComposeFile(file: RepoFile): boolean {
  return /^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/.test(file.lowerName);
}

export function dockerfileDependencies(path: string, text: string): Collected {
  const dockerfile = DockerfileParser.parse(text);
  const lines = text.split(/\r?\n/);
  const stages = new Set<string>();
  const dependencies: Dependency[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    const line = instruction.getRange().start.line + 1;
    if (keyword === 'FROM') {
      // Build arguments are replaced by their defaults (ARG before FROM); flags such as --platform are dropped.
      const args = instruction.getExpandedArguments().map((arg) => arg.getValue()).filter((arg) => !arg.startsWith('--'));
      const image = args[0];
      const asIndex = args.findIndex((arg) => arg.toLowerCase() === 'as');
      const stage = asIndex > 0 ? args[asIndex + 1] : undefined;
      if (image && image.toLowerCase() !== 'scratch' && !stages.has(image.toLowerCase())) {
        dependencies.push(imageDependency(image, path, line, lines[line - 1]?.trim() ?? `FROM ${image}`));
      }
      if (stage) stages.add(stage.toLowerCase());
    } else if (keyword === 'RUN') {
      const script = instruction.getRawArgumentsContent();
      if (script && !script.trimStart().startsWith('[')) {
        dependencies.push(...fromShell(shellDependencies(script), path, line - 1));
      }
    }
  }
  return { dependencies, problems: [] };
}

function imageDependency(image: string, path: string, line: number, snippet: string): Dependency {
  const base: Omit<Dependency, 'name' | 'version' | 'pinned'> = { type: 'Docker', path, line, owned: false, snippet, ecosystem: 'containerImage' };
  if (image.includes('$')) {
    return { ...base, name: image, version: '', pinned: false, note: 'image from a build argument without a default, so it cannot be pinned here' };
  }
  const at = image.indexOf('@');
  if (at > 0) return { ...base, name: image.slice(0, at), version: image.slice(at + 1), pinned: DIGEST.test(image) };
  const tag = /:([^:/]+)$/.exec(image);
  return { ...base, name: tag ? image.slice(0, tag.index) : image, version: tag?.[1] ?? 'latest', pinned: false };
}

/** `services.<name>.image` of a compose file; Scorecard does not score these, upstream counted them as Docker. */
export function composeDependencies(path: string, text: string): Collected {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    return { dependencies: [], problems: [{ path, error: `invalid YAML at line ${first ? counter.linePos(first.pos[0]).line : 1}: ${first?.message.split('\n')[0] ?? ''}` }] };
  }
  const root = doc.contents;
  const services = isMap(root) ? (root.get('services', true) as Node | undefined) : undefined;
  const dependencies: Dependency[] = [];
  if (!isMap(services)) return { dependencies, problems: [] };
  const lines = text.split(/\r?\n/);
  for (const service of services.items) {
    if (!isMap(service.value)) continue;
    const image = service.value.get('image', true);
    if (!isScalar(image) || typeof image.value !== 'string' || !image.range) continue;
    const line = counter.linePos(image.range[0]).line;
    const dependency = imageDependency(image.value, path, line, lines[line - 1]?.trim() ?? `image: ${image.value}`);
    dependencies.push({ ...dependency, ecosystem: null });
  }
  return { dependencies, problems: [] };
}
