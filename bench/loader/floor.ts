import type { Database, SqlValue } from 'sql.js';

/**
 * The hand-written baseline ("the practical floor"): one `IN (...)` query per load level, rows read
 * with prepared statements as arrays (`stmt.get()`), grouped into nested plain objects in JS.
 *
 * Two ways to pass an id list past SQLite's 32,766 bound-parameter limit:
 *   - `json`:  `IN (SELECT value FROM json_each(?))` with the whole list as ONE JSON text parameter;
 *   - `chunk`: `IN (?, ?, ...)` in chunks of at most 32,766 parameters (one statement per chunk).
 * W4 (3 highest-priority tickets per representative, ties by id) two ways:
 *   - `window`: `ROW_NUMBER() OVER (PARTITION BY representative_id ORDER BY priority DESC, id) <= 3` in SQL;
 *   - `slice`:  fetch every ticket `ORDER BY representative_id, priority DESC, id` and keep 3 per parent in JS;
 *   - `lateral`: a correlated top-3 subquery per parent row (`t.id IN (SELECT id ... WHERE
 *     representative_id = r.id ORDER BY priority DESC, id LIMIT 3)`), still one statement for the level.
 * run.ts measures the variants (`--floor-variants`) and uses the faster one as the floor.
 */

export type InMode = 'json' | 'chunk';
export type TopMode = 'window' | 'slice' | 'lateral';
export interface FloorOptions {
  inMode: InMode;
  topMode: TopMode;
}
export const DEFAULT_FLOOR: FloorOptions = { inMode: 'chunk', topMode: 'lateral' };

export type Rec = Record<string, unknown>;
export interface FloorResult {
  records: Rec[];
  statements: number;
}

const MAX_PARAMS = 32_766;

class Reader {
  statements = 0;
  constructor(
    private readonly db: Database,
    private readonly inMode: InMode,
  ) {}

  /** Runs `sql` (no `$IN`) and calls `row` for every row. */
  all(sql: string, params: SqlValue[], row: (r: SqlValue[]) => void): void {
    const stmt = this.db.prepare(sql);
    this.statements++;
    try {
      if (params.length) stmt.bind(params);
      while (stmt.step()) row(stmt.get());
    } finally {
      stmt.free();
    }
  }

  /** Runs `sql` whose `$IN` stands for the id list (distinct ids), calling `row` for every row. */
  in(sql: string, ids: readonly number[], row: (r: SqlValue[]) => void): void {
    if (ids.length === 0) return;
    if (this.inMode === 'json') {
      this.all(sql.replace('$IN', '(SELECT value FROM json_each(?))'), [JSON.stringify(ids)], row);
      return;
    }
    for (let start = 0; start < ids.length; start += MAX_PARAMS) {
      const chunk = ids.slice(start, start + MAX_PARAMS);
      this.all(sql.replace('$IN', `(${'?,'.repeat(chunk.length - 1)}?)`), chunk as number[], row);
    }
  }
}

const REP_COLS = '"id", "name", "priority_threshold"';
const TICKET_COLS = '"id", "subject", "priority", "status", "representative_id", "reporter_id"';
const T_TICKET_COLS = 't."id", t."subject", t."priority", t."status", t."representative_id", t."reporter_id"';

const rep = (r: SqlValue[]): Rec => ({ id: r[0], name: r[1], priority_threshold: r[2] });
const ticket = (r: SqlValue[]): Rec => ({
  id: r[0],
  subject: r[1],
  priority: r[2],
  status: r[3],
  representative_id: r[4],
  reporter_id: r[5],
});

/** Reads the representatives (all, or the first `limit` by id) and attaches `key: []` to each. */
function reps(rd: Reader, key: string, limit?: number): { list: Rec[]; byId: Map<number, Rec[]>; ids: number[] } {
  const list: Rec[] = [];
  const byId = new Map<number, Rec[]>();
  const ids: number[] = [];
  const sql = `SELECT ${REP_COLS} FROM "representative" ORDER BY "id"${limit !== undefined ? ' LIMIT ?' : ''}`;
  rd.all(sql, limit !== undefined ? [limit] : [], (r) => {
    const rec = rep(r);
    const children: Rec[] = [];
    rec[key] = children;
    list.push(rec);
    byId.set(r[0] as number, children);
    ids.push(r[0] as number);
  });
  return { list, byId, ids };
}

/** W1: representatives → tickets → comments. */
export function floorW1(db: Database, o: FloorOptions = DEFAULT_FLOOR): FloorResult {
  const rd = new Reader(db, o.inMode);
  const { list, byId, ids } = reps(rd, 'tickets');
  const ticketIds: number[] = [];
  const commentsByTicket = new Map<number, Rec[]>();
  rd.in(`SELECT ${TICKET_COLS} FROM "ticket" WHERE "representative_id" IN $IN`, ids, (r) => {
    const t = ticket(r);
    const comments: Rec[] = [];
    t.comments = comments;
    byId.get(r[4] as number)!.push(t);
    ticketIds.push(r[0] as number);
    commentsByTicket.set(r[0] as number, comments);
  });
  rd.in(`SELECT "id", "body", "ticket_id" FROM "comment" WHERE "ticket_id" IN $IN`, ticketIds, (r) => {
    commentsByTicket.get(r[2] as number)!.push({ id: r[0], body: r[1], ticket_id: r[2] });
  });
  return { records: list, statements: rd.statements };
}

/** W2: the first 100 representatives → tickets → (tags through ticket_tags, reporter). */
export function floorW2(db: Database, o: FloorOptions = DEFAULT_FLOOR, repLimit = 100): FloorResult {
  const rd = new Reader(db, o.inMode);
  const { list, byId, ids } = reps(rd, 'tickets', repLimit);
  const ticketIds: number[] = [];
  const tagsByTicket = new Map<number, Rec[]>();
  const reporterIds = new Set<number>();
  const tickets: Rec[] = [];
  rd.in(`SELECT ${TICKET_COLS} FROM "ticket" WHERE "representative_id" IN $IN`, ids, (r) => {
    const t = ticket(r);
    const tags: Rec[] = [];
    t.tags = tags;
    byId.get(r[4] as number)!.push(t);
    tickets.push(t);
    ticketIds.push(r[0] as number);
    tagsByTicket.set(r[0] as number, tags);
    if (r[5] !== null) reporterIds.add(r[5] as number);
  });
  // many_to_many: one statement for the level (join rows joined to their tags).
  rd.in(
    `SELECT tt."ticket_id", g."id", g."name" FROM "ticket_tag" tt JOIN "tag" g ON g."id" = tt."tag_id" WHERE tt."ticket_id" IN $IN`,
    ticketIds,
    (r) => {
      tagsByTicket.get(r[0] as number)!.push({ id: r[1], name: r[2] });
    },
  );
  const users = new Map<number, Rec>();
  rd.in(`SELECT "id", "name", "email" FROM "user" WHERE "id" IN $IN`, [...reporterIds], (r) => {
    users.set(r[0] as number, { id: r[0], name: r[1], email: r[2] });
  });
  for (const t of tickets) t.reporter = users.get(t.reporter_id as number) ?? null;
  return { records: list, statements: rd.statements };
}

/** W3: representatives → tickets with priority > the representative's priority_threshold. */
export function floorW3(db: Database, o: FloorOptions = DEFAULT_FLOOR): FloorResult {
  const rd = new Reader(db, o.inMode);
  const { list, byId, ids } = reps(rd, 'tickets_above_threshold');
  rd.in(
    `SELECT ${T_TICKET_COLS} FROM "ticket" t JOIN "representative" r ON r."id" = t."representative_id"
     WHERE t."representative_id" IN $IN AND t."priority" > r."priority_threshold"`,
    ids,
    (r) => {
      byId.get(r[4] as number)!.push(ticket(r));
    },
  );
  return { records: list, statements: rd.statements };
}

/** W4: representatives → their 3 highest-priority tickets (ties by id). */
export function floorW4(db: Database, o: FloorOptions = DEFAULT_FLOOR): FloorResult {
  const rd = new Reader(db, o.inMode);
  const { list, byId, ids } = reps(rd, 'tickets');
  if (o.topMode === 'window') {
    rd.in(
      `SELECT ${TICKET_COLS} FROM (
         SELECT ${TICKET_COLS}, ROW_NUMBER() OVER (PARTITION BY "representative_id" ORDER BY "priority" DESC, "id") AS "rn"
         FROM "ticket" WHERE "representative_id" IN $IN
       ) WHERE "rn" <= 3 ORDER BY "representative_id", "priority" DESC, "id"`,
      ids,
      (r) => {
        byId.get(r[4] as number)!.push(ticket(r));
      },
    );
  } else if (o.topMode === 'lateral') {
    rd.in(
      `SELECT ${T_TICKET_COLS} FROM "representative" r JOIN "ticket" t ON t."id" IN (
         SELECT x."id" FROM "ticket" x WHERE x."representative_id" = r."id" ORDER BY x."priority" DESC, x."id" LIMIT 3
       ) WHERE r."id" IN $IN ORDER BY r."id", t."priority" DESC, t."id"`,
      ids,
      (r) => {
        byId.get(r[4] as number)!.push(ticket(r));
      },
    );
  } else {
    rd.in(
      `SELECT ${TICKET_COLS} FROM "ticket" WHERE "representative_id" IN $IN ORDER BY "representative_id", "priority" DESC, "id"`,
      ids,
      (r) => {
        const children = byId.get(r[4] as number)!;
        if (children.length < 3) children.push(ticket(r));
      },
    );
  }
  return { records: list, statements: rd.statements };
}

export const floorWorkloads = { W1: floorW1, W2: floorW2, W3: floorW3, W4: floorW4 } as const;

/**
 * The floor used by run.ts per workload: the fastest variant measured at scale 1 (`--floor-variants`;
 * CPU-time medians of 7 interleaved runs on a shared 2-core box, ms):
 *   W1  json 1553, chunk 1216  → chunk (a 32,766-value list lets the planner, with ANALYZE stats, scan
 *       the table instead of doing one index seek + rowid lookup per id, which json_each forces and
 *       which costs ~3× a scanned row in sql.js when the list covers most of the table);
 *   W2  json  112, chunk  125  → json (small lists; the chunked m2m join can get a poor plan);
 *   W3  json  147, chunk  148  → chunk (a tie);
 *   W4  lateral ≈ 110 either way, slice ≈ 130, window ≈ 150–190 → chunk/lateral.
 */
export const FLOOR_CHOICE: Record<'W1' | 'W2' | 'W3' | 'W4', FloorOptions> = {
  W1: { inMode: 'chunk', topMode: 'lateral' },
  W2: { inMode: 'json', topMode: 'lateral' },
  W3: { inMode: 'chunk', topMode: 'lateral' },
  W4: { inMode: 'chunk', topMode: 'lateral' },
};
