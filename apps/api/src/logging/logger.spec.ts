import { describe, expect, it } from '@jest/globals';
import { createRootLogger, PinoLoggerService, pinoLevelOf, safeError } from './logger.js';

/** A pino destination that keeps each JSON line. */
const capture = () => {
  const lines: Record<string, unknown>[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } };
};

describe('log level', () => {
  it('is CARNET_LOG_LEVEL unless the caller chose Nest levels', () => {
    expect(pinoLevelOf(undefined, 'debug')).toBe('debug');
    expect(pinoLevelOf(['error'], 'debug')).toBe('error');
    expect(pinoLevelOf(['error', 'warn'], 'info')).toBe('warn');
    expect(pinoLevelOf(['log', 'error', 'warn'], 'error')).toBe('info');
    expect(pinoLevelOf(['verbose', 'error'], 'info')).toBe('trace');
    expect(pinoLevelOf(false, 'info')).toBe('silent');
    expect(pinoLevelOf([], 'info')).toBe('silent');
  });
});

describe('errors in the logs', () => {
  it('keep their kind, message and stack, never their other fields', () => {
    const bodyParserError = Object.assign(new SyntaxError('Unexpected token'), { body: '{"personName":"Bouchra Rguibi"', type: 'entity.parse.failed' });
    const logged = safeError(bodyParserError);
    expect(logged).toEqual({ type: 'SyntaxError', message: 'Unexpected token', stack: expect.stringContaining('SyntaxError: Unexpected token') });
    expect(JSON.stringify(logged)).not.toContain('Rguibi');
    expect(safeError('plain')).toEqual({ type: 'string', message: 'plain' });
  });
});

describe('the root logger', () => {
  it('redacts Authorization and Cookie headers wherever a request is logged', () => {
    const { lines, destination } = capture();
    const logger = createRootLogger({ level: 'info', destination });
    logger.info({ req: { headers: { authorization: 'Bearer eyJ.secret.sig', cookie: 'sid=1', accept: 'application/json' } } }, 'request');
    logger.info({ headers: { authorization: 'Bearer eyJ.secret.sig' } }, 'headers');
    expect(JSON.stringify(lines)).not.toContain('eyJ.secret.sig');
    expect(JSON.stringify(lines)).not.toContain('sid=1');
    expect(lines[0]!.req).toEqual({ headers: { authorization: '[redacted]', cookie: '[redacted]', accept: 'application/json' } });
  });

  it('logs an error object through the safe serializer', () => {
    const { lines, destination } = capture();
    createRootLogger({ level: 'info', destination }).error({ err: Object.assign(new Error('boom'), { body: 'secret body' }) }, 'failed');
    expect(lines[0]!.err).toEqual({ type: 'Error', message: 'boom', stack: expect.any(String) });
  });
});

describe('Nest on pino', () => {
  const service = (level: 'info' | 'error' = 'info') => {
    const { lines, destination } = capture();
    return { lines, logger: new PinoLoggerService(createRootLogger({ level, destination })) };
  };

  it('turns a trailing context into a field', () => {
    const { lines, logger } = service();
    logger.log('Mapped {/health, GET} route', 'RouterExplorer');
    expect(lines[0]).toMatchObject({ level: 30, context: 'RouterExplorer', msg: 'Mapped {/health, GET} route' });
  });

  it('puts the stack of error(message, stack, context) under err', () => {
    const { lines, logger } = service();
    const stack = 'Error: boom\n    at somewhere (file.js:1:1)';
    logger.error('boom', stack, 'ExceptionsHandler');
    expect(lines[0]).toMatchObject({ level: 50, context: 'ExceptionsHandler', msg: 'boom', err: { stack } });
    logger.error('boom', stack);
    expect(lines[1]).toMatchObject({ msg: 'boom', err: { stack } });
    expect(lines[1]!.context).toBeUndefined();
  });

  it('merges an object message as fields and logs an Error safely', () => {
    const { lines, logger } = service();
    logger.error({ msg: 'internal error', path: '/x' }, 'Problem');
    logger.error(Object.assign(new Error('oops'), { body: 'secret body' }), 'Problem');
    expect(lines[0]).toMatchObject({ context: 'Problem', msg: 'internal error', path: '/x' });
    expect(lines[1]).toMatchObject({ context: 'Problem', msg: 'oops', err: { type: 'Error', message: 'oops' } });
    expect(JSON.stringify(lines)).not.toContain('secret body');
  });

  it('drops further parameters and honours the level', () => {
    const { lines, logger } = service('error');
    logger.log('not shown', 'Ctx');
    logger.warn('not shown either');
    logger.error('shown', { personName: 'Bouchra Rguibi' }, 'Ctx');
    expect(lines).toHaveLength(1);
    expect(JSON.stringify(lines)).not.toContain('Rguibi');
  });

  it('follows setLogLevels', () => {
    const { lines, logger } = service('error');
    logger.setLogLevels(['log', 'error']);
    logger.log('now shown');
    expect(lines).toHaveLength(1);
  });
});
