/** Builds PackageRecords: computes the purl and leaves out fields the file does not say anything about. */
import { purlOf } from './purl.js';
import type { Ecosystem, PackageRecord } from './types.js';

export type PackageInit = Omit<PackageRecord, 'ecosystem' | 'purl' | 'sourceFile'>;

/** A file the extractor cannot read as its format: becomes the ExtractionResult's `error`. */
export class MalformedFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedFileError';
  }
}

export function packageRecord(ecosystem: Ecosystem, sourceFile: string, init: PackageInit): PackageRecord {
  // Fields in one fixed order (stable JSON and one hidden class for every record); undefined ones left out.
  const record: { -readonly [K in keyof PackageRecord]: PackageRecord[K] } = {
    name: init.name,
    version: init.version,
    ecosystem,
    purl: purlOf(ecosystem, init.name, init.version),
    sourceFile,
  };
  if (init.direct !== undefined) record.direct = init.direct;
  if (init.dev !== undefined) record.dev = init.dev;
  if (init.declaredLicense !== undefined) record.declaredLicense = init.declaredLicense;
  if (init.line !== undefined) record.line = init.line;
  if (init.dependsOn !== undefined) record.dependsOn = init.dependsOn;
  if (init.resolution !== undefined) record.resolution = init.resolution;
  if (init.commit !== undefined) record.commit = init.commit;
  return record;
}

/** A plain object (not an array or null), for walking parsed documents without `any`. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The string-valued entries of an object (e.g. `dependencies: {name: range}`), or none. */
export function stringEntries(value: unknown): [string, string][] {
  if (!isObject(value)) return [];
  return Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
}

/** The last path segment of a repository-relative path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The folder of a repository-relative path ('' at the root). */
export function dirName(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut < 0 ? '' : path.slice(0, cut);
}

/** `dir/name`, or `name` at the root. */
export function joinPath(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/** Commit of a git URL's `#<sha>` fragment (a full or abbreviated hex id), if any. */
export function commitOf(url: string): string | undefined {
  const match = /#([0-9a-f]{7,40})$/i.exec(url);
  return match?.[1]?.toLowerCase();
}

/** The text of a file, with a parse of it as JSON; a parse failure is a MalformedFileError. */
export function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    throw new MalformedFileError(`not valid JSON (${what}): ${err instanceof Error ? err.message : String(err)}`);
  }
}
