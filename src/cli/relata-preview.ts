/**
 * `relata preview MODEL.json --query QUERY.json --database postgres://… [--allow-writes] [--timeout MS]`:
 * runs one query (a relata QueryRequest) through the engine on the postgres layer against the
 * database's existing tables (`attach`: no DDL, no load). Prints the nested records as JSON on stdout
 * and every statement (its scope, rows, time and SQL) on stderr. Read-only unless --allow-writes.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createEngine } from '../core/engine/engine';
import { postgresLayer } from '../core/datalayers/postgres/postgres-layer';
import { parseModelText } from '../core/model/parse';
import type { QueryRequest } from '../core/query/types';
import { connectPg } from '../node/postgres-drivers';

export interface PreviewIo {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export const PREVIEW_HELP = `  relata preview MODEL.json --query QUERY.json --database postgres://… [--allow-writes] [--timeout MS]
      Runs the query (a QueryRequest: resource, filter, sort, limit, load…) on the PostgreSQL
      database's existing tables. Prints the nested records (stdout) and the SQL of every hop with
      its row count and time (stderr). Read-only unless --allow-writes; statement timeout 10 s.
`;

export async function runPreview(paths: string[], options: Map<string, string | true>, io: PreviewIo, usage: (m: string) => number): Promise<number> {
  if (paths.length !== 1) return usage('preview takes exactly one model file');
  const queryFile = options.get('query');
  const url = options.get('database');
  if (typeof queryFile !== 'string') return usage('preview needs --query QUERY.json');
  if (typeof url !== 'string' || !/^postgres(ql)?:\/\//.test(url)) return usage('preview needs --database postgres://…');
  const timeout = options.get('timeout');
  const timeoutMs = typeof timeout === 'string' ? Number(timeout) : 10_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) return usage('--timeout is a number of milliseconds');
  let modelText: string;
  let query: QueryRequest;
  try {
    modelText = readFileSync(resolve(io.cwd, paths[0]!), 'utf8');
    query = JSON.parse(readFileSync(resolve(io.cwd, queryFile), 'utf8')) as QueryRequest;
  } catch (e) {
    io.stderr(`relata preview: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const parsed = parseModelText(modelText);
  if (!parsed.ok) {
    io.stderr(`relata preview: ${paths[0]!} is not a relata/model@1 model: ${parsed.error.message}\n`);
    return 1;
  }
  let conn: Awaited<ReturnType<typeof connectPg>>;
  try {
    conn = await connectPg(url, { statementTimeoutMs: timeoutMs });
  } catch (e) {
    io.stderr(`relata preview: cannot connect to the database: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  try {
    const engine = createEngine({ model: parsed.value, layer: postgresLayer(conn.driver, { attach: true, readOnly: !options.has('allow-writes') }) });
    if (!engine.ok) {
      io.stderr(`relata preview: ${engine.error.message}\n`);
      return 1;
    }
    const result = await engine.value.read(query);
    if (!result.ok) {
      io.stderr(`relata preview: ${result.error.code}: ${result.error.message}\n`);
      return 1;
    }
    io.stdout(`${JSON.stringify(result.value.records, null, 2)}\n`);
    for (const s of result.value.statements) {
      io.stderr(`-- ${s.scope}: ${s.rows} row(s) in ${s.ms.toFixed(1)} ms\n${s.sql}\n`);
      if (s.params.length > 0) io.stderr(`-- params: ${JSON.stringify(s.params)}\n`);
    }
    io.stderr(`${result.value.records.length} record(s), ${result.value.statements.length} statement(s), ${result.value.ms.toFixed(1)} ms\n`);
    return 0;
  } finally {
    await conn.close();
  }
}
