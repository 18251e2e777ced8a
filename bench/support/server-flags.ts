/**
 * The Node flags the server runs with, read from package.json's `start:prod` (`npm start` and the Docker image use
 * them): a bench that hosts the API runs as the server does, or says how to.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_JSON = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'package.json');

/** `--max-semi-space-size=32` and the like, as `start:prod` gives them before the entry point. */
export const serverNodeFlags = (): string[] => {
  const script = (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { scripts: Record<string, string> }).scripts['start:prod'] ?? '';
  const flags = /^node((?: --\S+)*) dist\/apps\/api\/src\/main\.js$/.exec(script);
  if (!flags) throw new Error(`package.json start:prod is not "node [--flags] dist/apps/api/src/main.js": ${script}`);
  return flags[1]!.split(' ').filter(Boolean);
};

/** Stops a bench hosting the API in this process unless it runs with the server's flags; returns them for its notes. */
export const ensureServerNodeFlags = (): string[] => {
  const flags = serverNodeFlags();
  const missing = flags.filter((flag) => !process.execArgv.includes(flag));
  if (missing.length) {
    throw new Error(`this bench hosts the API: run it as the server runs, node ${flags.join(' ')} ${process.argv[1]} (missing ${missing.join(' ')}), or npm run bench`);
  }
  return flags;
};
