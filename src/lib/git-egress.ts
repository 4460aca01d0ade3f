/**
 * The outbound-address policy (./net-policy.ts) for git's own connections. git (through libcurl) resolves
 * and connects by itself, so for HTTP(S) it is made to go through a proxy of ours: an HTTP proxy on
 * 127.0.0.1, on an ephemeral port, for the lifetime of one clone, that resolves each target, applies the
 * policy and connects to the address it checked (so DNS rebinding cannot move the connection elsewhere). git
 * follows redirects of the first request only (`http.followRedirects=initial`), and each hop is a new request
 * through the proxy, checked the same way. The proxy wants a random credential, so other local processes
 * cannot use it during the clone.
 *
 * ssh://, scp-like (`git@host:path`) and git:// URLs cannot be routed through it: they are refused unless
 * `[Network] allow_ssh_and_git_protocol` is set, and then their host is resolved and checked before the
 * clone (not pinned: ssh and git connect by themselves).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { BlockedAddressError, type NetworkPolicy } from './net-policy.js';
import { splitRepoUrl } from './repo-url.js';

/** How long connecting to the target may take, through the proxy. */
const CONNECT_TIMEOUT_MS = 30_000;

/** A clone refused before git ran, or by the proxy while it ran. */
export class CloneRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CloneRefusedError';
  }
}

export interface GitEgress {
  /** `-c` options for git: the proxy, the redirect rule, the transports refused. */
  readonly gitOptions: readonly string[];
  /** The first connection the proxy refused, if any: the reason a failed clone is reported with. */
  readonly refusal: BlockedAddressError | null;
  close(): Promise<void>;
}

const NO_EGRESS: GitEgress = { gitOptions: [], refusal: null, close: async () => undefined };

const SSH_LIKE = new Set(['ssh', 'git+ssh', 'ssh+git', 'git']);

/**
 * Checks where `url` may be cloned from and prepares git's connections; close the result when the clone is
 * done. Throws CloneRefusedError (or BlockedAddressError for a refused host) when the clone may not start.
 */
export async function openGitEgress(url: string, policy: NetworkPolicy): Promise<GitEgress> {
  const parts = splitRepoUrl(url);
  if (!parts || parts.syntax === 'local') return NO_EGRESS;
  const transportsOff = policy.settings.allow_ssh_and_git_protocol ? [] : ['-c', 'protocol.ssh.allow=never', '-c', 'protocol.git.allow=never'];
  if (parts.syntax === 'scp' || SSH_LIKE.has(parts.scheme ?? '')) {
    if (!policy.settings.allow_ssh_and_git_protocol) {
      throw new CloneRefusedError(`${parts.syntax === 'scp' ? 'ssh' : (parts.scheme ?? 'ssh')} clones are not allowed here; use an https:// URL (or set [Network] allow_ssh_and_git_protocol = true)`);
    }
    await policy.resolve(parts.host);
    return NO_EGRESS;
  }
  if (parts.scheme !== 'http' && parts.scheme !== 'https') return { ...NO_EGRESS, gitOptions: transportsOff };
  // Refused at once when the first host already is; the proxy checks it (and every redirect) again, pinned.
  await policy.resolve(parts.host);
  const proxy = await startEgressProxy(policy);
  return {
    gitOptions: [
      '-c', `http.proxy=${proxy.url}`,
      '-c', 'http.proxyAuthMethod=basic',
      '-c', 'http.followRedirects=initial',
      ...transportsOff,
    ],
    get refusal() {
      return proxy.refusal;
    },
    close: () => proxy.close(),
  };
}

export interface EgressProxy {
  /** `http://<user>:<secret>@127.0.0.1:<port>`, for git's `http.proxy`. */
  readonly url: string;
  readonly refusal: BlockedAddressError | null;
  /** Requests and tunnels the proxy let through (tests). */
  readonly connections: number;
  close(): Promise<void>;
}

/** Starts the policy-checking proxy: CONNECT tunnels for https, absolute-URI requests for http. */
export async function startEgressProxy(policy: NetworkPolicy, connectTimeoutMs = CONNECT_TIMEOUT_MS): Promise<EgressProxy> {
  const secret = randomBytes(18).toString('base64url');
  const expected = Buffer.from(`Basic ${Buffer.from(`git:${secret}`).toString('base64')}`);
  const sockets = new Set<Duplex>();
  let refusal: BlockedAddressError | null = null;
  let connections = 0;

  const authorised = (headers: IncomingHttpHeaders): boolean => {
    const given = Buffer.from(headers['proxy-authorization'] ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  /** Resolves and checks the target; a refusal is remembered for the clone's error. */
  const target = async (host: string): Promise<string> => {
    try {
      const [first] = await policy.resolve(host);
      return (first as { address: string }).address;
    } catch (err) {
      if (err instanceof BlockedAddressError) refusal ??= err;
      throw err;
    }
  };

  const server = createServer((req, res) => void forward(req, res));
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!authorised(req.headers)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="openchecker"' }).end();
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (url.protocol !== 'http:') {
      res.writeHead(400).end();
      return;
    }
    let address: string;
    try {
      address = await target(url.hostname);
    } catch {
      // The same short answer whether the address is refused or unknown: git reports the proxy's status only.
      res.writeHead(403).end();
      return;
    }
    connections++;
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = httpRequest({ host: address, port: url.port || 80, method: req.method, path: `${url.pathname}${url.search}`, headers, agent: false, timeout: connectTimeoutMs });
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('timeout', () => upstream.destroy(new Error('timed out')));
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    req.pipe(upstream);
  }

  server.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    const answer = (status: string): void => {
      client.end(`HTTP/1.1 ${status}\r\n\r\n`);
    };
    if (!authorised(req.headers)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="openchecker"\r\n\r\n');
      return;
    }
    let url: URL;
    try {
      url = new URL(`https://${req.url ?? ''}`);
    } catch {
      answer('400 Bad Request');
      return;
    }
    target(url.hostname).then(
      (address) => {
        connections++;
        const upstream = connect({ host: address, port: Number(url.port || 443), timeout: connectTimeoutMs });
        sockets.add(upstream);
        upstream.on('close', () => sockets.delete(upstream));
        upstream.once('connect', () => {
          upstream.setTimeout(0);
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          if (head.length > 0) upstream.write(head);
          upstream.pipe(client);
          client.pipe(upstream);
        });
        upstream.on('timeout', () => upstream.destroy());
        upstream.on('error', () => {
          if (!client.destroyed) answer('502 Bad Gateway');
        });
        upstream.on('close', () => client.destroy());
      },
      () => answer('403 Forbidden'),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://git:${secret}@127.0.0.1:${port}`,
    get refusal() {
      return refusal;
    },
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
