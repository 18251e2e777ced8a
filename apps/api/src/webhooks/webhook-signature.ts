import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header carrying a delivery's signature: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'carnet-signature';

const mac = (secret: string, timestamp: number, body: string): string => createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

/**
 * Signs a delivery's body with its webhook's secret. The timestamp is signed with the body, so a receiver that checks
 * it (`verifyWebhookSignature`'s tolerance) refuses a delivery replayed later.
 */
export const signWebhookBody = (secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string => `t=${timestamp},v1=${mac(secret, timestamp, body)}`;

/**
 * What a receiver runs on each delivery (documented in the README): true when `header` signs `body` with `secret` and
 * its timestamp is within `toleranceSeconds` of `now`.
 */
export const verifyWebhookSignature = (secret: string, body: string, header: string | undefined, { toleranceSeconds = 300, now = Date.now() } = {}): boolean => {
  const parts = new Map((header ?? '').split(',').map((part) => part.split('=', 2) as [string, string]));
  const timestamp = Number(parts.get('t'));
  const signature = parts.get('v1');
  if (!Number.isInteger(timestamp) || !signature || !/^[0-9a-f]{64}$/.test(signature)) return false;
  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds) return false;
  return timingSafeEqual(Buffer.from(signature, 'hex'), Buffer.from(mac(secret, timestamp, body), 'hex'));
};
