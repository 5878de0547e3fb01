import type pg from 'pg';
import { asc, desc, relations, sql } from 'drizzle-orm';
import type { Logger } from 'drizzle-orm';
import { bigint, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';

/**
 * The peer on PostgreSQL: drizzle-orm 0.45's relational queries (`db.query.X.findMany({ with })`)
 * on the same connection the postgres layer uses (PGlite through `drizzle-orm/pglite`, a real server
 * through `drizzle-orm/node-postgres`). The schema mirrors drizzle.ts's sqlite one on the tables the
 * postgres layer created (`load`): integers are `bigint` there, read as JS numbers (`mode: 'number'`),
 * text is `text COLLATE "C"`. Schema keys are the column names so records come out keyed like
 * Relata's. Drizzle compiles each findMany to ONE statement: nested levels are `LEFT JOIN LATERAL`
 * subqueries aggregated with `json_agg`/`json_build_array`, decoded in JS.
 */

const int = (name: string) => bigint(name, { mode: 'number' });

export const representative = pgTable('representative', {
  id: int('id').primaryKey(),
  name: text('name'),
  priority_threshold: int('priority_threshold'),
});
export const user = pgTable('user', {
  id: int('id').primaryKey(),
  name: text('name'),
  email: text('email'),
});
export const ticket = pgTable('ticket', {
  id: int('id').primaryKey(),
  subject: text('subject'),
  priority: int('priority'),
  status: text('status'),
  representative_id: int('representative_id'),
  reporter_id: int('reporter_id'),
});
export const comment = pgTable('comment', {
  id: int('id').primaryKey(),
  body: text('body'),
  ticket_id: int('ticket_id'),
});
export const tag = pgTable('tag', {
  id: int('id').primaryKey(),
  name: text('name'),
});
export const ticket_tag = pgTable(
  'ticket_tag',
  {
    ticket_id: int('ticket_id').notNull(),
    tag_id: int('tag_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ticket_id, t.tag_id] })],
);

export const representativeRelations = relations(representative, ({ many }) => ({ tickets: many(ticket) }));
export const userRelations = relations(user, ({ many }) => ({ reported_tickets: many(ticket) }));
export const ticketRelations = relations(ticket, ({ one, many }) => ({
  representative: one(representative, { fields: [ticket.representative_id], references: [representative.id] }),
  reporter: one(user, { fields: [ticket.reporter_id], references: [user.id] }),
  comments: many(comment),
  ticket_tags: many(ticket_tag),
}));
export const commentRelations = relations(comment, ({ one }) => ({
  ticket: one(ticket, { fields: [comment.ticket_id], references: [ticket.id] }),
}));
export const tagRelations = relations(tag, ({ many }) => ({ ticket_tags: many(ticket_tag) }));
export const ticketTagRelations = relations(ticket_tag, ({ one }) => ({
  ticket: one(ticket, { fields: [ticket_tag.ticket_id], references: [ticket.id] }),
  tag: one(tag, { fields: [ticket_tag.tag_id], references: [tag.id] }),
}));

export const schema = {
  representative,
  user,
  ticket,
  comment,
  tag,
  ticket_tag,
  representativeRelations,
  userRelations,
  ticketRelations,
  commentRelations,
  tagRelations,
  ticketTagRelations,
};

export type DrizzlePgDb = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Counts every statement drizzle issues (drizzle logs each one just before running it). */
export class CountingLogger implements Logger {
  statements = 0;
  logQuery(): void {
    this.statements++;
  }
}

/**
 * Drizzle on the bench's connection: a PGlite instance or a connected node-postgres client (the
 * very objects the postgres layer's driver wraps, so both contenders share one session and its
 * search_path).
 */
export function drizzlePgFor(conn: { pglite: unknown } | { client: pg.Client }): { db: DrizzlePgDb; logger: CountingLogger } {
  const logger = new CountingLogger();
  const db =
    'pglite' in conn
      ? // eslint-disable-next-line @typescript-eslint/no-explicit-any
        drizzlePglite(conn.pglite as any, { schema, logger })
      : drizzleNodePg(conn.client, { schema, logger });
  return { db: db as unknown as DrizzlePgDb, logger };
}

/** W1: representatives → tickets → comments. */
export function drizzlePgW1(d: DrizzlePgDb) {
  return d.query.representative.findMany({ orderBy: [asc(representative.id)], with: { tickets: { with: { comments: true } } } });
}

/** W2: the first 100 representatives → tickets → (tags through ticket_tags, reporter). */
export function drizzlePgW2(d: DrizzlePgDb, repLimit = 100) {
  return d.query.representative.findMany({
    orderBy: [asc(representative.id)],
    limit: repLimit,
    with: { tickets: { with: { ticket_tags: { with: { tag: true } }, reporter: true } } },
  });
}

/**
 * W3: representatives → tickets with priority > the representative's threshold. As on sqlite, the
 * relational API cannot name the parent row in a nested `where`; a raw fragment correlated to the
 * root's alias (the table's key in the schema, `"representative"`) is the best it can do.
 */
export function drizzlePgW3(d: DrizzlePgDb) {
  return d.query.representative.findMany({
    orderBy: [asc(representative.id)],
    with: { tickets: { where: (t) => sql`${t.priority} > "representative"."priority_threshold"` } },
  });
}

/** W4: representatives → their 3 highest-priority tickets (ties by id). */
export function drizzlePgW4(d: DrizzlePgDb) {
  return d.query.representative.findMany({
    orderBy: [asc(representative.id)],
    with: { tickets: { orderBy: [desc(ticket.priority), asc(ticket.id)], limit: 3 } },
  });
}

export const drizzlePgWorkloads = { W1: drizzlePgW1, W2: drizzlePgW2, W3: drizzlePgW3, W4: drizzlePgW4 } as const;
