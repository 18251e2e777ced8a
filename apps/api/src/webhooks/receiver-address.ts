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
    ['::', 128],
    ['::1', 128],
    ['64:ff9b:1::', 48], // local-use NAT64
    ['100::', 64], // discard
    ['2001:db8::', 32], // documentation
    ['fc00::', 7], // unique local
    ['fe80::', 10], // link-local
    ['ff00::', 8], // multicast
  ] as const) {
    list.addSubnet(network, prefix, 'ipv6');
  }
  return list;
})();

export const isPublicAddress = (address: string): boolean => {
  const family = isIP(address);
  if (family === 0) return false;
  return !NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
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

const resolveAll = (host: string): Promise<LookupAddress[]> =>
  new Promise((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/**
 * Why the policy refuses this receiver URL, or undefined: every address its host resolves to must be public (a name
 * with one private address among public ones could be answered with that one). A host that does not resolve is
 * refused too, since it cannot be checked.
 */
export const refusedReceiver = async (url: URL, policy: WebhookReceiverPolicy): Promise<string | undefined> => {
  if (policy === 'any') return undefined;
  const host = hostOf(url);
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await resolveAll(host)).map((a) => a.address);
  } catch (error) {
    return `${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? String(error)}), so its address cannot be checked`;
  }
  const refused = addresses.find((address) => !isPublicAddress(address));
  return refused === undefined ? undefined : new ReceiverNotPublic(host, refused).message;
};

/**
 * The `lookup` a delivery connects with under `public`: the name is resolved once, checked, and the socket connects to
 * that very address. Checking at registration alone would not do: a receiver's DNS may answer a private address later
 * (DNS rebinding). IP literals never reach a lookup; a delivery checks those itself (refusedReceiver).
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
