import { describe, expect, it } from 'vitest';
import { createInProcessImportClient, getImportClient, setImportClient } from './import-client';

describe('import client', () => {
  it('imports several files in-process where there are no workers (Node), problems naming their file', async () => {
    expect(typeof Worker).toBe('undefined');
    const client = getImportClient();
    expect(client.kind).toBe('in-process');
    const ok = await client.importFiles([
      { path: 'a.sql', text: 'CREATE TABLE a (id INTEGER PRIMARY KEY);\n' },
      { path: 'b.sql', text: 'CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a(id));\n' },
    ], 'sqlite');
    expect(ok.ok && ok.value.model.resources.map((r) => r.name).sort()).toEqual(['A', 'B']);
    setImportClient(createInProcessImportClient());
    const bad = await getImportClient().importFiles([{ path: 'x.json', text: '{ nope' }], 'json');
    expect(!bad.ok && bad.error.problems[0]?.file).toBe('x.json');
    setImportClient(null);
  });
});
