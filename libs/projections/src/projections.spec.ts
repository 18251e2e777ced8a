import { describe, expect, it } from '@jest/globals';
import { ALL_PROJECTIONS, earlierVersionsOf } from './index.js';

describe('every read model', () => {
  // The runner replays a read model only when its version changes: new tables under the old version would start
  // empty and never be filled from the events before them.
  it('names its tables after its version, so new tables come with a replay', () => {
    for (const projection of ALL_PROJECTIONS) {
      expect([projection.name, projection.tables.filter((table) => !table.endsWith(`_v${projection.version}`))]).toEqual([projection.name, []]);
    }
  });

  it('drops the tables of its earlier versions, named after its current ones', () => {
    expect(earlierVersionsOf(['commitment_ledger_v7', 'commitment_ledger_revisions_v7'], 5)).toEqual([
      'commitment_ledger_v5', 'commitment_ledger_v6', 'commitment_ledger_revisions_v5', 'commitment_ledger_revisions_v6',
    ]);
    expect(() => earlierVersionsOf(['unversioned'], 1)).toThrow(/named <name>_v<version>/);
  });
});
