#!/usr/bin/env node
// The `carnet` command: runs the compiled CLI (built by `npm install` through the prepare script).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/apps/cli/src/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('carnet: not built yet. Run `npm run build` (npm install does it) in the Carnet folder.');
  process.exit(1);
}
const { run } = await import(entry.href);
await run(process.argv.slice(2));
