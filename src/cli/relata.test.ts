import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseModelText } from '../core/model/parse';
import { TEMPLATES } from '../core/templates/index';
import { runCli } from './relata';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const tmp = mkdtempSync(join(tmpdir(), 'relata-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The CLI as users run it: a separate Node process through tsx. */
function relata(...args: string[]) {
  const r = spawnSync(process.execPath, [tsxCli, join(root, 'src/cli/relata.ts'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same entry in-process, for the cases that need no real process. */
async function inProcess(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd: root, stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; } });
  return { code, stdout, stderr };
}

describe('relata CLI (spawned)', () => {
  it('--help prints the usage and exits 0', () => {
    const r = relata('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('relata import PATH...');
    expect(r.stdout).toContain('--format json|ts|sql-postgres|sql-sqlite|ash|mermaid');
  });

  it('imports an Ash app folder, prints a summary and writes the model', () => {
    const out = join(tmp, 'shop.json');
    const r = relata('import', 'test/fixtures/export/shop-ash', '--format', 'ash', '--out', out);
    expect(r.stderr).toContain('Imported 3 resource(s) and 6 relationship(s) from 4 ash file(s)');
    expect(r.code).toBe(0);
    const model = parseModelText(readFileSync(out, 'utf8'));
    expect(model.ok && model.value.resources.map((x) => x.name).sort()).toEqual(['Category', 'Order', 'Product']);
  });

});

describe('relata CLI (in process)', () => {
  it('exports a model as PostgreSQL into a folder and lists the files', async () => {
    const model = join(tmp, 'helpdesk.json');
    writeFileSync(model, JSON.stringify(TEMPLATES[0]!.model));
    const dir = join(tmp, 'out-pg');
    const r = await inProcess('export', model, '--format', 'sql-postgres', '--out', dir);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(join(dir, 'helpdesk.postgres.sql'));
    expect(readFileSync(join(dir, 'helpdesk.postgres.sql'), 'utf8')).toContain('CREATE TABLE "ticket"');
  });

  it('fails with a clear message and exit 1 when no model comes out', async () => {
    const bad = join(tmp, 'bad.sql');
    writeFileSync(bad, 'CREATE TABLE (;\n');
    const r = await inProcess('import', bad, '--format', 'sql');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/relata import: no model from 1 file\(s\)/);
    expect(r.stderr).toMatch(/bad\.sql:1/);
  });

  it('usage mistakes exit 2 with the reason', async () => {
    expect((await inProcess()).code).toBe(2);
    const r = await inProcess('import', 'x.sql');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('import needs --format ash|sql|ts|json');
    expect((await inProcess('export', 'm.json', '--format', 'pdf')).code).toBe(2);
    expect((await inProcess('frobnicate')).stderr).toContain('unknown command frobnicate');
  });

  it('a missing path or a folder without matching files exits 1', async () => {
    expect((await inProcess('import', 'nope/', '--format', 'ash')).stderr).toContain('nope/: no such file or folder');
    const r = await inProcess('import', 'test/fixtures/export/shop-ash', '--format', 'sql');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no .sql files');
  });

  it('imports SQL to stdout when there is no --out', async () => {
    const r = await inProcess('import', 'test/fixtures/export/library.sql', '--format', 'sql');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Imported 4 resource(s)');
    const model = parseModelText(r.stdout);
    expect(model.ok).toBe(true);
  });

  it('writes every export format; refuses a model with errors unless --force', async () => {
    const model = join(tmp, 'twitter.json');
    writeFileSync(model, JSON.stringify(TEMPLATES[1]!.model));
    for (const format of ['json', 'ts', 'sql-postgres', 'sql-sqlite', 'ash', 'mermaid']) {
      const dir = join(tmp, `out-${format}`);
      const r = await inProcess('export', model, '--format', format, '--out', dir);
      expect(r.code, format).toBe(0);
      const files = r.stdout.trim().split('\n');
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) expect(existsSync(resolve(root, f)), f).toBe(true);
    }
    const broken = join(tmp, 'broken.json');
    writeFileSync(broken, JSON.stringify({ ...TEMPLATES[1]!.model, resources: [{ name: 'A', relationships: [{ kind: 'belongs_to', name: 'b', destination: 'Nowhere' }] }] }));
    const refused = await inProcess('export', broken, '--format', 'mermaid', '--out', join(tmp, 'refused'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('unknown_destination');
    expect((await inProcess('export', broken, '--format', 'mermaid', '--out', join(tmp, 'forced'), '--force')).code).toBe(0);
  });
});
