import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { mayReadCooperation, mayReadWholeLog, type Principal } from '#domain';
import type { Request } from 'express';
import { ProblemException } from '../http/problem.js';
import { principalOfRequest } from './current-principal.js';

/** A cooperation the caller may not read answers exactly as an unknown one: its existence does not leak. */
export const assertMayReadCooperation = (principal: Principal, cooperationId: string): void => {
  if (!mayReadCooperation(principal, cooperationId)) throw new ProblemException('CooperationNotFound', { cooperationId });
};

/** Whole-log reads (unfiltered feed, export, verify, metrics) are for auditors and platform staff. */
export const assertMayReadWholeLog = (principal: Principal): void => {
  if (!mayReadWholeLog(principal)) throw new ProblemException('AuditorOrAdminOnly');
};

/** The cooperations whose rows a list may show: all of them (undefined), or the member's. */
export const readableCooperations = (principal: Principal): ReadonlySet<string> | undefined =>
  mayReadWholeLog(principal) ? undefined : new Set(principal.cooperationIds ?? []);

/** Keeps the rows of a list (cooperations, signatures, activity, alerts) the caller may read. */
export const readableRows = (principal: Principal) => {
  const readable = readableCooperations(principal);
  return <T extends { cooperationId: string }>(rows: T[]): T[] => (readable ? rows.filter((row) => readable.has(row.cooperationId)) : rows);
};

/** On `/cooperations/:id/…` routes, reads and commands alike: the caller must be able to read that cooperation. */
@Injectable()
export class CooperationAccessGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const cooperationId = request.params.id;
    if (typeof cooperationId === 'string') assertMayReadCooperation(principalOfRequest(request), cooperationId);
    return true;
  }
}
