import { Logger, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CARNET_CONFIG, type CarnetConfig } from '../config/env.js';
import { AuthGuard } from './auth.guard.js';
import { signingSecretOf } from './signing-secret.js';
import { TokenVerifier } from './tokens.js';
import { WriteAccessGuard } from './write-access.guard.js';

/** Token verification and the global guard; the guard is first among APP_GUARDs, so later guards see the principal. */
export const AUTH_PROVIDERS: Provider[] = [
  {
    provide: TokenVerifier,
    inject: [CARNET_CONFIG],
    useFactory: (config: CarnetConfig) => {
      const logger = new Logger('Auth');
      if (config.oidc) logger.log(`Accepting tokens of the OIDC issuer ${config.oidc.issuer}${config.oidc.audience ? ` for audience ${config.oidc.audience}` : ''}`);
      return new TokenVerifier(signingSecretOf(config, (line) => logger.log(line)), config.oidc);
    },
  },
  { provide: APP_GUARD, useClass: AuthGuard },
  { provide: APP_GUARD, useClass: WriteAccessGuard },
];
