import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '#domain';
import type { Request } from 'express';

/** The verified caller of a guarded route (the AuthGuard has refused the request otherwise). */
export const principalOfRequest = (request: Request): Principal => {
  if (!request.principal) throw new Error('No principal on a guarded route: is the AuthGuard registered?');
  return request.principal;
};

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => principalOfRequest(ctx.switchToHttp().getRequest<Request>()));
