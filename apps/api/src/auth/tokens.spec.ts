import { describe, expect, it, jest } from '@jest/globals';
import { mintLocalToken, TokenRejected, TokenVerifier } from './tokens.js';

const secret = new TextEncoder().encode('a test secret of thirty-two bytes!!');
const T0 = Date.parse('2026-12-01T09:00:00.000Z');

/** A verifier whose clock the test moves. */
const verifierAt = (clock: { now: number }) => new TokenVerifier(secret, undefined, () => clock.now);

/** How many times the verifier checked a signature afresh instead of trusting what it remembered. */
const freshChecksOf = (verifier: TokenVerifier) => jest.spyOn(verifier as unknown as { verifyAfresh: (token: string, now: number) => Promise<unknown> }, 'verifyAfresh');

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

  it('says what a local token signed with another secret usually means: minted against another data directory', async () => {
    const elsewhere = await mintLocalToken(new TextEncoder().encode('another secret of thirty-two bytes'), { sub: 'user:a', role: 'admin' }, '8h', new Date(T0));
    await expect(verifierAt({ now: T0 }).verify(elsewhere)).rejects.toMatchObject({ code: 'Unauthenticated', reason: expect.stringContaining('npx carnet token --data-dir') });
  });

  it('checks a remembered token afresh once a minute has passed, however far its exp', async () => {
    const token = await mintLocalToken(secret, { sub: 'user:a', role: 'member' }, '8h', new Date(T0));
    const clock = { now: T0 };
    const verifier = verifierAt(clock);
    const fresh = freshChecksOf(verifier);
    await verifier.verify(token);
    clock.now = T0 + 59_999;
    await verifier.verify(token);
    expect(fresh).toHaveBeenCalledTimes(1);
    clock.now = T0 + 60_000;
    await verifier.verify(token);
    expect(fresh).toHaveBeenCalledTimes(2);
  });

  it('remembers 1,000 tokens at most: past that, the oldest is forgotten and checked afresh when it comes back', async () => {
    const tokens = await Promise.all(Array.from({ length: 1_001 }, (_, i) => mintLocalToken(secret, { sub: `user:${i}`, role: 'member' }, '8h', new Date(T0))));
    const verifier = verifierAt({ now: T0 });
    const fresh = freshChecksOf(verifier);
    for (const token of tokens.slice(0, 1_000)) await verifier.verify(token);
    await verifier.verify(tokens[0]!);
    expect(fresh).toHaveBeenCalledTimes(1_000);
    await verifier.verify(tokens[1_000]!);
    await verifier.verify(tokens[1]!);
    expect(fresh).toHaveBeenCalledTimes(1_001);
    await verifier.verify(tokens[0]!);
    expect(fresh).toHaveBeenCalledTimes(1_002);
  });
});
