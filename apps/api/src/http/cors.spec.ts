import { describe, expect, it } from '@jest/globals';
import { corsPolicyOf } from './cors.js';

describe('CORS policy', () => {
  it('is off without origins', () => {
    expect(corsPolicyOf([])).toBeUndefined();
  });

  it('allows the listed origins, or any with *, never with credentials', () => {
    expect(corsPolicyOf(['https://a.example.org', 'http://localhost:5173'])).toMatchObject({ origin: ['https://a.example.org', 'http://localhost:5173'], credentials: false });
    expect(corsPolicyOf(['*'])).toMatchObject({ origin: '*' });
    expect(corsPolicyOf(['*'])!.allowedHeaders).toEqual(expect.arrayContaining(['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key']));
    expect(corsPolicyOf(['*'])!.exposedHeaders).toEqual(expect.arrayContaining(['ETag', 'Retry-After']));
  });
});
