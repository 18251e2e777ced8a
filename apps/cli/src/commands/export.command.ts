import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { cooperationStream } from '#domain';
import { exportLog, streamExists } from '#event-store';
import { exportWindowOf } from '../../../api/src/events/export-window.js';
import { ProblemException } from '../../../api/src/http/problem.js';
import type { CliContext } from '../cli-context.js';
import { frenchNumber as number } from '../progress-bar.js';

export const exportHelp = `export [--cooperation ID] [--from ISO] [--to ISO] [--out FILE]
                         the log as NDJSON, one stored event per line (hashes included), in global order; to stdout without --out`;

export interface ExportOptions {
  readonly cooperation?: string;
  readonly from?: string;
  readonly to?: string;
  readonly out?: string;
}

/** The same window as `GET /events/export`, its validation messages as a CLI error. */
const windowOf = (from: string | undefined, to: string | undefined) => {
  try {
    return exportWindowOf(from, to);
  } catch (error) {
    if (!(error instanceof ProblemException)) throw error;
    throw new Error((error.errors ?? []).map((issue) => `--${issue.field}: ${issue.messages.join('; ')}`).join(' · '));
  }
};

/** `carnet export`: the bytes of `GET /events/export` with the same filters, streamed page by page. */
export const exportCommand = async (context: CliContext, options: ExportOptions): Promise<void> => {
  const window = windowOf(options.from, options.to);
  const store = context.openStore();
  try {
    const streamId = options.cooperation === undefined ? undefined : cooperationStream(options.cooperation);
    if (streamId !== undefined && !(await streamExists(store, streamId))) {
      throw new Error(`coopération inconnue / unknown cooperation: ${options.cooperation}`);
    }
    let events = 0;
    const counted = async function* (chunks: AsyncIterable<string>) {
      for await (const chunk of chunks) {
        events += chunk.split('\n').length - 1; // one line per event: JSON escapes every newline inside
        yield chunk;
      }
    };
    // One page in flight at a time: the export is never held in memory.
    const chunks = Readable.from(counted(exportLog(store, { ...window, ...(streamId !== undefined ? { streamId } : {}) })), { highWaterMark: 1 });
    if (options.out !== undefined) await pipeline(chunks, createWriteStream(options.out));
    else await pipeline(chunks, process.stdout, { end: false });
    const summary = `${number(events)} événements exportés (events exported)${options.out !== undefined ? ` → ${options.out}` : ''}`;
    // Without --out, stdout carries the NDJSON alone.
    if (options.out !== undefined) context.out(summary);
    else process.stderr.write(`${summary}\n`);
  } finally {
    await store.close();
  }
};
