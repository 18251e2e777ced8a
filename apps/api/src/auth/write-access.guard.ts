import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { authorizeWriteAttempt } from '#domain';
import type { Request } from 'express';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** An auditor's write is refused 403 before its body is validated: the answer never depends on what was sent. */
@Injectable()
export class WriteAccessGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    // Public routes (no principal) are reads only.
    if (request.principal && !READS.has(request.method)) authorizeWriteAttempt(request.principal);
    return true;
  }
}
