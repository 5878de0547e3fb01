import initSqlJs from 'sql.js';
import type { Database, SqlJsStatic } from 'sql.js';

/**
 * The helpdesk data set of the loader benchmark, generated deterministically from a seed into sql.js.
 * Scale 1: 1,000 representatives, 5,000 users, 50,000 tickets, 200,000 comments, 200 tags,
 * 100,000 ticket_tags. Tables are snake_case of the resource name, columns the attribute names.
 */

export interface DatasetSizes {
  representatives: number;
  users: number;
  tickets: number;
  comments: number;
  tags: number;
  ticketTags: number;
}

export function sizesFor(scale: number): DatasetSizes {
  const n = (x: number) => Math.max(1, Math.round(x * scale));
  const sizes = {
    representatives: n(1000),
    users: n(5000),
    tickets: n(50_000),
    comments: n(200_000),
    tags: n(200),
    ticketTags: n(100_000),
  };
  // ticket_tag has a composite primary key: never ask for more distinct pairs than exist.
  sizes.ticketTags = Math.min(sizes.ticketTags, Math.floor(sizes.tickets * sizes.tags * 0.5));
  return sizes;
}

/** mulberry32: a tiny, fast, deterministic 32-bit PRNG. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SCHEMA = `
CREATE TABLE "representative" ("id" INTEGER PRIMARY KEY, "name" TEXT, "priority_threshold" INTEGER);
CREATE TABLE "user" ("id" INTEGER PRIMARY KEY, "name" TEXT, "email" TEXT);
CREATE TABLE "ticket" ("id" INTEGER PRIMARY KEY, "subject" TEXT, "priority" INTEGER, "status" TEXT,
  "representative_id" INTEGER, "reporter_id" INTEGER);
CREATE TABLE "comment" ("id" INTEGER PRIMARY KEY, "body" TEXT, "ticket_id" INTEGER);
CREATE TABLE "tag" ("id" INTEGER PRIMARY KEY, "name" TEXT);
CREATE TABLE "ticket_tag" ("ticket_id" INTEGER NOT NULL, "tag_id" INTEGER NOT NULL,
  PRIMARY KEY ("ticket_id", "tag_id"));
CREATE INDEX "ticket_representative_id_index" ON "ticket" ("representative_id");
CREATE INDEX "ticket_reporter_id_index" ON "ticket" ("reporter_id");
CREATE INDEX "comment_ticket_id_index" ON "comment" ("ticket_id");
CREATE INDEX "ticket_tag_ticket_id_index" ON "ticket_tag" ("ticket_id");
CREATE INDEX "ticket_tag_tag_id_index" ON "ticket_tag" ("tag_id");
`;

const FIRST = ['Ana', 'Bo', 'Joe', 'Jose', 'Mia', 'Li', 'Sam', 'Eva', 'Noor', 'Kai', 'Zoe', 'Ivan', 'Ola', 'Rui'];
const LAST = ['Silva', 'Smith', 'Chen', 'Okafor', 'Novak', 'Garcia', 'Kim', 'Müller', 'Rossi', 'Haddad'];
const WORDS = [
  'printer', 'login', 'invoice', 'crash', 'slow', 'password', 'export', 'report', 'email', 'sync',
  'timeout', 'refund', 'upgrade', 'billing', 'screen', 'error', 'widget', 'account', 'network', 'backup',
];

let sqlPromise: Promise<SqlJsStatic> | undefined;
export function sqlJs(): Promise<SqlJsStatic> {
  return (sqlPromise ??= initSqlJs());
}

export interface Dataset {
  db: Database;
  sizes: DatasetSizes;
  seed: number;
  scale: number;
  buildMs: number;
}

export async function buildDataset(opts: { scale?: number; seed?: number } = {}): Promise<Dataset> {
  const scale = opts.scale ?? 1;
  const seed = opts.seed ?? 42;
  const t0 = performance.now();
  const SQL = await sqlJs();
  const db = new SQL.Database();
  db.exec(SCHEMA);
  const sizes = sizesFor(scale);
  const rnd = mulberry32(seed);
  const int = (n: number) => Math.floor(rnd() * n); // 0..n-1
  const pick = <T>(xs: readonly T[]) => xs[int(xs.length)] as T;
  const words = (k: number) => {
    const out: string[] = [];
    for (let i = 0; i < k; i++) out.push(pick(WORDS));
    return out.join(' ');
  };

  const insert = (sql: string, count: number, row: (i: number) => (number | string | null)[]) => {
    const stmt = db.prepare(sql);
    try {
      for (let i = 1; i <= count; i++) stmt.run(row(i));
    } finally {
      stmt.free();
    }
  };

  db.exec('BEGIN');
  try {
    insert('INSERT INTO "representative" ("id", "name", "priority_threshold") VALUES (?, ?, ?)', sizes.representatives, (i) => [
      i,
      `${pick(FIRST)} ${pick(LAST)} ${i}`,
      int(10),
    ]);
    insert('INSERT INTO "user" ("id", "name", "email") VALUES (?, ?, ?)', sizes.users, (i) => [
      i,
      `${pick(FIRST)} ${pick(LAST)}`,
      `user${i}@example.com`,
    ]);
    insert(
      'INSERT INTO "ticket" ("id", "subject", "priority", "status", "representative_id", "reporter_id") VALUES (?, ?, ?, ?, ?, ?)',
      sizes.tickets,
      (i) => [i, `${words(3)} #${i}`, int(10), rnd() < 0.6 ? 'open' : 'closed', 1 + int(sizes.representatives), 1 + int(sizes.users)],
    );
    insert('INSERT INTO "comment" ("id", "body", "ticket_id") VALUES (?, ?, ?)', sizes.comments, (i) => [
      i,
      words(6 + int(6)),
      1 + int(sizes.tickets),
    ]);
    insert('INSERT INTO "tag" ("id", "name") VALUES (?, ?)', sizes.tags, (i) => [i, `${pick(WORDS)}-${i}`]);
    // Distinct (ticket_id, tag_id) pairs.
    const seen = new Set<number>();
    const stmt = db.prepare('INSERT INTO "ticket_tag" ("ticket_id", "tag_id") VALUES (?, ?)');
    try {
      while (seen.size < sizes.ticketTags) {
        const ticket = 1 + int(sizes.tickets);
        const tag = 1 + int(sizes.tags);
        const key = ticket * (sizes.tags + 1) + tag;
        if (seen.has(key)) continue;
        seen.add(key);
        stmt.run([ticket, tag]);
      }
    } finally {
      stmt.free();
    }
    db.exec('COMMIT');
  } catch (e) {
    db.exec('ROLLBACK');
    throw e;
  }
  db.exec('ANALYZE');
  return { db, sizes, seed, scale, buildMs: performance.now() - t0 };
}
