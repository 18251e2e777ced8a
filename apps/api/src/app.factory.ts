import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import type { DestinationStream } from 'pino';
import type { EventStore } from '#event-store';
import { AppModule } from './app.module.js';
import type { CarnetConfig } from './config/env.js';
import { CarnetIoAdapter, corsPolicyOf } from './http/cors.js';
import { verifyJsonBody } from './http/json-body.js';
import { classify, preferredLanguage, problemBody, sendProblem } from './http/problem.filter.js';
import { accessLog } from './logging/access-log.js';
import { createRootLogger, PinoLoggerService, pinoLevelOf, type NestLogLevels } from './logging/logger.js';
import type { WebhookDispatchTuning } from './webhooks/webhook-dispatcher.js';

/** Body-parser errors happen before Nest's router: render them as problems here. */
const bodyErrorHandler = (error: unknown, request: Request, response: Response, next: NextFunction): void => {
  if (response.headersSent) return next(error);
  sendProblem(response, problemBody(classify(error), preferredLanguage(request.headers['accept-language']), request.path));
};

/** Commands are JSON: a body of another type is refused rather than ignored. */
const requireJson = (request: Request, response: Response, next: NextFunction): void => {
  const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  if (request.method === 'POST' && hasBody && !request.is(['application/json', 'application/*+json'])) {
    sendProblem(response, problemBody({ code: 'UnsupportedMediaType', params: { contentType: request.headers['content-type'] ?? null } }, preferredLanguage(request.headers['accept-language']), request.path));
    return;
  }
  next();
};

const setUpOpenApi = (app: NestExpressApplication): void => {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Carnet API')
      .setDescription(
        'Le carnet de bord des coopérations territoriales — event-sourced logbook of territorial cooperations. Errors are RFC 7807 problem bodies with a stable `code`. ' +
          'Every route but /health needs `Authorization: Bearer <JWT>` (`npx carnet token`, or the configured OIDC provider): 401 without a valid token, 403 when the role may not act, 404 for a cooperation the caller may not read.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
      .addSecurityRequirements('bearer')
      .build(),
  );
  // The one public route says so: an operation's empty `security` overrides the document's bearer requirement.
  const health = document.paths['/health']?.get;
  if (health) health.security = [];
  // DTOs are described once, by their class-validator rules.
  const schemas = validationMetadatasToSchemas({ refPointerPrefix: '#/components/schemas/' });
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...(schemas as object) } };
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
};

/** The repository root, found from this file whether it runs from src (tests) or dist (npm start). */
const projectRoot = (): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
};

/** The web dashboard at `/`: its page and styles from apps/dashboard, its scripts from the build. */
const serveDashboard = (app: NestExpressApplication): void => {
  const root = projectRoot();
  app.use(express.static(join(root, 'apps/dashboard'), { index: 'index.html', extensions: ['html'], dotfiles: 'ignore', fallthrough: true }));
  app.use(express.static(join(root, 'dist/apps/dashboard'), { index: false }));
};

/**
 * The dashboard's Content-Security-Policy, also sent with every API answer: scripts, styles, fetches and the live
 * socket from this origin only (CSP3 `'self'` covers ws:/wss: to the same host), images from here or `data:`
 * (the favicon), no inline script or style, no plugin, no framing, forms and <base> to this origin only.
 * No `upgrade-insecure-requests`: Carnet often runs on plain http inside a private network, where it would break.
 */
const DASHBOARD_CSP = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
};

/** Swagger UI at /docs: the same, except that its page has an inline <style> block and style attributes. */
const DOCS_CSP = { ...DASHBOARD_CSP, styleSrc: ["'self'", "'unsafe-inline'"] };

const helmetOptions = (directives: typeof DASHBOARD_CSP): HelmetOptions => ({
  contentSecurityPolicy: { useDefaults: false, directives },
  frameguard: { action: 'deny' },
  noSniff: true,
  // Same-origin requests keep their Referer (and a POST its Origin); none leaks to another site.
  referrerPolicy: { policy: 'same-origin' },
  // HSTS off: Carnet cannot know whether its clients reach it over https (TLS ends at a reverse proxy, whose
  // X-Forwarded-Proto it does not trust), and on plain http the header means nothing. The proxy that terminates
  // TLS is where to set Strict-Transport-Security.
  hsts: false,
});

/** helmet's headers on every answer (dashboard files, API, problems, /docs), with the CSP of the page asked for. */
const securityHeaders = (): RequestHandler => {
  const everywhere = helmet(helmetOptions(DASHBOARD_CSP));
  const docs = helmet(helmetOptions(DOCS_CSP));
  return (request, response, next) => (request.path === '/docs' || request.path.startsWith('/docs/') ? docs : everywhere)(request, response, next);
};

/**
 * Requests Node's HTTP parser refuses before Express sees them (a CR, LF or NUL inside a header, a broken request
 * line) get a problem body like every other refusal, instead of Node's bare 400; the connection then closes.
 */
const answerClientErrors = (app: NestExpressApplication): void => {
  (app.getHttpServer() as Server).on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
    const problem = problemBody({ code: error.code === 'HPE_HEADER_OVERFLOW' ? 'HeadersTooLarge' : 'MalformedRequest', params: {} }, 'fr');
    const body = JSON.stringify(problem);
    socket.end(`HTTP/1.1 ${problem.status} ${problem.status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
};

export interface CreateAppOptions {
  readonly eventStore?: EventStore;
  /** Nest's log levels (tests pass `['error']`) or `false`; when given, they set the log level instead of CARNET_LOG_LEVEL. */
  readonly logger?: NestLogLevels;
  /** Where the JSON log lines go instead of stdout (tests read them). */
  readonly logDestination?: DestinationStream;
  /** Webhook retry and poll waits (tests shorten them). */
  readonly webhookDispatch?: WebhookDispatchTuning;
}

export const createApp = async (config: CarnetConfig, options: CreateAppOptions = {}): Promise<NestExpressApplication> => {
  const logger = createRootLogger({ level: pinoLevelOf(options.logger, config.logLevel), ...(options.logDestination ? { destination: options.logDestination } : {}) });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options.eventStore, options.webhookDispatch), {
    bodyParser: false,
    logger: new PinoLoggerService(logger),
  });
  // First, so that every answer is logged (refusals by the middlewares below included).
  app.use(accessLog(logger));
  app.use(securityHeaders());
  const cors = corsPolicyOf(config.corsOrigins);
  if (cors) app.enableCors(cors);
  app.useWebSocketAdapter(new CarnetIoAdapter(app, cors));
  answerClientErrors(app);
  app.use(requireJson);
  // verifyJsonBody: invalid UTF-8 and repeated keys are refused, not silently repaired or overwritten.
  app.use(express.json({ limit: config.bodyLimitBytes, type: ['application/json', 'application/*+json'], verify: verifyJsonBody }));
  app.use(bodyErrorHandler);
  app.enableShutdownHooks();
  setUpOpenApi(app);
  serveDashboard(app);
  return app;
};
