import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';

/**
 * Answers that carry a stream `revision` also carry it as `ETag: "<revision>"`, the value for If-Match. On a read that
 * tag validates writes, not caches: the body also depends on today's date (which roles are current) and on erasures
 * (an erased name), neither of which moves the revision. So a read is never answered 304 from it (Express would, on a
 * matching If-None-Match), and it is not stored (`no-store`: it may hold personal values).
 */
@Injectable()
export class EtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const read = request.method === 'GET' || request.method === 'HEAD';
    return next.handle().pipe(
      map((body: unknown) => {
        const revision = (body as { revision?: unknown } | null)?.revision;
        if (typeof revision === 'number' && revision >= 0) response.setHeader('ETag', `"${revision}"`);
        if (read) {
          response.setHeader('Cache-Control', 'no-store');
          Object.defineProperty(request, 'fresh', { value: false });
        }
        return body;
      }),
    );
  }
}
