/**
 * One package registry as a license source: which ecosystems it serves, where its base URL is configured,
 * and how to read a version's declared licenses from its documented API. The HTTP, caching, retries and
 * concurrency are the executor's (index.ts); a definition only says which documents to fetch and what to
 * read from them.
 */
import type { Config } from '../../../config/schema.js';
import type { Ecosystem } from '../../dependencies/types.js';

export interface VersionLookup {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  readonly version: string;
  /** How many parents up this lookup is (Maven POM inheritance); not part of the cache key. */
  readonly depth?: number;
}

/** What a definition may fetch; paths are relative to the registry's base URL. */
export interface RegistryFetch {
  /** The parsed JSON at `path`, or null when the registry answers 404. */
  json(path: string): Promise<unknown>;
  /** The body at `path`, or null on 404. */
  text(path: string): Promise<string | null>;
  /** Another version's licenses through the same cache (a Maven parent POM). */
  licensesOf(lookup: VersionLookup): Promise<readonly string[] | null>;
}

export interface RegistryDefinition {
  /** Short id: cache keys and messages (`pypi`, `crates`). */
  readonly id: string;
  /** Human name for messages: "PyPI", "crates.io". */
  readonly service: string;
  readonly ecosystems: readonly Ecosystem[];
  /** The configured base URL (the npm one may come from npm's own setting). */
  baseUrl(config: Config): string | Promise<string>;
  /**
   * The version's declared licenses as SPDX expressions (or names no table knows), [] when the registry has
   * the version but no license, null when it does not have the version.
   */
  licenses(lookup: VersionLookup, fetch: RegistryFetch): Promise<readonly string[] | null>;
}

export type Dict = Record<string, unknown>;
export const isDict = (value: unknown): value is Dict => typeof value === 'object' && value !== null && !Array.isArray(value);
export const strings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string' && item.trim() !== '');
