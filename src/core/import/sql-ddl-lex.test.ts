import { describe, expect, it } from 'vitest';
import { lexSql } from './sql-ddl-lex';

const heads = (sql: string, dialect: 'postgres' | 'mysql' | 'sqlite' = 'postgres'): string[] =>
  lexSql(sql, dialect).statements.map((s) => s.toks.slice(0, 3).map((t) => t.v).join(' '));

describe('lexSql', () => {
  it('does not split inside dollar quotes, strings, E-strings, quoted names or comments', () => {
    const sql = `CREATE FUNCTION f() RETURNS trigger AS $body$ BEGIN x := 1; RETURN NEW; END $body$ LANGUAGE plpgsql;
CREATE FUNCTION g() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;
COMMENT ON TABLE t IS 'a; b';
SELECT E'it\\'s; fine', "a;b" FROM t; -- trailing; comment
/* block; comment */ CREATE TABLE t (id int);`;
    const { statements, problems } = lexSql(sql);
    expect(problems).toEqual([]);
    expect(statements.map((s) => s.line)).toEqual([1, 2, 3, 4, 5]);
    expect(statements[0]?.toks.find((t) => t.k === 'str')?.v).toBe(' BEGIN x := 1; RETURN NEW; END ');
    expect(statements[3]?.toks.filter((t) => t.k === 'str' || t.k === 'qid').map((t) => t.v)).toEqual(["it's; fine", 'a;b']);
    expect(statements[4]?.text).toBe('CREATE TABLE t (id int)');
  });

  it('skips psql meta-commands and follows MySQL DELIMITER changes', () => {
    expect(heads('\\connect chinook\n\\restrict abc\nCREATE TABLE a (id int);')).toEqual(['CREATE TABLE a']);
    const mysql = `# a MySQL comment
CREATE TABLE a (id int);
DELIMITER ;;
CREATE TRIGGER t AFTER INSERT ON a FOR EACH ROW BEGIN
  INSERT INTO b VALUES (1); UPDATE c SET x = 1;
END;;
DELIMITER ;
/*!40101 SET NAMES utf8 */;
CREATE TABLE b (id int);`;
    expect(heads(mysql, 'mysql')).toEqual(['CREATE TABLE a', 'CREATE TRIGGER t', 'CREATE TABLE b']);
  });

  it('skips the rows after COPY ... FROM stdin (a pg_dump with data)', () => {
    const sql = 'CREATE TABLE a (id int, s text);\nCOPY public.a (id, s) FROM stdin;\n1\tit\'s; odd\n2\t$$\n\\.\n\nCREATE TABLE b (id int);';
    const r = lexSql(sql);
    expect(r.problems).toEqual([]);
    expect(r.statements.map((s) => [s.line, s.toks[0]?.v, s.toks.at(-1)?.v])).toEqual([[1, 'CREATE', ')'], [2, 'COPY', 'stdin'], [7, 'CREATE', ')']]);
  });

  it('keeps a SQLite trigger body (BEGIN ... END, CASE ... END inside) in one statement', () => {
    const sql = `CREATE TRIGGER tr AFTER UPDATE ON a BEGIN
  UPDATE a SET n = CASE WHEN 1 THEN 2 ELSE 3 END WHERE id = old.id;
  SELECT 1;
END;
CREATE TABLE z (id int);`;
    expect(heads(sql, 'sqlite')).toEqual(['CREATE TRIGGER tr', 'CREATE TABLE z']);
  });

  it('reports an unterminated string or dollar quote with its line and keeps what came before', () => {
    const r = lexSql("CREATE TABLE a (id int);\nCREATE TABLE b (s text DEFAULT 'oops\n);");
    expect(r.statements.map((s) => s.line)).toEqual([1]);
    expect(r.problems).toEqual([{ line: 2, message: 'Unterminated string; the rest of the input is ignored' }]);
    expect(lexSql('SELECT 1;\nDO $$ BEGIN').problems[0]?.line).toBe(2);
  });
});
