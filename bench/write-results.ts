/** Gathers bench/results/*.json, written by this run's benchmarks, into bench/RESULTS.md (figures, ratios, machine, date). */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { join } from 'node:path';
import { formatNumber, RESULTS_DIR, type BenchResult } from './support/report.js';

const results = existsSync(RESULTS_DIR)
  ? readdirSync(RESULTS_DIR)
      .filter((file) => file.endsWith('.json'))
      .sort()
      .map((file) => JSON.parse(readFileSync(join(RESULTS_DIR, file), 'utf8')) as BenchResult & { measuredAt: string })
  : [];
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const lines = [
  '# Carnet benchmark results',
  '',
  `Written by \`npm run bench\` on ${new Date().toISOString()} — ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${osType()} ${release()}, Node ${process.version}.`,
  'Every ratio compares Carnet with a baseline measured in the same run on the same machine; the targets are those of the benchmarks issue.',
  '',
  '| Benchmark | Ratio | Value | Target | |',
  '|---|---|---|---|---|',
  ...results.flatMap((r) => r.ratios.map((ratio) => `| ${r.title} | ${ratio.label} | ${ratio.value.toFixed(2)} | ${ratio.target ?? '—'} | ${ratio.target ? (ratio.met ? 'met' : '**missed**') : ''} |`)),
  '',
  ...results.flatMap((r) => [
    `## ${r.title}`,
    '',
    r.method,
    '',
    '| Figure | Value |',
    '|---|---|',
    ...r.figures.map((f) => `| ${f.label} | ${formatNumber(f.value)} ${f.unit} |`),
    '',
    ...(r.notes?.length ? [...r.notes.map((n) => `- ${n}`), ''] : []),
    `Last line: \`${r.headline}\` (measured ${r.measuredAt}).`,
    '',
  ]),
];
writeFileSync(join(RESULTS_DIR, '..', 'RESULTS.md'), `${lines.join('\n')}\n`);
console.log(`bench/RESULTS.md: ${results.length} benchmark(s)`);
