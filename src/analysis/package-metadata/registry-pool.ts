/**
 * The HTTP side every package-registry reader shares (licenses, reachability): one client per registry made on
 * first use (the npm registry's URL may ask npm for its setting), `[Registries] concurrency` requests in flight,
 * a request count per registry, and a registry that failed the way every request would (unreachable, down,
 * throttling) skipped for the rest of the run instead of asked again and again.
 */
import pLimit from 'p-limit';
import type { Config } from '../../config/schema.js';
import type { Logger } from '../../lib/log.js';
import { PlatformError } from '../../platforms/errors.js';
import { ServiceClient } from '../../platforms/services/http-json.js';

/** A registry as the pool needs it: an id, a name for messages and its base URL. */
export interface RegistryEndpoint {
  readonly id: string;
  readonly service: string;
  baseUrl(config: Config): string | Promise<string>;
}

export interface RegistryPoolOptions {
  readonly config: Config;
  readonly log?: Logger;
  /** Retries after the first attempt and the first backoff delay (tests shorten them). */
  readonly retry?: { readonly maxRetries: number; readonly retryBaseMs: number };
  /** Largest response body read. */
  readonly maxBodyBytes: number;
}

/** A failure that will fail every other lookup of the registry too (unreachable, down, misconfigured). */
export function isRegistryDown(err: unknown): boolean {
  if (!(err instanceof PlatformError)) return true;
  return err.status === null || err.kind === 'server' || err.kind === 'rate_limited' || err.kind === 'timeout' || err.kind === 'network' || err.kind === 'blocked';
}

const ACCEPT = 'application/json, application/xml;q=0.9, */*;q=0.5';

export class RegistryPool {
  /** HTTP requests sent, by registry id (for tests and logs). */
  readonly requests = new Map<string, number>();
  private readonly clients = new Map<string, Promise<ServiceClient>>();
  /** Registries that failed in a way every request would (isRegistryDown): queued requests fail at once. */
  private readonly down = new Map<string, Error>();
  private readonly limit: ReturnType<typeof pLimit>;

  constructor(private readonly options: RegistryPoolOptions) {
    this.limit = pLimit(Math.max(1, options.config.Registries.concurrency));
  }

  /** The registry's client, made once. */
  client(endpoint: RegistryEndpoint): Promise<ServiceClient> {
    let client = this.clients.get(endpoint.id);
    if (!client) {
      const settings = this.options.config.Registries;
      client = Promise.resolve(endpoint.baseUrl(this.options.config)).then(
        (baseUrl) =>
          new ServiceClient({
            service: endpoint.service,
            baseUrl,
            timeoutMs: settings.timeout_s * 1000,
            maxRetries: this.options.retry?.maxRetries ?? 2,
            retryBaseMs: this.options.retry?.retryBaseMs ?? 500,
            maxBodyBytes: this.options.maxBodyBytes,
          }),
      );
      this.clients.set(endpoint.id, client);
    }
    return client;
  }

  /** One GET through the pool; `accept` are the statuses besides 2xx that are answers (404: no such version). */
  call(endpoint: RegistryEndpoint, client: ServiceClient, path: string, accept: number[], signal: AbortSignal): Promise<{ status: number; text: string }> {
    return this.limit(async () => {
      const down = this.down.get(endpoint.id);
      if (down) throw down;
      this.requests.set(endpoint.id, (this.requests.get(endpoint.id) ?? 0) + 1);
      try {
        const response = await client.call(path, { signal, accept, headers: { accept: ACCEPT } });
        return { status: response.status, text: response.text };
      } catch (err) {
        if (!signal.aborted && isRegistryDown(err) && !this.down.has(endpoint.id)) {
          this.down.set(endpoint.id, err instanceof Error ? err : new Error(String(err)));
          this.options.log?.warn({ registry: endpoint.service, err: err instanceof Error ? err.message : String(err) }, 'package registry unavailable; its other lookups are skipped');
        }
        throw err;
      }
    });
  }
}
