export interface Progress {
  readonly label: string;
  readonly done: number;
  readonly total: number;
  readonly elapsedMs: number;
}

const BAR = 24;
export const frenchNumber = (n: number): string => n.toLocaleString('fr-FR');

/** "[##########------] 52 %  12 345/23 456 événements · 8 200 év/s · reste ~2 s" */
export const progressLine = ({ label, done, total, elapsedMs }: Progress): string => {
  const ratio = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(ratio * BAR);
  const rate = elapsedMs > 0 ? Math.round((done / elapsedMs) * 1000) : done;
  const eta = rate > 0 ? Math.ceil(Math.max(0, total - done) / rate) : 0;
  return `${label.padEnd(22)} [${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)} %  ${frenchNumber(done)}/${frenchNumber(total)} événements · ${frenchNumber(rate)} év/s · reste ~${eta} s`;
};

/** Draws progress on stderr: redrawn in place on a terminal, one line per tenth otherwise (logs, CI). */
export const progressBar = (stream: NodeJS.WriteStream = process.stderr) => {
  const tty = Boolean(stream.isTTY);
  let lastTenth = -1;
  return {
    update: (progress: Progress): void => {
      const tenth = Math.floor((progress.done / Math.max(progress.total, 1)) * 10);
      if (tty) stream.write(`\r${progressLine(progress)}`);
      else if (tenth !== lastTenth) stream.write(`${progressLine(progress)}\n`);
      lastTenth = tenth;
    },
    finish: (): void => {
      if (tty) stream.write('\n');
    },
  };
};
