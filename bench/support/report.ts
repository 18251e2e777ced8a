/**
 * How every benchmark reports: it prints its figures, then ONE last line with its headline figure and ratio, and
 * records the same in bench/results/<name>.json; `write-results.ts` gathers those files into bench/RESULTS.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Figure {
  readonly label: string;
  readonly value: number;
  /** e.g. `events/s`, `ms`, `KB`. */
  readonly unit: string;
}

export interface Ratio {
  readonly label: string;
  /** Carnet over its baseline, oriented so that higher is better unless `lowerIsBetter`. */
  readonly value: number;
  /** The issue's target for this ratio or figure, e.g. `≥ 0.5`; absent when none is set. */
  readonly target?: string;
  readonly met?: boolean;
}

export interface BenchResult {
  /** File-safe name: `append`, `http-commands`, … */
  readonly name: string;
  readonly title: string;
  /** What was measured and against what, in a sentence or two. */
  readonly method: string;
  readonly figures: readonly Figure[];
  readonly ratios: readonly Ratio[];
  /** Profiling findings, before/after of a fix, caveats. */
  readonly notes?: readonly string[];
  /** The line printed last. */
  readonly headline: string;
}

export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bench', 'results');

/** Prints the figures, then the headline as the last line, and keeps the result for RESULTS.md. */
export const report = (result: BenchResult): void => {
  for (const figure of result.figures) console.log(`  ${figure.label}: ${formatNumber(figure.value)} ${figure.unit}`);
  for (const ratio of result.ratios) console.log(`  ${ratio.label}: ${ratio.value.toFixed(2)}${ratio.target ? ` (target ${ratio.target}: ${ratio.met ? 'met' : 'MISSED'})` : ''}`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${result.name}.json`), `${JSON.stringify({ ...result, measuredAt: new Date().toISOString() }, null, 2)}\n`);
  console.log(result.headline);
};

export const formatNumber = (value: number): string =>
  Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-GB') : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);

export const percentile = (samples: readonly number[], p: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};
