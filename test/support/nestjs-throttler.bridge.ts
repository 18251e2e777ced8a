/**
 * @nestjs/throttler for jest on Node < 24.9 (mapped in jest.config.js; `npm start` loads the package itself).
 *
 * The package is CommonJS and `require()`s @nestjs/common and @nestjs/core, which are ES modules since Nest 12.
 * Node ≥ 20.19 allows that require, but jest's own module loader only does on Node ≥ 24.9: elsewhere every
 * suite that boots the app would fail to load. So this file runs the package's unchanged compiled files with a
 * `require` that hands them the ES modules jest already loaded — the same Nest instance as the app's, so the
 * guard's Reflector, the exception's HttpException and the module metadata are the app's own.
 */
import * as common from '@nestjs/common';
import * as core from '@nestjs/core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const requireFromHere = createRequire(import.meta.url);
const dist = join(dirname(requireFromHere.resolve('@nestjs/throttler/package.json')), 'dist');
const loaded = new Map<string, { exports: Record<string, unknown> }>();

const load = (file: string): Record<string, unknown> => {
  const cached = loaded.get(file);
  if (cached) return cached.exports;
  const module = { exports: {} as Record<string, unknown> };
  loaded.set(file, module);
  const requireInside = (id: string): unknown => {
    if (id === '@nestjs/common') return common;
    if (id === '@nestjs/core') return core;
    if (id.startsWith('./')) return load(join(dist, `${id.slice(2)}.js`));
    return requireFromHere(id); // node:crypto, net, async_hooks
  };
  // The package's own code, evaluated as CommonJS evaluates it.
  new Function('exports', 'require', 'module', '__filename', '__dirname', readFileSync(file, 'utf8'))(module.exports, requireInside, module, file, dist);
  return module.exports;
};

const throttler = load(join(dist, 'index.js')) as typeof import('@nestjs/throttler');

export const {
  ThrottlerModule,
  ThrottlerGuard,
  ThrottlerException,
  ThrottlerStorageService,
  ThrottlerStorage,
  Throttle,
  SkipThrottle,
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  getOptionsToken,
  getStorageToken,
  seconds,
  minutes,
  hours,
  days,
  weeks,
} = throttler;
