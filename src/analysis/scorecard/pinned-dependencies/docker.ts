/**
 * Container images in Dockerfiles and docker-compose files, and the shell of Dockerfile `RUN` lines, with
 * Scorecard's rules: an image is pinned only by digest (`image@sha256:<64 hex>`, or `@sha256:${ARG}`); `FROM
 * scratch` is nothing; `FROM <stage>` / `FROM <stage> AS <name>` refer to an earlier stage and are pinned when
 * that stage's image was. Build arguments declared before the first FROM are replaced by their defaults
 * first (`FROM ${REGISTRY}/golang:${GO_VER}`, `FROM sdk-${VERSION}`); `--platform` and other flags are not part
 * of the image. RUN lines are shell (continuations joined, so a finding spans the whole instruction; heredoc
 * bodies are scripts on their own lines; the exec form's words are joined), and they share downloaded files.
 */
import { DockerfileParser, Run } from 'dockerfile-ast';
import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import type { RepoFile } from '../../../lib/repo/repo-view.js';
import { isAnyShellScript, isShellScript, type ShellUnit } from './scripts.js';
import type { Collected, Dependency } from './types.js';

/** Scorecard's digest rule: a 64-hex sha256 digest, or one given by a build argument. */
const DIGEST = /.*@sha256:([a-f\d]{64}|\$\{.*\})/;
const NOT_DOCKERFILE = /\.(go|c|cpp|rs|js|py|pyc|java)$/;

export function isDockerfile(file: RepoFile): boolean {
  const name = file.lowerName;
  if (NOT_DOCKERFILE.test(name)) return false;
  return name.includes('dockerfile') || name.startsWith('containerfile');
}

/** Templates (`Dockerfile.template`, `Dockerfile.tmpl`) are not built as they are: their images are not counted. */
function isTemplate(lowerName: string): boolean {
  return lowerName.split(/[._-]/).some((part) => part === 'template' || part === 'tmpl' || part === 'tpl');
}

export function isComposeFile(file: RepoFile): boolean {
  return /^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/.test(file.lowerName);
}

export function dockerfileDependencies(path: string, text: string): Collected & { units: ShellUnit[] } {
  const lines = text.split(/\r?\n/);
  const firstLine = lines[0] ?? '';
  if (isAnyShellScript(path, firstLine)) return { dependencies: [], problems: [], units: [] };
  const dockerfile = DockerfileParser.parse(text);
  const lowerName = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const countImages = !isTemplate(lowerName);
  const args = new Map<string, string>();
  let seenFrom = false;
  const stagePinned = new Map<string, boolean>();
  const dependencies: Dependency[] = [];
  const problems: Collected['problems'] = [];
  const units: ShellUnit[] = [];
  const tainted = new Set<string>();
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    const range = instruction.getRange();
    const line = range.start.line + 1;
    const endLine = range.end.line + 1;
    if (keyword === 'ARG' && !seenFrom) {
      for (const arg of instruction.getArguments()) {
        const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(arg.getValue());
        if (match) args.set(match[1] as string, unquote(match[2] as string));
      }
    } else if (keyword === 'FROM') {
      seenFrom = true;
      if (!countImages) continue;
      const values = instruction.getArguments().map((arg) => arg.getValue()).filter((value) => !value.startsWith('--')).map((value) => substitute(value, args));
      const snippet = lines.slice(range.start.line, range.end.line + 1).join(' ').trim();
      if (values.length === 0 || values[0]?.toLowerCase() === 'scratch') continue;
      const image = values[0] as string;
      const stage = stagePinned.has(image);
      let pinned: boolean;
      if (values.length === 3 && values[1]?.toLowerCase() === 'as') {
        pinned = stagePinned.get(image) === true || DIGEST.test(image);
        stagePinned.set(values[2] as string, pinned);
      } else if (values.length === 1) {
        pinned = stagePinned.get(image) === true || DIGEST.test(image);
      } else {
        problems.push({ path, error: `line ${line}: FROM with unexpected arguments` });
        continue;
      }
      const dependency: Dependency = stage
        ? { name: image, version: '', type: 'Docker', path, line, owned: false, snippet, ecosystem: 'containerImage', pinned, note: 'an earlier build stage' }
        : imageDependency(image, path, line, snippet, pinned);
      dependencies.push(endLine !== line ? { ...dependency, endLine } : dependency);
    } else if (keyword === 'RUN') {
      units.push(...runUnits(instruction, path, lines, tainted));
    }
  }
  return { dependencies, problems, units };
}

type Instruction = ReturnType<ReturnType<typeof DockerfileParser.parse>['getInstructions']>[number];

function runUnits(instruction: Instruction, path: string, lines: readonly string[], tainted: Set<string>): ShellUnit[] {
  const range = instruction.getRange();
  const heredocs: HeredocLike[] = instruction instanceof Run ? instruction.getHeredocs() : [];
  if (heredocs.length > 0) {
    const units: ShellUnit[] = [];
    for (const heredoc of heredocs) {
      const body = heredoc.getContentRange();
      if (!body) continue;
      const script = lines.slice(body.start.line, body.end.line + 1).join('\n');
      const first = script.trimStart().split('\n')[0] ?? '';
      // A heredoc may name its own interpreter (`#!/usr/bin/env python`): only shell is scanned.
      if (first.startsWith('#!') && !isShellScript('', first)) continue;
      units.push({ path, script, base: { start: body.start.line, end: body.start.line }, tainted });
    }
    return units;
  }
  const raw = instruction.getRawArgumentsContent();
  if (!raw) return [];
  // Continuations are joined first: an exec form may span lines too.
  let script = joinContinuations(raw);
  if (script.trimStart().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(script);
      if (Array.isArray(parsed)) script = parsed.map(String).join(' ');
    } catch {
      // Not valid JSON: Docker runs it as a shell command.
    }
  }
  return [{ path, script, base: { start: range.start.line, end: range.end.line }, tainted }];
}

interface HeredocLike {
  getContentRange(): { start: { line: number }; end: { line: number } } | null;
}

/** As the Dockerfile parser does: comment lines inside a continued instruction are dropped, continuations joined. */
function joinContinuations(raw: string): string {
  return raw
    .split(/\r?\n/)
    .filter((line, index) => index === 0 || !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\[ \t]*\r?\n/g, '');
}

/** `$NAME`, `${NAME}` and `${NAME:-default}` with known build arguments; unknown ones stay as written. */
function substitute(value: string, args: ReadonlyMap<string, string>): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced: string | undefined, _d: string | undefined, fallback: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    const known = args.get(name);
    if (known !== undefined && known !== '') return known;
    return fallback ?? whole;
  });
}

function unquote(value: string): string {
  return value.replace(/^(['"])(.*)\1$/, '$2');
}

function imageDependency(image: string, path: string, line: number, snippet: string, pinned: boolean): Dependency {
  const base: Omit<Dependency, 'name' | 'version'> = { type: 'Docker', path, line, owned: false, snippet, ecosystem: 'containerImage', pinned };
  if (image.includes('$') && !pinned) {
    return { ...base, name: image, version: '', note: 'image from a build argument without a default, so it cannot be pinned here' };
  }
  const at = image.indexOf('@');
  if (at > 0) return { ...base, name: image.slice(0, at).replace(/:[^:/]*$/, ''), version: image.slice(at + 1) };
  const tag = /:([^:/]+)$/.exec(image);
  return { ...base, name: tag ? image.slice(0, tag.index) : image, version: tag?.[1] ?? 'latest' };
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
    const dependency = imageDependency(image.value, path, line, lines[line - 1]?.trim() ?? `image: ${image.value}`, /@sha256:[0-9a-f]{64}$/i.test(image.value));
    dependencies.push({ ...dependency, ecosystem: null });
  }
  return { dependencies, problems: [] };
}
