import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { EventStore } from '#event-store';
import { AppModule } from './app.module.js';
import type { CarnetConfig } from './config/env.js';
import { classify, preferredLanguage, problemBody, sendProblem } from './http/problem.filter.js';

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
      .setDescription('Le carnet de bord des coopérations territoriales — event-sourced logbook of territorial cooperations. Errors are RFC 7807 problem bodies with a stable `code`.')
      .setVersion('1')
      .build(),
  );
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
  app.use(express.static(join(root, 'apps/dashboard'), { index: 'index.html', extensions: ['html'], dotfiles: 'ignore', fallthrough: true, setHeaders: noSniff }));
  app.use(express.static(join(root, 'dist/apps/dashboard'), { index: false, setHeaders: noSniff }));
};

const noSniff = (response: Response): void => {
  response.setHeader('X-Content-Type-Options', 'nosniff');
};

export const createApp = async (
  config: CarnetConfig,
  options: { eventStore?: EventStore; logger?: false | ('log' | 'error' | 'warn')[] } = {},
): Promise<NestExpressApplication> => {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options.eventStore), {
    bodyParser: false,
    logger: options.logger ?? ['log', 'error', 'warn'],
  });
  app.use(requireJson);
  app.use(express.json({ limit: config.bodyLimitBytes, type: ['application/json', 'application/*+json'] }));
  app.use(bodyErrorHandler);
  app.enableShutdownHooks();
  setUpOpenApi(app);
  serveDashboard(app);
  return app;
};
