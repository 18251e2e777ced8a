import { describe, expect, it } from '@jest/globals';
import { signWebhookBody, verifyWebhookSignature } from './webhook-signature.js';

describe('webhook signatures', () => {
  const secret = 'secret-of-the-webhook';
  const body = '{"event":{"type":"MemberJoined"}}';
  const at = 1_780_000_000;
  const header = signWebhookBody(secret, body, at);

  it('sign the timestamp with the body: t=<unix seconds>,v1=<64 hex>', () => expect(header).toMatch(/^t=1780000000,v1=[0-9a-f]{64}$/));

  it('verify under the same secret, within the tolerance', () => {
    expect(verifyWebhookSignature(secret, body, header, { now: at * 1000 })).toBe(true);
    expect(verifyWebhookSignature(secret, body, header, { now: (at + 299) * 1000 })).toBe(true);
  });

  it('refuse another body, another secret, a moved timestamp, a late replay, a malformed header', () => {
    const now = at * 1000;
    expect(verifyWebhookSignature(secret, `${body} `, header, { now })).toBe(false);
    expect(verifyWebhookSignature('another-secret', body, header, { now })).toBe(false);
    expect(verifyWebhookSignature(secret, body, header.replace(`t=${at}`, `t=${at + 1}`), { now })).toBe(false);
    expect(verifyWebhookSignature(secret, body, header, { now: (at + 301) * 1000 })).toBe(false);
    for (const malformed of [undefined, '', 'v1=abc', `t=${at}`, `t=x,v1=${'0'.repeat(64)}`, `t=${at},v1=${'g'.repeat(64)}`]) {
      expect(verifyWebhookSignature(secret, body, malformed, { now })).toBe(false);
    }
  });
});
