import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Which receivers a webhook may post to (`CARNET_WEBHOOK_RECEIVERS`): `public` (the default) refuses loopback,
 * private, link-local (cloud metadata at 169.254.169.254) and other non-routable addresses, so that registering a
 * webhook cannot make the server post into its own network (server-side request forgery); `any` allows them, for a
 * receiver on the same machine or LAN.
 */
export type WebhookReceiverPolicy = 'public' | 'any';

/** Addresses a webhook never reaches under `public` (IANA special-purpose registries). IPv4-mapped IPv6 matches the IPv4 rules. */
const NOT_PUBLIC = (() => {
  const list = new BlockList();
  for (const [network, prefix] of [
    ['0.0.0.0', 8], // "this network"
    ['10.0.0.0', 8],
    ['100.64.0.0', 10], // carrier-grade NAT
    ['127.0.0.0', 8],
    ['169.254.0.0', 16], // link-local, cloud metadata
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.0.2.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['198.51.100.0', 24],
    ['203.0.113.0', 24],
    ['224.0.0.0', 4], // multicast
    ['240.0.0.0', 4], // reserved, broadcast
  ] as const) {
    list.addSubnet(network, prefix, 'ipv4');
  }
  for (const [network, prefix] of [
    ['::', 96], // unspecified, loopback, and the deprecated IPv4-compatible ::a.b.c.d
    ['64:ff9b:1::', 48], // local-use NAT64
    ['100::', 64], // discard
    ['2001::', 32], // Teredo
    ['2001:db8::', 32], // documentation
    ['fc00::', 7], // unique local
    ['fe80::', 10], // link-local
    ['fec0::', 10], // site-local (deprecated)
    ['ff00::', 8], // multicast
  ] as const) {
    list.addSubnet(network, prefix, 'ipv6');
  }
  return list;
})();

/** The eight 16-bit groups of an IPv6 address (a trailing dotted quad included), or undefined if it is none. */
const groupsOf = (address: string): number[] | undefined => {
  if (isIP(address) !== 6) return undefined;
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  const text = quad ? address.slice(0, quad.index) + (((+quad[1]! << 8) | +quad[2]!).toString(16) + ':' + ((+quad[3]! << 8) | +quad[4]!).toString(16)) : address;
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string | undefined) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const [before, after] = [parse(head), parse(tail)];
  return tail === undefined ? before : [...before, ...Array<number>(8 - before.length - after.length).fill(0), ...after];
};

const dotted = (high: number, low: number): string => `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;

/**
 * The IPv4 address an IPv6 one routes to through a translator: NAT64's well-known prefix 64:ff9b::/96 (an IPv6-only
 * network's way to IPv4, private networks included), SIIT's ::ffff:0:a.b.c.d and 6to4's 2002:AABB:CCDD::. (IPv4-mapped
 * ::ffff:a.b.c.d matches the IPv4 rules by itself.)
 */
const embeddedIPv4 = (address: string): string | undefined => {
  const g = groupsOf(address);
  if (!g) return undefined;
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return dotted(g[6]!, g[7]!);
  if (g.slice(0, 4).every((x) => x === 0) && g[4] === 0xffff && g[5] === 0) return dotted(g[6]!, g[7]!);
  if (g[0] === 0x2002) return dotted(g[1]!, g[2]!);
  return undefined;
};

export const isPublicAddress = (address: string): boolean => {
  const family = isIP(address);
  if (family === 0 || NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6')) return false;
  const embedded = family === 6 ? embeddedIPv4(address) : undefined;
  return embedded === undefined || isPublicAddress(embedded);
};

/** Raised when a receiver's address is one the policy refuses; its message says which address and how to allow it. */
export class ReceiverNotPublic extends Error {
  readonly code = 'ERECEIVERNOTPUBLIC';
  constructor(host: string, address: string) {
    super(`${host} is at ${address}, not a public address: refused (CARNET_WEBHOOK_RECEIVERS=any allows loopback and private receivers)`);
    this.name = 'ReceiverNotPublic';
  }
}

/** The URL's host as `net` and `dns` take it: IPv6 literals without their brackets. */
export const hostOf = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');

export type ResolveAll = (host: string) => Promise<readonly { readonly address: string }[]>;

const resolveAll: ResolveAll = (host) =>
  new Promise((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/** A registration waits this long at most for the receiver's name to resolve. */
const RESOLVE_TIMEOUT_MS = 5_000;

/**
 * What the policy says of a receiver URL: `refused` when its host has an address that is not public (a name with one
 * private address among public ones could be answered with that one) or does not exist; `unresolved` when its name
 * cannot be resolved now (the resolver failing or too slow: worth trying again); undefined when it may be posted to.
 */
export const checkReceiver = async (
  url: URL,
  policy: WebhookReceiverPolicy,
  { resolve = resolveAll, timeoutMs = RESOLVE_TIMEOUT_MS }: { resolve?: ResolveAll; timeoutMs?: number } = {},
): Promise<{ readonly verdict: 'refused' | 'unresolved'; readonly reason: string } | undefined> => {
  if (policy === 'any') return undefined;
  const host = hostOf(url);
  let addresses: readonly string[];
  try {
    if (isIP(host)) addresses = [host];
    else {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'ETIMEOUT' })), timeoutMs)));
      addresses = (await Promise.race([resolve(host), late]).finally(() => clearTimeout(timer))).map((a) => a.address);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return code === 'ENOTFOUND'
      ? { verdict: 'refused', reason: `${host} does not resolve (ENOTFOUND): no such name, so its address cannot be checked` }
      : { verdict: 'unresolved', reason: `${host} could not be resolved now (${code}), so its address cannot be checked: try again` };
  }
  const refused = addresses.find((address) => !isPublicAddress(address));
  return refused === undefined ? undefined : { verdict: 'refused', reason: new ReceiverNotPublic(host, refused).message };
};

/**
 * The `lookup` a delivery connects with under `public`: the name is resolved once, checked, and the socket connects to
 * that very address. Checking at registration alone would not do: a receiver's DNS may answer a private address later
 * (DNS rebinding). IP literals never reach a lookup; a delivery checks those itself (postToReceiver).
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true } as LookupAllOptions, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (refused) return callback(Object.assign(new ReceiverNotPublic(hostname, refused.address), { errno: 0, syscall: 'lookup' }), '', 0);
    // net asks for every address when it tries them in turn (autoSelectFamily), for one otherwise.
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, addresses);
    const [first] = addresses;
    if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
    callback(null, first.address, first.family);
  });
};
