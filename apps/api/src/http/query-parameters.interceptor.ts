import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor, type Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { ProblemException, type ValidationIssue } from './problem.js';

/**
 * The query parameters a route reads, as its handler declares them (`@Query('asOf')`); undefined when the handler takes
 * the whole query (`@Query()`) and checks it itself, as GET /events does. A custom parameter decorator (its key is not
 * `<paramtype>:<index>`) is not a query parameter: one that read the query would have to declare it with `@Query` too.
 */
export const declaredQueryParameters = (controller: Type, handler: string): ReadonlySet<string> | undefined => {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<string, { index: number; data?: unknown }>;
  const names = new Set<string>();
  // In the handler's argument order, as a reader of its signature lists them.
  for (const [key, { data }] of Object.entries(args).sort(([, a], [, b]) => a.index - b.index)) {
    if (Number(key.split(':')[0]) !== RouteParamtypes.QUERY) continue;
    if (typeof data !== 'string') return undefined;
    names.add(data);
  }
  return names;
};

/** A thousand made-up parameters (what the query parser admits) get twenty lines, not a thousand. */
const MAX_ISSUES = 20;

/**
 * Refuses a query parameter the route does not read (400 ValidationFailed, naming those it takes), and one given twice:
 * a misspelt `asof=` or `lang=EN&lang=fr` would otherwise be answered as if absent — today's state for an auditor who
 * asked for a past one. Nothing is read or appended before the check.
 */
@Injectable()
export class QueryParametersInterceptor implements NestInterceptor {
  private readonly declared = new WeakMap<(...args: never[]) => unknown, ReadonlySet<string> | undefined>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const handler = context.getHandler() as (...args: never[]) => unknown;
    // A route's handler is its controller's method, under the method's own name (no decorator here wraps one).
    if (!this.declared.has(handler)) this.declared.set(handler, declaredQueryParameters(context.getClass(), handler.name));
    const allowed = this.declared.get(handler);
    if (!allowed) return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const query = Object.entries((request.query ?? {}) as Record<string, unknown>);
    if (query.length === 0) return next.handle();
    const route = `${request.method} ${String((request.route as { path?: unknown } | undefined)?.path ?? request.path).replace(/:(\w+)/g, '{$1}')}`;
    const takes = allowed.size ? `it takes ${[...allowed].join(', ')}` : 'it takes none';
    const issues: ValidationIssue[] = query.flatMap(([field, value]): ValidationIssue[] => {
      if (!allowed.has(field)) return [{ field, messages: [`${field} is not a parameter of ${route} (${takes})`] }];
      return typeof value === 'string' ? [] : [{ field, messages: [`${field} must be given once`] }];
    });
    if (issues.length) throw new ProblemException('ValidationFailed', {}, issues.slice(0, MAX_ISSUES));
    return next.handle();
  }
}
