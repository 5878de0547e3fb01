import { buildDataset } from './dataset';
const scale = Number(process.argv[2] ?? 0.1);
const ds = await buildDataset({ scale });
const db = ds.db;
const nrep = ds.sizes.representatives;
const ids = Array.from({length: nrep}, (_, i) => i + 1);
function time(label: string, sql: string, params: any[], plan = false) {
  if (plan) for (const r of db.exec('EXPLAIN QUERY PLAN ' + sql, params)[0]?.values ?? []) console.log('   ', r[3]);
  const ts: number[] = []; let n = 0;
  for (let i = 0; i < 7; i++) { const t0 = performance.now(); const s = db.prepare(sql); s.bind(params); n = 0; while (s.step()) { s.get(); n++; } s.free(); ts.push(performance.now() - t0); }
  ts.sort((a,b)=>a-b);
  console.log(label, n, 'min', ts[0]!.toFixed(1), 'med', ts[3]!.toFixed(1));
}
const J = '(SELECT value FROM json_each(?))';
const P = [JSON.stringify(ids)];
const C = 't."id", t."subject", t."priority", t."status", t."representative_id", t."reporter_id"';
time('lateral ordered', `SELECT ${C} FROM "representative" r JOIN "ticket" t ON t.id IN (SELECT x.id FROM ticket x WHERE x.representative_id = r.id ORDER BY x.priority DESC, x.id LIMIT 3) WHERE r.id IN ${J} ORDER BY r.id, t.priority DESC, t.id`, P);
time('lateral unordered', `SELECT ${C} FROM "representative" r JOIN "ticket" t ON t.id IN (SELECT x.id FROM ticket x WHERE x.representative_id = r.id ORDER BY x.priority DESC, x.id LIMIT 3) WHERE r.id IN ${J}`, P, true);
time('json agg', `SELECT r.id, (SELECT json_group_array(json_array(x.id, x.subject, x.priority, x.status, x.representative_id, x.reporter_id)) FROM (SELECT * FROM ticket x WHERE x.representative_id = r.id ORDER BY x.priority DESC, x.id LIMIT 3) x) FROM "representative" r WHERE r.id IN ${J}`, P, true);
time('drizzle-like', `select "id", (select coalesce(json_group_array(json_array("id", "subject", "priority", "status", "representative_id", "reporter_id")), json_array()) from (select * from "ticket" "rt" where "rt"."representative_id" = "representative"."id" order by "rt"."priority" desc, "rt"."id" asc limit 3) "rt") from representative`, [], true);
time('window', `SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY representative_id ORDER BY priority DESC, id) rn FROM ticket WHERE representative_id IN ${J}) WHERE rn <= 3`, P);
time('scan all tickets', `SELECT * FROM ticket`, []);
time('scan all tickets count', `SELECT count(*) FROM ticket`, []);
time('scan comments', `SELECT id, body, ticket_id FROM comment`, []);
time('scan comments sum', `SELECT sum(length(body)) FROM comment`, []);
