import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

const root = new URL('.', import.meta.url).pathname;
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });

/** The domain decides from its inputs alone: no framework, no I/O, no clock, no randomness. */
describe('libs/domain stays pure', () => {
  const files = sources(root).map((path) => ({ path: path.slice(root.length), text: readFileSync(path, 'utf8') }));

  it('has sources to check', () => expect(files.length).toBeGreaterThan(40));

  it.each([
    ['a framework or driver import', /from '(@nestjs\/|better-sqlite3|@eventstore\/|socket\.io|express|#event-store)/],
    ['a Node I/O module', /from '(node:)?(fs|net|http|https|child_process|dgram|worker_threads)(\/promises)?'/],
    ['the clock', /Date\.now\(|new Date\(\)/],
    ['randomness', /Math\.random\(|randomUUID\(/],
  ])('never uses %s', (_what, pattern) => {
    expect(files.filter((f) => pattern.test(f.text)).map((f) => f.path)).toEqual([]);
  });
});
