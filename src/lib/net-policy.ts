/**
 * The one outbound-address policy: which addresses a connection a user can aim (clone, callback, url-checker,
 * release downloads, forge and registry clients) may reach. Configured once, in `[Network]`; applied to the
 * RESOLVED address of every connection and every redirect hop by the lookup the connection itself uses, so the
 * address that was checked is the address that is connected to (no DNS rebinding between check and connect).
 *
 * Classes of address:
 * - never allowed: link-local (169.254/16 with the cloud metadata address, fe80::/10), cloud metadata names and
 *   addresses, unspecified, multicast, broadcast and reserved ranges, documentation ranges;
 * - loopback (127/8, ::1): allowed by `allow_loopback`;
 * - private (RFC 1918, 100.64/10 CGNAT, 198.18/15, fc00::/7, fec0::/10, local NAT64): allowed by `allow_private`;
 * - any of the above but "never" is also allowed for a host in `allow_hosts` or an address in `allow_cidrs`.
 * IPv6 forms that embed an IPv4 address (IPv4-mapped `::ffff:a.b.c.d`, IPv4-compatible, NAT64 64:ff9b::/96,
 * 6to4 2002::/16, Teredo 2001::/32) are judged by the embedded address as well, the stricter verdict winning.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/** The `[Network]` settings the policy is built from (config.Network has this shape). */
export interface NetworkSettings {
  readonly allow_loopback: boolean;
  readonly allow_private: boolean;
  /** Host names allowed whatever they resolve to (except never-allowed addresses): `git.corp`, `*.corp.example`. */
  readonly allow_hosts: string;
  /** CIDRs (or single addresses) allowed: `10.20.0.0/16, fd12::/16`. */
  readonly allow_cidrs: string;
  /** ssh://, scp-like and git:// project URLs (checked before the clone, but not pinned). */
  readonly allow_ssh_and_git_protocol: boolean;
}

export type AddressClass = 'public' | 'loopback' | 'private' | 'never';

/** Cloud metadata services reached by name; refused before any lookup. */
const METADATA_HOSTNAMES = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'metadata.azure.internal', 'instance-data', 'instance-data.ec2.internal']);

const never = new BlockList();
never.addSubnet('0.0.0.0', 8, 'ipv4'); // "this network", unspecified
never.addSubnet('169.254.0.0', 16, 'ipv4'); // link-local, incl. 169.254.169.254 (AWS, GCP, Azure, OpenStack)
never.addAddress('100.100.100.200', 'ipv4'); // Alibaba Cloud metadata (inside 100.64/10, but never allowed)
never.addSubnet('192.0.0.0', 24, 'ipv4'); // IETF protocol assignments
never.addSubnet('192.0.2.0', 24, 'ipv4'); // documentation (TEST-NET-1)
never.addSubnet('198.51.100.0', 24, 'ipv4'); // TEST-NET-2
never.addSubnet('203.0.113.0', 24, 'ipv4'); // TEST-NET-3
never.addSubnet('224.0.0.0', 4, 'ipv4'); // multicast
never.addSubnet('240.0.0.0', 4, 'ipv4'); // reserved, incl. the broadcast 255.255.255.255
never.addAddress('::', 'ipv6'); // unspecified
never.addSubnet('fe80::', 10, 'ipv6'); // link-local
never.addSubnet('ff00::', 8, 'ipv6'); // multicast
never.addSubnet('100::', 64, 'ipv6'); // discard-only
never.addSubnet('2001:db8::', 32, 'ipv6'); // documentation
never.addAddress('fd00:ec2::254', 'ipv6'); // AWS IPv6 metadata (inside fc00::/7, but never allowed)

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

const privateRanges = new BlockList();
privateRanges.addSubnet('10.0.0.0', 8, 'ipv4');
privateRanges.addSubnet('172.16.0.0', 12, 'ipv4');
privateRanges.addSubnet('192.168.0.0', 16, 'ipv4');
privateRanges.addSubnet('100.64.0.0', 10, 'ipv4'); // carrier-grade NAT, often the cluster's own network
privateRanges.addSubnet('198.18.0.0', 15, 'ipv4'); // benchmarking, used inside some clouds
privateRanges.addSubnet('fc00::', 7, 'ipv6'); // unique local
privateRanges.addSubnet('fec0::', 10, 'ipv6'); // deprecated site-local
privateRanges.addSubnet('64:ff9b:1::', 48, 'ipv6'); // local-use NAT64

const SEVERITY: Record<AddressClass, number> = { public: 0, private: 1, loopback: 2, never: 3 };

/** The 16 bytes of an IPv6 address (node has no parser to bytes), or null when `text` is not one. */
export function ipv6Bytes(text: string): number[] | null {
  if (isIP(text) !== 6) return null;
  let address = text.replace(/%.*$/, '').toLowerCase();
  const tail: number[] = [];
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  if (dotted) {
    tail.push(...dotted.slice(1, 5).map(Number));
    address = address.slice(0, dotted.index) + '0:0';
  }
  const [head = '', rest] = address.split('::');
  const groups = (part: string): number[] => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const left = groups(head);
  const right = rest === undefined ? [] : groups(rest);
  const words = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  const bytes = words.flatMap((word) => [word >> 8, word & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** IPv4 addresses an IPv6 address carries (mapped, compatible, NAT64, 6to4, Teredo), dotted. */
export function embeddedIpv4(address: string): string[] {
  const b = ipv6Bytes(address);
  if (!b) return [];
  const dotted = (bytes: number[]): string => bytes.join('.');
  const zero = (from: number, to: number): boolean => b.slice(from, to).every((x) => x === 0);
  const found: string[] = [];
  if (zero(0, 10) && b[10] === 0xff && b[11] === 0xff) found.push(dotted(b.slice(12))); // ::ffff:a.b.c.d
  else if (zero(0, 12) && b[12] !== 0) found.push(dotted(b.slice(12))); // ::a.b.c.d (deprecated; not ::1 or ::)
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(4, 12)) found.push(dotted(b.slice(12))); // NAT64
  if (b[0] === 0x20 && b[1] === 0x02) found.push(dotted(b.slice(2, 6))); // 6to4
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0 && b[3] === 0) {
    found.push(dotted(b.slice(4, 8))); // Teredo server
    found.push(dotted(b.slice(12).map((x) => x ^ 0xff))); // Teredo client, obfuscated by XOR
  }
  return found;
}

/** What kind of address `address` (a literal IPv4 or IPv6 address) is; anything unreadable is "never". */
export function classifyAddress(address: string): AddressClass {
  const family = isIP(address);
  if (family === 0) return 'never';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const bare = address.replace(/%.*$/, '');
  let verdict: AddressClass = never.check(bare, type) ? 'never' : loopback.check(bare, type) ? 'loopback' : privateRanges.check(bare, type) ? 'private' : 'public';
  for (const inner of family === 6 ? embeddedIpv4(bare) : []) {
    const innerClass = classifyAddress(inner);
    if (SEVERITY[innerClass] > SEVERITY[verdict]) verdict = innerClass;
  }
  return verdict;
}

/** A connection the policy refuses. The message is short, names the setting, and never depends on the target's answer. */
export class BlockedAddressError extends Error {
  readonly code = 'OC_BLOCKED_ADDRESS';
  constructor(
    readonly host: string,
    readonly address: string | null,
    readonly addressClass: AddressClass,
  ) {
    super(blockedMessage(host, address, addressClass));
    this.name = 'BlockedAddressError';
  }
}

function blockedMessage(host: string, address: string | null, addressClass: AddressClass): string {
  const subject = address === null || address === host ? host : `${host} (${address})`;
  switch (addressClass) {
    case 'loopback':
      return `requests to ${subject} are not allowed: a loopback address; allow it with [Network] allow_loopback, allow_hosts or allow_cidrs`;
    case 'private':
      return `requests to ${subject} are not allowed: a private address; allow it with [Network] allow_cidrs or allow_hosts`;
    default:
      return `requests to ${subject} are not allowed: a link-local, cloud metadata or reserved address, which is never reached`;
  }
}

/** Lists in settings: separated by commas and/or white space. */
function listOf(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** A host name as compared: lower case, no trailing dot, no IPv6 brackets. */
export function normaliseHost(host: string): string {
  return host.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
}

export type LookupFunction = (hostname: string, options: { all: true }, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

export class NetworkPolicy {
  private readonly allowedCidrs = new BlockList();
  private readonly exactHosts = new Set<string>();
  private readonly hostSuffixes: string[] = [];

  /**
   * @param lookup resolves names (tests give a fake one to simulate rebinding and names of private addresses).
   */
  constructor(
    readonly settings: NetworkSettings,
    private readonly lookup: LookupFunction = dnsLookup,
  ) {
    for (const entry of listOf(settings.allow_cidrs)) {
      const [address = '', bits] = entry.split('/');
      const family = isIP(address);
      if (family === 0) throw new Error(`[Network] allow_cidrs: "${entry}" is not an address or CIDR`);
      const max = family === 4 ? 32 : 128;
      const prefix = bits === undefined ? max : Number(bits);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) throw new Error(`[Network] allow_cidrs: "${entry}" has a bad prefix length`);
      this.allowedCidrs.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
    }
    for (const entry of listOf(settings.allow_hosts).map(normaliseHost)) {
      if (entry.startsWith('*.')) this.hostSuffixes.push(entry.slice(1));
      else this.exactHosts.add(entry);
    }
  }

  /** A host named in `allow_hosts`. */
  isAllowedHost(host: string): boolean {
    const name = normaliseHost(host);
    return this.exactHosts.has(name) || this.hostSuffixes.some((suffix) => name.endsWith(suffix));
  }

  /** In `allow_cidrs`, itself or (for an IPv6 form embedding one) by its IPv4 address. */
  private inAllowedCidr(address: string): boolean {
    const bare = address.replace(/%.*$/, '');
    if (this.allowedCidrs.check(bare, isIP(bare) === 4 ? 'ipv4' : 'ipv6')) return true;
    const inner = embeddedIpv4(bare);
    return inner.length > 0 && inner.every((ipv4) => this.allowedCidrs.check(ipv4, 'ipv4'));
  }

  /** Null when a connection to `address` (reached through `host`) is allowed, else the refusal. */
  refusal(host: string, address: string): BlockedAddressError | null {
    const addressClass = classifyAddress(address);
    if (addressClass === 'public' || addressClass === 'never') return addressClass === 'never' ? new BlockedAddressError(host, address, addressClass) : null;
    if (addressClass === 'loopback' && this.settings.allow_loopback) return null;
    if (addressClass === 'private' && this.settings.allow_private) return null;
    if (this.isAllowedHost(host) || this.inAllowedCidr(address)) return null;
    return new BlockedAddressError(host, address, addressClass);
  }

  /**
   * Refusals decided from the name alone, before any lookup: cloud metadata names and literal addresses.
   * Throws BlockedAddressError.
   */
  assertHost(host: string): void {
    const name = normaliseHost(host);
    if (METADATA_HOSTNAMES.has(name)) throw new BlockedAddressError(name, null, 'never');
    if (isIP(name) !== 0) {
      const refused = this.refusal(name, name);
      if (refused) throw refused;
    }
  }

  /**
   * Resolves `host` and checks every address it resolves to (one refused address refuses the name: a
   * resolver answering a public and a private address is a rebinding attempt). Literal addresses are not
   * looked up. The answer is what the caller must connect to.
   */
  async resolve(host: string): Promise<LookupAddress[]> {
    const name = normaliseHost(host);
    this.assertHost(name);
    const family = isIP(name);
    if (family !== 0) return [{ address: name, family }];
    const addresses = await new Promise<LookupAddress[]>((resolve, reject) => {
      this.lookup(name, { all: true }, (err, found) => (err ? reject(err) : resolve(found)));
    });
    if (addresses.length === 0) throw Object.assign(new Error(`no address for ${name}`), { code: 'ENOTFOUND' });
    for (const entry of addresses) {
      const refused = this.refusal(name, entry.address);
      if (refused) throw refused;
    }
    return addresses;
  }

  /**
   * A `lookup` for net.connect, http.request and undici's connector: resolves, checks and hands back the
   * checked addresses, so the connection goes to an address that passed.
   */
  readonly connectLookup = (
    hostname: string,
    options: { all?: boolean },
    callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    this.resolve(hostname).then(
      (addresses) => {
        if (options.all) return callback(null, addresses);
        const first = addresses[0] as LookupAddress;
        callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, []),
    );
  };
}

/** The policy of a laptop (`openchecker up`, `check`, tests): loopback allowed, private addresses refused. */
export const LAPTOP_NETWORK: NetworkSettings = {
  allow_loopback: true,
  allow_private: false,
  allow_hosts: '',
  allow_cidrs: '',
  allow_ssh_and_git_protocol: true,
};

const bySettings = new WeakMap<NetworkSettings, NetworkPolicy>();

/** The policy of these settings (config.Network), built once per settings object. */
export function networkPolicyFor(settings: NetworkSettings): NetworkPolicy {
  let policy = bySettings.get(settings);
  if (!policy) {
    policy = new NetworkPolicy(settings);
    bySettings.set(settings, policy);
  }
  return policy;
}

let processPolicy: NetworkPolicy | null = null;

/**
 * Installs the process's policy, from its configuration. The process assembly does this at start-up (the
 * CLI's configuration loading); clients deep in the platform layer that are not handed a policy use it.
 */
export function setProcessNetworkPolicy(policy: NetworkPolicy): void {
  processPolicy = policy;
}

/**
 * The process's policy; before one is installed (tests, library use), the laptop policy. Hosted processes
 * (`serve`, `agent`) always install theirs before they connect anywhere.
 */
export function processNetworkPolicy(): NetworkPolicy {
  processPolicy ??= new NetworkPolicy(LAPTOP_NETWORK);
  return processPolicy;
}
