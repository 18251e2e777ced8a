import { describe, expect, it } from '@jest/globals';
import { mintLocalToken, TokenRejected, TokenVerifier } from './tokens.js';

const secret = new TextEncoder().encode('a test secret of thirty-two bytes!!');
const T0 = Date.parse('2026-12-01T09:00:00.000Z');

/** A verifier whose clock the test moves. */
const verifierAt = (clock: { now: number }) => new TokenVerifier(secret, undefined, () => clock.now);

describe('TokenVerifier', () => {
  it('remembers a verified token, yet refuses it as expired from its exp second on', async () => {
    const token = await mintLocalToken(secret, { sub: 'user:a', role: 'member' }, '60s', new Date(T0));
    const clock = { now: T0 };
    const verifier = verifierAt(clock);
    expect((await verifier.verify(token)).principal).toEqual({ userId: 'user:a', role: 'member' });
    clock.now = T0 + 59_999;
    expect((await verifier.verify(token)).expiresAt).toBe(T0 / 1000 + 60);
    clock.now = T0 + 60_000;
    await expect(verifier.verify(token)).rejects.toEqual(new TokenRejected('TokenExpired', 'the token has expired'));
  });

  it('remembers a token by its whole text: the same claims under another signature are refused after the genuine token was accepted', async () => {
    const token = await mintLocalToken(secret, { sub: 'user:a', role: 'member' }, '8h', new Date(T0));
    const forged = await mintLocalToken(new TextEncoder().encode('another secret of thirty-two bytes'), { sub: 'user:a', role: 'member' }, '8h', new Date(T0));
    const [header, payload] = token.split('.');
    expect(forged.split('.').slice(0, 2)).toEqual([header, payload]);
    const verifier = verifierAt({ now: T0 });
    await verifier.verify(token);
    await expect(verifier.verify(forged)).rejects.toMatchObject({ code: 'Unauthenticated' });
  });
});
