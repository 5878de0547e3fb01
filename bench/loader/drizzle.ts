import type { Database } from 'sql.js';
import { asc, desc, relations, sql, createTableRelationsHelpers, extractTablesRelationalConfig } from 'drizzle-orm';
import type { Logger } from 'drizzle-orm';
import { integer, primaryKey, sqliteTable, text, BaseSQLiteDatabase, SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import type { PreparedQueryConfig } from 'drizzle-orm/sqlite-core';
import { PreparedQuery, SQLJsSession } from 'drizzle-orm/sql-js';
import type { SQLJsDatabase } from 'drizzle-orm/sql-js';

/**
 * The peer: drizzle-orm 0.45's relational queries (`db.query.X.findMany({ with })`) on the same
 * sql.js database. Schema keys are the column names so records come out keyed like Relata's.
 */

export const representative = sqliteTable('representative', {
  id: integer('id').primaryKey(),
  name: text('name'),
  priority_threshold: integer('priority_threshold'),
});
export const user = sqliteTable('user', {
  id: integer('id').primaryKey(),
  name: text('name'),
  email: text('email'),
});
export const ticket = sqliteTable('ticket', {
  id: integer('id').primaryKey(),
  subject: text('subject'),
  priority: integer('priority'),
  status: text('status'),
  representative_id: integer('representative_id'),
  reporter_id: integer('reporter_id'),
});
export const comment = sqliteTable('comment', {
  id: integer('id').primaryKey(),
  body: text('body'),
  ticket_id: integer('ticket_id'),
});
export const tag = sqliteTable('tag', {
  id: integer('id').primaryKey(),
  name: text('name'),
});
export const ticket_tag = sqliteTable(
  'ticket_tag',
  {
    ticket_id: integer('ticket_id').notNull(),
    tag_id: integer('tag_id').notNull(),
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

/**
 * PATCH for drizzle-orm 0.45's `sql-js` driver (drizzle-orm issue 2189).
 *
 * A relational query (`SQLiteRelationalQuery._prepare`) calls
 * `session.prepareQuery(query, undefined, 'all', true, customResultMapper)`: the fifth argument is
 * the mapper that turns the raw row arrays (nested relations are JSON arrays built in SQL with
 * `json_array`/`json_group_array`) into objects (`mapRelationalRow`). `SQLJsSession.prepareQuery`
 * declares only four parameters — `prepareQuery(query, fields, executeMethod, isResponseInArrayMode)`
 * — and constructs `PreparedQuery` without it, so `customResultMapper` is always `undefined`. Then
 * `PreparedQuery.all()` sees no `fields` and no mapper and returns `stmt.getAsObject()` rows: column
 * aliases as keys and every nested relation as an unparsed JSON *string*. `better-sqlite3/session.js`
 * forwards the mapper (its `prepareQuery` takes and passes `customResultMapper`), and the sql-js
 * `PreparedQuery` itself already handles one (`customResultMapper(rows, normalizeFieldValue)`): only
 * the session drops it. The subclass below forwards it; nothing under node_modules is edited.
 */
type Base = SQLJsSession<Record<string, unknown>, never>;
class PatchedSQLJsSession extends SQLJsSession<Record<string, unknown>, never> {
  override prepareQuery<T extends Omit<PreparedQueryConfig, 'run'>>(
    query: Parameters<Base['prepareQuery']>[0],
    fields: Parameters<Base['prepareQuery']>[1],
    executeMethod: Parameters<Base['prepareQuery']>[2],
    isResponseInArrayMode: boolean,
    // Not in the upstream .d.ts either: the 5th argument the relational query builder passes.
    customResultMapper?: (rows: unknown[][], mapColumnValue?: (value: unknown) => unknown) => unknown,
  ): PreparedQuery<T & { run: void }> {
    // Same as the original, plus the 7th constructor argument (customResultMapper).
    const self = this as unknown as { client: Database; logger: Logger };
    return new PreparedQuery<T & { run: void }>(
      self.client,
      query,
      self.logger,
      fields,
      executeMethod,
      isResponseInArrayMode,
      customResultMapper,
    );
  }
}

/** Counts every statement drizzle issues (drizzle logs each one just before running it). */
export class CountingLogger implements Logger {
  statements = 0;
  logQuery(): void {
    this.statements++;
  }
}

export type DrizzleDb = SQLJsDatabase<typeof schema>;

/** `drizzle(db, { schema, logger })` from `drizzle-orm/sql-js`, built with the patched session. */
export function createDrizzle(db: Database, logger: Logger, patched = true): DrizzleDb {
  const dialect = new SQLiteSyncDialect();
  const tablesConfig = extractTablesRelationalConfig(schema, createTableRelationsHelpers);
  const rqSchema = { fullSchema: schema, schema: tablesConfig.tables, tableNamesMap: tablesConfig.tableNamesMap };
  const Session = patched ? PatchedSQLJsSession : SQLJsSession;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const session = new Session(db, dialect, rqSchema as any, { logger });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return new BaseSQLiteDatabase('sync', dialect, session as any, rqSchema as any) as unknown as DrizzleDb;
}

export interface DrizzleRun {
  logger: CountingLogger;
  db: DrizzleDb;
}

export function drizzleFor(db: Database): DrizzleRun {
  const logger = new CountingLogger();
  return { logger, db: createDrizzle(db, logger) };
}

/** W1: representatives → tickets → comments. */
export function drizzleW1(d: DrizzleDb) {
  return d.query.representative
    .findMany({ orderBy: [asc(representative.id)], with: { tickets: { with: { comments: true } } } })
    .sync();
}

/** W2: the first 100 representatives → tickets → (tags through ticket_tags, reporter). */
export function drizzleW2(d: DrizzleDb, repLimit = 100) {
  return d.query.representative
    .findMany({
      orderBy: [asc(representative.id)],
      limit: repLimit,
      with: { tickets: { with: { ticket_tags: { with: { tag: true } }, reporter: true } } },
    })
    .sync();
}

/**
 * W3: representatives → tickets with priority > the representative's threshold. Drizzle's relational
 * API has no way to name the parent row in a nested `where`; the best it can do is a raw SQL fragment
 * correlated to the outer alias, which is the table's key in the schema (`"representative"`).
 */
export function drizzleW3(d: DrizzleDb) {
  return d.query.representative
    .findMany({
      orderBy: [asc(representative.id)],
      with: {
        tickets: {
          where: (t) => sql`${t.priority} > "representative"."priority_threshold"`,
        },
      },
    })
    .sync();
}

/** W4: representatives → their 3 highest-priority tickets (ties by id). */
export function drizzleW4(d: DrizzleDb) {
  return d.query.representative
    .findMany({
      orderBy: [asc(representative.id)],
      with: { tickets: { orderBy: [desc(ticket.priority), asc(ticket.id)], limit: 3 } },
    })
    .sync();
}

export const drizzleWorkloads = { W1: drizzleW1, W2: drizzleW2, W3: drizzleW3, W4: drizzleW4 } as const;
