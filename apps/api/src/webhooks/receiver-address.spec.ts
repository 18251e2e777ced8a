import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postToReceiver } from './post-to-receiver.js';
import { isPublicAddress, publicOnlyLookup, ReceiverNotPublic, refusedReceiver } from './receiver-address.js';

describe('webhook receivers: public addresses only, unless CARNET_WEBHOOK_RECEIVERS=any', () => {
  it.each([
    '127.0.0.1', '127.8.9.10', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '255.255.255.255', '224.0.0.1', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', '::ffff:127.0.0.1', '::ffff:a00:1', 'not-an-address',
  ])('%s is not public', (address) => expect(isPublicAddress(address)).toBe(false));

  it.each(['8.8.8.8', '93.184.216.34', '172.32.0.1', '192.169.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])('%s is public', (address) =>
    expect(isPublicAddress(address)).toBe(true),
  );

  it('a URL is refused by the address its host is at, literal or named, and says how to allow it', async () => {
    for (const url of ['http://127.0.0.1:8080/hook', 'http://[::1]/hook', 'https://10.1.2.3/hook', 'http://localhost:9/hook']) {
      expect(await refusedReceiver(new URL(url), 'public')).toMatch(/not a public address: refused \(CARNET_WEBHOOK_RECEIVERS=any allows/);
    }
    expect(await refusedReceiver(new URL('https://93.184.216.34/hook'), 'public')).toBeUndefined();
    expect(await refusedReceiver(new URL('http://localhost:9/hook'), 'any')).toBeUndefined();
  });

  it('a host that does not resolve cannot be checked, so it is refused', async () => {
    expect(await refusedReceiver(new URL('https://receiver.invalid/hook'), 'public')).toMatch(/^receiver\.invalid does not resolve \(ENOTFOUND\)/);
  });

  it('the lookup a delivery connects with refuses a name at a private address, asked for one address or all', async () => {
    const one = await new Promise<unknown>((resolve) => publicOnlyLookup('localhost', {}, (error) => resolve(error)));
    const all = await new Promise<unknown>((resolve) => publicOnlyLookup('localhost', { all: true }, (error) => resolve(error)));
    for (const error of [one, all]) expect(error).toBeInstanceOf(ReceiverNotPublic);
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
      await expect(post('localhost', 'public')).rejects.toThrow(/localhost is at 127\.0\.0\.1, not a public address/);
      expect(received).toBe(0);
    });

    it('posts to it under `any`, and answers the receiver\'s status', async () => {
      expect(await post('127.0.0.1', 'any')).toBe(202);
      expect(await post('localhost', 'any')).toBe(202);
      expect(received).toBe(2);
    });
  });
});
