import { describe, expect, it } from '@jest/globals';
import { ALL_PROJECTIONS } from './index.js';

describe('every read model', () => {
  // The runner replays a read model only when its version changes: new tables under the old version would start
  // empty and never be filled from the events before them.
  it('names its tables after its version, so new tables come with a replay', () => {
    for (const projection of ALL_PROJECTIONS) {
      expect([projection.name, projection.tables.filter((table) => !table.endsWith(`_v${projection.version}`))]).toEqual([projection.name, []]);
    }
  });
});
