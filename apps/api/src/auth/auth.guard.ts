import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Principal } from '#domain';
import type { Request, Response } from 'express';
import { ProblemException } from '../http/problem.js';
import { TokenRejected, TokenVerifier } from './tokens.js';

declare module 'express' {
  interface Request {
    /** Set by the AuthGuard once the bearer token is verified. */
    principal?: Principal;
  }
}

const PUBLIC = Symbol('carnet:public');
/** A route anyone may call without a token (only `/health`: it holds no cooperation data). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC, true);

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/;

/** The bearer token of a request or handshake header, or undefined when there is none or it is not shaped as a JWT. */
export const bearerTokenOf = (authorization: string | undefined): string | undefined => BEARER.exec(authorization?.trim() ?? '')?.[1];

/** Every route needs a verified bearer token, except those marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true; // the live gateway checks its handshake itself
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const header = request.headers.authorization;
    const token = bearerTokenOf(header);
    try {
      if (!token) throw new TokenRejected('Unauthenticated', header ? 'the Authorization header is not "Bearer <JWT>"' : 'no Authorization header');
      request.principal = (await this.verifier.verify(token)).principal;
      return true;
    } catch (error) {
      if (!(error instanceof TokenRejected)) throw error;
      // RFC 6750: tell the client which scheme to use and why its token failed.
      response.setHeader('WWW-Authenticate', token ? 'Bearer realm="carnet", error="invalid_token"' : 'Bearer realm="carnet"');
      throw new ProblemException(error.code, { reason: error.reason });
    }
  }
}
