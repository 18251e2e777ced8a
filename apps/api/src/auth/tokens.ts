import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { PLATFORM_ROLES, type PlatformRole, type Principal } from '#domain';
import type { CarnetConfig } from '../config/env.js';
import { SLUG } from '../http/slug.js';

/** Issuer and audience of the tokens Carnet mints itself (`carnet token`). */
export const LOCAL_ISSUER = 'carnet';
export const LOCAL_AUDIENCE = 'carnet';

export interface TokenClaims {
  readonly sub: string;
  readonly name?: string;
  readonly role: PlatformRole;
  readonly organisationId?: string;
  readonly cooperationIds?: readonly string[];
  readonly personId?: string;
}

/** Why a token was refused: the API answers 401 with the matching problem code. */
export class TokenRejected extends Error {
  constructor(
    readonly code: 'Unauthenticated' | 'TokenExpired',
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'TokenRejected';
  }
}

const TTL = /^(\d{1,6})([smhd])$/;
const SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** `8h`, `30m`, `7d`, `45s` → seconds; anything else is refused rather than guessed. */
export const ttlSeconds = (ttl: string): number => {
  const match = TTL.exec(ttl.trim());
  if (!match || Number(match[1]) === 0) throw new Error(`--ttl must be a duration such as 30m, 8h or 7d (got "${ttl}")`);
  return Number(match[1]) * SECONDS[match[2] as keyof typeof SECONDS];
};

/** A token for the local issuer, signed HS256 with the data directory's secret. */
export const mintLocalToken = async (secret: Uint8Array, claims: TokenClaims, ttl = '8h', now = new Date()): Promise<string> => {
  const { sub, ...rest } = claims;
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ ...rest, ...(claims.cooperationIds ? { cooperationIds: [...claims.cooperationIds] } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds(ttl))
    .sign(secret);
};

/** Keycloak puts roles under `realm_access.roles`; Carnet reads `carnet-admin`, `carnet-auditor`, `carnet-member` there. */
const roleOf = (payload: JWTPayload): PlatformRole | undefined => {
  if (typeof payload.role === 'string') return (PLATFORM_ROLES as readonly string[]).includes(payload.role) ? (payload.role as PlatformRole) : undefined;
  const realmRoles = (payload.realm_access as { roles?: unknown } | undefined)?.roles;
  if (!Array.isArray(realmRoles)) return undefined;
  return PLATFORM_ROLES.find((role) => realmRoles.includes(`carnet-${role}`));
};

/** The principal a verified payload describes; a payload that names no usable role or holds malformed ids is refused. */
export const principalOf = (payload: JWTPayload): Principal => {
  const refuse = (reason: string): never => {
    throw new TokenRejected('Unauthenticated', reason);
  };
  if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 200) refuse('the token has no subject (sub)');
  const role = roleOf(payload) ?? refuse('the token names no Carnet role (role: admin, auditor or member)');
  const { organisationId, cooperationIds, personId } = payload as { organisationId?: unknown; cooperationIds?: unknown; personId?: unknown };
  if (organisationId !== undefined && (typeof organisationId !== 'string' || !SLUG.test(organisationId))) refuse('organisationId must be an organisation id');
  if (personId !== undefined && (typeof personId !== 'string' || !SLUG.test(personId))) refuse('personId must be a person id');
  if (cooperationIds !== undefined && !(Array.isArray(cooperationIds) && cooperationIds.length <= 1000 && cooperationIds.every((id) => typeof id === 'string' && SLUG.test(id)))) {
    refuse('cooperationIds must be a list of cooperation ids');
  }
  return {
    userId: payload.sub!,
    role,
    ...(organisationId ? { organisationId: organisationId as string } : {}),
    ...(cooperationIds ? { cooperationIds: cooperationIds as string[] } : {}),
    ...(personId ? { personId: personId as string } : {}),
  };
};

type KeyResolver = ReturnType<typeof createRemoteJWKSet>;

export interface VerifiedToken {
  readonly principal: Principal;
  /** `exp`, in seconds since the epoch. */
  readonly expiresAt: number | undefined;
}

/** Tokens remembered as verified: a few hundred bytes each. */
const VERIFIED_CAPACITY = 1000;
/** How long a verified token is trusted before its signature is checked again. */
const REVERIFY_AFTER_MS = 60_000;

/**
 * Verifies bearer tokens: HS256 tokens of the local issuer, and, when an OIDC provider is configured, RS256/ES256
 * tokens of that issuer against its JWKS (found by discovery unless CARNET_OIDC_JWKS_URL names it). Only these
 * algorithms are accepted, so `alg: none` and algorithm confusion fail.
 */
export class TokenVerifier {
  private jwks: Promise<KeyResolver> | undefined;
  /** Verified lately, in insertion order (the oldest goes first when full), each with the time it may be trusted until. */
  private readonly verified = new Map<string, { readonly result: VerifiedToken; readonly until: number }>();

  constructor(
    private readonly secret: Uint8Array,
    private readonly oidc: CarnetConfig['oidc'],
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * A client sends the same token with every request: checking its signature each time was ≈ 5 % of a command's CPU
   * (bench/RESULTS.md, HTTP commands). A verified token, by its whole text, is trusted again until it expires and for
   * at most REVERIFY_AFTER_MS, after which it is checked afresh; a refused one is never remembered.
   */
  async verify(token: string): Promise<VerifiedToken> {
    const now = this.now();
    const cached = this.verified.get(token);
    if (cached && now < cached.until) return cached.result;
    this.verified.delete(token);
    const result = await this.verifyAfresh(token, now);
    if (this.verified.size >= VERIFIED_CAPACITY) this.verified.delete(this.verified.keys().next().value!);
    // jose refuses a token from its `exp` second on: trusted until then, never after.
    this.verified.set(token, { result, until: Math.min(now + REVERIFY_AFTER_MS, result.expiresAt !== undefined ? result.expiresAt * 1000 : Infinity) });
    return result;
  }

  private async verifyAfresh(token: string, now: number): Promise<VerifiedToken> {
    let issuer: unknown;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new TokenRejected('Unauthenticated', 'the bearer token is not a JWT');
    }
    try {
      const { payload } =
        this.oidc && issuer === this.oidc.issuer
          ? await jwtVerify(token, await this.keysOf(this.oidc), {
              issuer: this.oidc.issuer,
              ...(this.oidc.audience ? { audience: this.oidc.audience } : {}),
              algorithms: ['RS256', 'ES256'],
              requiredClaims: ['exp'],
              currentDate: new Date(now),
            })
          : await jwtVerify(token, this.secret, { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, algorithms: ['HS256'], requiredClaims: ['exp'], currentDate: new Date(now) });
      return { principal: principalOf(payload), expiresAt: payload.exp };
    } catch (error) {
      if (error instanceof TokenRejected) throw error;
      if (error instanceof errors.JWTExpired) throw new TokenRejected('TokenExpired', 'the token has expired');
      // The usual cause with local tokens: minted against another data directory, hence another secret.
      if (error instanceof errors.JWSSignatureVerificationFailed && issuer === LOCAL_ISSUER) {
        throw new TokenRejected('Unauthenticated', 'the token was signed with another secret: mint it with this server\'s data directory (npx carnet token --data-dir, or the same CARNET_JWT_SECRET)');
      }
      if (error instanceof errors.JOSEError) throw new TokenRejected('Unauthenticated', `the token was refused (${error.code})`);
      // The provider's discovery or keys could not be fetched: the token cannot be trusted, so it is refused.
      throw new TokenRejected('Unauthenticated', `the token could not be verified: ${(error as Error).message}`);
    }
  }

  private keysOf(oidc: NonNullable<CarnetConfig['oidc']>): Promise<KeyResolver> {
    this.jwks ??= (async () => {
      const url = oidc.jwksUrl ?? (await discoverJwksUrl(oidc.issuer));
      return createRemoteJWKSet(new URL(url));
    })().catch((error: unknown) => {
      this.jwks = undefined; // the provider may be back on the next request
      throw error;
    });
    return this.jwks;
  }
}

const discoverJwksUrl = async (issuer: string): Promise<string> => {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`OIDC discovery at ${issuer} answered ${response.status}`);
  const { jwks_uri: jwksUri } = (await response.json()) as { jwks_uri?: unknown };
  if (typeof jwksUri !== 'string') throw new Error(`OIDC discovery at ${issuer} gave no jwks_uri`);
  return jwksUri;
};
