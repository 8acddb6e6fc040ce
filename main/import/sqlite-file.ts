// Reading SQLite databases that other authenticators keep (Google/Microsoft Authenticator, Stratum),
// with sql.js: SQLite compiled to WebAssembly, so nothing is compiled at install time (Node 20 has no
// node:sqlite). The engine is loaded on first use only and shared afterwards; its .wasm file is read
// from node_modules by path, never fetched.
//
// The database comes from an untrusted file, so reading it is defensive: only real tables are read
// (a view could be an endless recursive query), generated columns are refused (their expressions run
// on read), the schema is not trusted to call functions with side effects, and rows are capped.
import { createRequire } from 'node:module';
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import { AppError } from '../../shared/api/errors';
import { MAX_IMPORT_ENTRIES } from './imported-account';
import { describeCause, unreadable } from './errors';

/** "SQLite format 3\0": the first 16 bytes of every SQLite 3 database file. */
const SQLITE_MAGIC = [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x20, 0x33, 0x00];
/** Bytes of schema text looked at after each "CREATE TABLE" when detecting. */
const SCHEMA_WINDOW = 4096;
/** Most "CREATE TABLE" statements looked at when detecting (real app databases have < 20). */
const MAX_SCHEMA_STATEMENTS = 200;

export function isSqliteFile(bytes: Uint8Array): boolean {
  return bytes.length >= 100 && SQLITE_MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * The CREATE TABLE statements found in the raw file, for cheap synchronous detection without opening
 * the database: the schema is stored as plain text in sqlite_master's pages.
 */
export function createTableStatements(bytes: Uint8Array): string[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const statements: string[] = [];
  let from = 0;
  while (statements.length < MAX_SCHEMA_STATEMENTS) {
    const at = buffer.indexOf('CREATE TABLE', from, 'latin1');
    if (at < 0) break;
    statements.push(statementAt(buffer, at));
    from = at + 12;
  }
  return statements;
}

/** The statement starting at `at`, up to the parenthesis that closes its column list (or the window's end). */
function statementAt(buffer: Buffer, at: number): string {
  const end = Math.min(buffer.length, at + SCHEMA_WINDOW);
  let depth = 0;
  for (let i = at; i < end; i += 1) {
    const byte = buffer[i];
    if (byte === 0x28) depth += 1;
    else if (byte === 0x29 && --depth === 0) return buffer.toString('latin1', at, i + 1);
  }
  return buffer.toString('latin1', at, end);
}

/** True when some CREATE TABLE statement in the file matches `pattern`. Never throws. */
export function schemaMatches(bytes: Uint8Array, pattern: RegExp): boolean {
  return isSqliteFile(bytes) && createTableStatements(bytes).some((s) => pattern.test(s));
}

let engine: Promise<SqlJsStatic> | undefined;

/** The sql.js engine, initialised once per process. A failed load is retried on the next call. */
function loadEngine(): Promise<SqlJsStatic> {
  engine ??= (async () => {
    const { default: initSqlJs } = await import('sql.js');
    const wasmPath = createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm');
    return initSqlJs({ locateFile: () => wasmPath });
  })().catch((error: unknown) => {
    engine = undefined;
    throw error;
  });
  return engine;
}

export type SqlRow = Record<string, SqlValue>;

/** An opened database, read-only in intent: it lives in sql.js's memory and is discarded after use. */
export class SqliteFile {
  private constructor(
    private readonly db: Database,
    private readonly what: string,
  ) {}

  /** Opens the bytes as a database. `what` names the file in error messages, e.g. "This Google Authenticator database". */
  static async open(bytes: Uint8Array, what: string): Promise<SqliteFile> {
    if (!isSqliteFile(bytes)) throw unreadable(what, 'it is not an SQLite database');
    const SQL = await loadEngine();
    let db: Database | undefined;
    try {
      db = new SQL.Database(bytes);
      // Schema-defined SQL (defaults, views, triggers) may not call functions with side effects.
      db.run('PRAGMA trusted_schema = OFF; PRAGMA query_only = ON;');
      // Forces SQLite to read and check the schema now, so a damaged file fails here.
      db.exec('SELECT count(*) FROM sqlite_master');
      return new SqliteFile(db, what);
    } catch (error) {
      db?.close();
      throw unreadable(what, `the database is damaged (${describeCause(error)})`);
    }
  }

  /** True when `table` exists as a real table (not a view). */
  hasTable(table: string): boolean {
    return this.guard(() => {
      const rows = this.select("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE", [table], 1);
      return rows.length > 0;
    });
  }

  /** Column names of a table, lower-cased; generated columns are reported separately. */
  private columnsOf(table: string): { plain: Set<string>; generated: Set<string> } {
    const plain = new Set<string>();
    const generated = new Set<string>();
    // table_xinfo's `hidden`: 0 = ordinary, 1 = hidden (virtual tables), 2/3 = generated column.
    for (const row of this.select(`PRAGMA table_xinfo(${quoteIdentifier(table)})`, [], 10_000)) {
      const name = String(row.name).toLowerCase();
      if (row.hidden === 2 || row.hidden === 3) generated.add(name);
      else plain.add(name);
    }
    return { plain, generated };
  }

  /**
   * Reads `columns` from every row of `table` (at most MAX_IMPORT_ENTRIES + 1, so the caller can tell
   * that there were more). Columns in `optional` may be missing (older app versions): they read as null.
   */
  readTable(table: string, columns: readonly string[], optional: readonly string[] = []): SqlRow[] {
    return this.guard(() => {
      if (!this.hasTable(table)) throw unreadable(this.what, `it has no "${table}" table`);
      const { plain, generated } = this.columnsOf(table);
      const wanted = [...columns, ...optional];
      const bad = wanted.filter((c) => generated.has(c.toLowerCase()));
      if (bad.length > 0) throw unreadable(this.what, `the column "${bad[0]}" of "${table}" is computed, not stored`);
      const missing = columns.filter((c) => !plain.has(c.toLowerCase()));
      if (missing.length > 0) throw unreadable(this.what, `the "${table}" table has no "${missing[0]}" column`);
      const present = wanted.filter((c) => plain.has(c.toLowerCase()));
      const list = present.map((c) => `${quoteIdentifier(c)} AS ${quoteIdentifier(c)}`).join(', ');
      const rows = this.select(`SELECT ${list} FROM ${quoteIdentifier(table)} LIMIT ${MAX_IMPORT_ENTRIES + 1}`, [], MAX_IMPORT_ENTRIES + 1);
      return rows.map((row) => {
        const out: SqlRow = {};
        for (const c of wanted) out[c] = row[c] ?? null;
        return out;
      });
    });
  }

  close(): void {
    this.db.close();
  }

  private select(sql: string, params: SqlValue[], limit: number): SqlRow[] {
    const statement = this.db.prepare(sql, params);
    try {
      const rows: SqlRow[] = [];
      while (rows.length < limit && statement.step()) rows.push(statement.getAsObject() as SqlRow);
      return rows;
    } finally {
      statement.free();
    }
  }

  /** Our own AppErrors pass through; SQLite errors (SQLITE_CORRUPT, …) mean a damaged file. */
  private guard<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw unreadable(this.what, `the database is damaged (${describeCause(error)})`);
    }
  }
}

/** Opens the database, runs `read`, and always closes it. */
export async function withSqliteFile<T>(bytes: Uint8Array, what: string, read: (db: SqliteFile) => T): Promise<T> {
  const db = await SqliteFile.open(bytes, what);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A cell as text ('' for NULL or a blob). */
export function textCell(value: SqlValue | undefined): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return '';
}

/** A cell as a number (NaN when absent or not numeric, which validation then rejects). */
export function numberCell(value: SqlValue | undefined): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number(value);
  return Number.NaN;
}
