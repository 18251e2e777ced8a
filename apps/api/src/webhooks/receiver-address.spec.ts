import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { failureText, postToReceiver } from './post-to-receiver.js';
import { checkReceiver, isPublicAddress, publicOnlyLookup, ReceiverNotPublic } from './receiver-address.js';

describe('webhook receivers: public addresses only, unless CARNET_WEBHOOK_RECEIVERS=any', () => {
  it.each([
    '127.0.0.1', '127.8.9.10', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '255.255.255.255', '224.0.0.1', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', '::ffff:127.0.0.1', '::ffff:a00:1', 'not-an-address',
    // IPv4 behind IPv6: compatible (deprecated), NAT64 (an IPv6-only network's way out, private IPv4 included), SIIT, 6to4; Teredo; site-local.
    '::7f00:1', '::10.0.0.1', '64:ff9b::a9fe:a9fe', '64:ff9b::10.0.0.5', '64:ff9b::7f00:1', '::ffff:0:a00:1', '2002:a9fe:a9fe::1', '2002:c0a8:101::', '2001:0:4136:e378::1', 'fec0::1',
  ])('%s is not public', (address) => expect(isPublicAddress(address)).toBe(false));

  it.each(['8.8.8.8', '93.184.216.34', '172.32.0.1', '192.169.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8', '64:ff9b::808:808', '64:ff9b::8.8.8.8', '2002:808:808::1'])(
    '%s is public',
    (address) => expect(isPublicAddress(address)).toBe(true),
  );

  it('a URL is refused by the address its host is at, literal or named, and says how to allow it', async () => {
    for (const url of ['http://127.0.0.1:8080/hook', 'http://[::1]/hook', 'https://10.1.2.3/hook', 'http://localhost:9/hook', 'http://2130706433/hook', 'http://[64:ff9b::a00:5]/']) {
      expect(await checkReceiver(new URL(url), 'public')).toEqual({ verdict: 'refused', reason: expect.stringMatching(/not a public address: refused \(CARNET_WEBHOOK_RECEIVERS=any allows/) });
    }
    expect(await checkReceiver(new URL('https://93.184.216.34/hook'), 'public')).toBeUndefined();
    expect(await checkReceiver(new URL('http://localhost:9/hook'), 'any')).toBeUndefined();
  });

  it('a name among whose addresses one is private is refused: its DNS could answer that one', async () => {
    const resolve = async () => [{ address: '93.184.216.34' }, { address: '10.0.0.7' }];
    expect(await checkReceiver(new URL('https://receiver.example/hook'), 'public', { resolve })).toEqual({
      verdict: 'refused',
      reason: 'receiver.example is at 10.0.0.7, not a public address: refused (CARNET_WEBHOOK_RECEIVERS=any allows loopback and private receivers)',
    });
    expect(await checkReceiver(new URL('https://receiver.example/hook'), 'public', { resolve: async () => [{ address: '93.184.216.34' }] })).toBeUndefined();
  });

  it('a name that does not exist is refused; one the resolver cannot answer now, or not in time, is worth trying again', async () => {
    const failing = (code: string) => async () => Promise.reject(Object.assign(new Error(code), { code }));
    const url = new URL('https://receiver.example/hook');
    expect(await checkReceiver(url, 'public', { resolve: failing('ENOTFOUND') })).toEqual({ verdict: 'refused', reason: expect.stringMatching(/^receiver\.example does not resolve \(ENOTFOUND\)/) });
    expect(await checkReceiver(url, 'public', { resolve: failing('EAI_AGAIN') })).toEqual({ verdict: 'unresolved', reason: expect.stringMatching(/could not be resolved now \(EAI_AGAIN\).*try again$/) });
    const hanging = () => new Promise<never>(() => undefined);
    expect(await checkReceiver(url, 'public', { resolve: hanging, timeoutMs: 20 })).toEqual({ verdict: 'unresolved', reason: expect.stringContaining('(ETIMEOUT)') });
  });

  it('the lookup a delivery connects with refuses a name at a private address, asked for one address or all', async () => {
    const one = await new Promise<unknown>((resolve) => publicOnlyLookup('localhost', {}, (error) => resolve(error)));
    const all = await new Promise<unknown>((resolve) => publicOnlyLookup('localhost', { all: true }, (error) => resolve(error)));
    for (const error of [one, all]) expect(error).toBeInstanceOf(ReceiverNotPublic);
  });

  it('an attempt without an answer always says why: the abort\'s reason, each address\'s refusal, or the error\'s code', () => {
    const refused = (address: string) => Object.assign(new Error(`connect ECONNREFUSED ${address}:443`), { code: 'ECONNREFUSED' });
    expect(failureText(new AggregateError([refused('::1'), refused('127.0.0.1')], ''))).toBe('connect ECONNREFUSED ::1:443; connect ECONNREFUSED 127.0.0.1:443');
    expect(failureText(new Error('The operation was aborted', { cause: new DOMException('The operation was aborted due to timeout', 'TimeoutError') }))).toBe(
      'The operation was aborted due to timeout',
    );
    expect(failureText(Object.assign(new Error(''), { code: 'ECONNRESET' }))).toBe('ECONNRESET');
  });

  describe('a delivery', () => {
    let receiver: Server;
    let port = 0;
    let received = 0;
    beforeAll(async () => {
      receiver = createServer((request, response) => {
        received += 1;
        request.resume();
        request.on('end', () => response.writeHead(202).end('taken'));
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      port = (receiver.address() as AddressInfo).port;
    });
    afterAll(() => new Promise((resolve) => receiver.close(resolve)));

    const post = (host: string, receivers: 'public' | 'any') =>
      postToReceiver(`http://${host}:${port}/hook`, { 'content-type': 'application/json' }, '{}', { signal: AbortSignal.timeout(5_000), receivers });

    it('never connects to a loopback receiver under `public`, whether the URL names it or gives its address', async () => {
      await expect(post('127.0.0.1', 'public')).rejects.toBeInstanceOf(ReceiverNotPublic);
      // localhost may resolve to ::1 first.
      await expect(post('localhost', 'public')).rejects.toThrow(/localhost is at (127\.0\.0\.1|::1), not a public address/);
      expect(received).toBe(0);
    });

    it('posts to it under `any`, and answers the receiver\'s status', async () => {
      expect(await post('127.0.0.1', 'any')).toBe(202);
      expect(await post('localhost', 'any')).toBe(202);
      expect(received).toBe(2);
    });
  });
});
