import { describe, expect, it } from '@jest/globals';
import { GroupCommit, settle } from './group-commit.js';

describe('GroupCommit', () => {
  it('commits what is submitted in one turn of the event loop as one batch, in submission order', async () => {
    const batches: number[][] = [];
    const commits = new GroupCommit<number, number>((items) => {
      batches.push([...items]);
      return items.map((item) => settle(() => item * 10));
    });
    const first = await Promise.all([commits.submit(1), commits.submit(2), commits.submit(3)]);
    const later = await commits.submit(4);
    expect(first).toEqual([10, 20, 30]);
    expect(later).toBe(40);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('refuses an item alone when the commit settles it as failed', async () => {
    const commits = new GroupCommit<number, number>((items) =>
      items.map((item) =>
        settle(() => {
          if (item === 2) throw new Error('two is refused');
          return item;
        }),
      ),
    );
    const outcomes = await Promise.allSettled([commits.submit(1), commits.submit(2), commits.submit(3)]);
    expect(outcomes).toEqual([
      { status: 'fulfilled', value: 1 },
      { status: 'rejected', reason: new Error('two is refused') },
      { status: 'fulfilled', value: 3 },
    ]);
  });

  it('refuses every item of the batch when the commit itself throws, and goes on with the next batch', async () => {
    let broken = true;
    const commits = new GroupCommit<string, string>((items) => {
      if (broken) throw new Error('database is locked');
      return items.map((item) => settle(() => item));
    });
    const outcomes = await Promise.allSettled([commits.submit('a'), commits.submit('b')]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    broken = false;
    await expect(commits.submit('c')).resolves.toBe('c');
  });

  it('flush commits at once what is queued, so a close drops nothing', async () => {
    const committed: string[] = [];
    const commits = new GroupCommit<string, void>((items) => items.map((item) => settle(() => void committed.push(item))));
    const pending = commits.submit('before close');
    commits.flush();
    expect(committed).toEqual(['before close']);
    await pending;
    commits.flush();
    expect(committed).toEqual(['before close']);
  });
});
