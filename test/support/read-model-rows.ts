import Database from 'better-sqlite3';
import { CHECKPOINTS_TABLE } from '#projections';

/**
 * Every row of every table of a read models' file, in rowid order, by table: what two builds of the read models are
 * compared on. A checkpoint's `updated_at` says when it was written, not what was applied: left out.
 */
export const readModelRows = (path: string): Record<string, Record<string, unknown>[]> => {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    const rowsOf = (table: string) => {
      const rows = db.prepare<[], Record<string, unknown>>(`SELECT * FROM "${table}" ORDER BY rowid`).all();
      return table === CHECKPOINTS_TABLE ? rows.map(({ updated_at: _written, ...row }) => row) : rows;
    };
    return Object.fromEntries(tables.map((table) => [table, rowsOf(table)]));
  } finally {
    db.close();
  }
};
