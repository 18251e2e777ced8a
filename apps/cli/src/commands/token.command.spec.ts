import { resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { signInHint } from './token.command.js';

describe('the sign-in hint a server prints', () => {
  it('names the server’s data directory, whose secret signs local tokens: a token minted elsewhere is refused', () => {
    expect(signInHint({ dataDir: resolve('data') })).toContain('`npx carnet token --data-dir ./data --sub user:moi --role admin`');
    expect(signInHint({ dataDir: '/srv/carnet' })).toContain('--data-dir /srv/carnet ');
    expect(signInHint({ dataDir: "/srv/l'été carnet" })).toContain(`--data-dir '/srv/l'\\''été carnet' `);
  });

  it('needs no directory when CARNET_JWT_SECRET signs the tokens', () => {
    expect(signInHint({ dataDir: '/srv/carnet', jwtSecret: 'x'.repeat(32) })).toContain('`npx carnet token --sub user:moi --role admin`');
  });
});
