import type { RecordedEvent } from './envelope.js';
import type { ReadStreamOptions } from './event-store.port.js';

/** Applies direction, inclusive start revision and count to a whole stream held in order. */
export const readStreamSlice = (stream: readonly RecordedEvent[], options: ReadStreamOptions): RecordedEvent[] => {
  const backwards = options.direction === 'backwards';
  const ordered = backwards ? [...stream].reverse() : [...stream];
  const from = options.fromRevision;
  const started = from === undefined ? ordered : ordered.filter((e) => (backwards ? e.revision <= from : e.revision >= from));
  return options.maxCount === undefined ? started : started.slice(0, options.maxCount);
};
