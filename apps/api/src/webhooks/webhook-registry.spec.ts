import { describe, expect, it } from '@jest/globals';
import { WebhookRegistry } from './webhook-registry.js';

const registryWithOne = () => {
  const registry = WebhookRegistry.open(':memory:');
  const { webhook } = registry.create({ url: 'http://127.0.0.1:9/hook', filter: { eventTypes: [] }, createdBy: 'user:admin', cursor: '10', now: '2026-12-07T00:00:00.000Z' });
  return { registry, webhookId: webhook.webhookId };
};

describe('WebhookRegistry', () => {
  it('lets one process at a time deliver a webhook: the lease is taken back once it lapses or is released', () => {
    const { registry, webhookId } = registryWithOne();
    expect(registry.claim(webhookId, 'process-a', 1_000, 5_000)).toBe(true);
    expect(registry.claim(webhookId, 'process-b', 2_000, 6_000)).toBe(false);
    expect(registry.claim(webhookId, 'process-a', 2_000, 6_000)).toBe(true); // renewed by its holder
    expect(registry.claim(webhookId, 'process-b', 6_001, 9_000)).toBe(true); // lapsed
    registry.release('process-b');
    expect(registry.claim(webhookId, 'process-a', 6_002, 9_000)).toBe(true);
  });

  it('moves the cursor for the lease holder only, and clears the failing streak with it', () => {
    const { registry, webhookId } = registryWithOne();
    registry.claim(webhookId, 'process-a', 1_000, 5_000);
    expect(registry.recordFailure(webhookId, 'HTTP 500', '2026-12-07T01:00:00.000Z')).toBe(1);
    expect(registry.recordFailure(webhookId, 'connect ECONNREFUSED', '2026-12-07T01:00:01.000Z')).toBe(2);
    expect(registry.get(webhookId)?.failing).toEqual({ attempts: 2, lastError: 'connect ECONNREFUSED', since: '2026-12-07T01:00:00.000Z' });
    registry.advance(webhookId, 'process-b', '12', 2_000);
    expect(registry.get(webhookId)).toMatchObject({ cursor: '10', failing: { attempts: 2 } });
    registry.advance(webhookId, 'process-a', '12', 5_001); // its lease lapsed at 5,000
    expect(registry.get(webhookId)?.cursor).toBe('10');
    registry.advance(webhookId, 'process-a', '12', 2_000);
    expect(registry.get(webhookId)?.cursor).toBe('12');
    expect(registry.get(webhookId)?.failing).toBeUndefined();
  });

  it('keeps no attempt for a webhook removed while it was being delivered', () => {
    const { registry, webhookId } = registryWithOne();
    expect(registry.remove(webhookId)).toBe(true);
    registry.recordAttempt(webhookId, { eventId: 'e1', eventType: 'MemberJoined', position: '11', attempt: 1, at: '2026-12-07T01:00:00.000Z', durationMs: 3, status: 500, ok: false, error: 'HTTP 500' });
    expect(registry.deliveries(webhookId)).toEqual([]);
    expect(registry.get(webhookId)).toBeUndefined();
  });

  it('counts attempts per event across restarts, and ends a streak of read errors once the log reads again', () => {
    const { registry, webhookId } = registryWithOne();
    registry.claim(webhookId, 'process-a', 1_000, 5_000);
    const attempt = (eventId: string, n: number, ok: boolean) =>
      registry.recordAttempt(webhookId, { eventId, eventType: 'MemberJoined', position: '11', attempt: n, at: '2026-12-07T01:00:00.000Z', durationMs: 3, status: ok ? 200 : 500, ok, ...(ok ? {} : { error: 'HTTP 500' }) });
    expect(registry.lastAttempt(webhookId, 'e1')).toBe(0);
    attempt('e1', 1, false);
    attempt('e1', 2, false);
    expect([registry.lastAttempt(webhookId, 'e1'), registry.lastAttempt(webhookId, 'e2')]).toEqual([2, 0]);
    registry.clearFailing(webhookId, 'process-b');
    expect(registry.get(webhookId)?.failing?.attempts).toBe(2);
    registry.clearFailing(webhookId, 'process-a');
    expect(registry.get(webhookId)?.failing).toBeUndefined();
  });
});
