import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { memoryLayer } from '../datalayers/memory/memory-layer';
import { sqliteLayer } from '../datalayers/sqlite/sqlite-layer';
import type { DataLayer, LayerFactory } from '../datalayers/data-layer';
import { getTemplate } from '../templates/index';
import { createEngine } from './engine';

const SQL = await initSqlJs();
const tpl = getTemplate('helpdesk');

describe('data layers are injected', () => {
  it('sqliteLayer(db) and memoryLayer() give the same records, and an action runs on both', async () => {
    const results = [];
    for (const layer of [sqliteLayer(new SQL.Database()), memoryLayer()]) {
      const engine = createEngine({ model: tpl.model, layer });
      if (!engine.ok) throw new Error(engine.error.message);
      expect(engine.value.dataLayer).toBe(layer.kind);
      expect(engine.value.load(tpl.data).ok).toBe(true);
      const opened = await engine.value.runAction({ resource: 'Ticket', action: 'open', input: { subject: 'x', reporter_id: 1 } });
      expect(opened.ok).toBe(true);
      const read = await engine.value.read({ resource: 'Representative', load: { tickets: {} }, aggregates: ['ticket_count'] });
      if (!read.ok) throw new Error(read.error.message);
      results.push(read.value.records);
    }
    expect(results[0]).toEqual(results[1]);
  });

  it('takes a layer from any factory (the engine names none), and refuses to start without one', async () => {
    const created: string[] = [];
    const counting: LayerFactory = {
      kind: 'counting',
      create(schema): DataLayer {
        created.push([...schema.resources.keys()].join(','));
        return memoryLayer().create(schema);
      },
    };
    const engine = createEngine({ model: tpl.model, layer: counting });
    expect(engine.ok && engine.value.dataLayer).toBe('memory');
    expect(created).toEqual(['User,Representative,Ticket,Comment']);
    const none = createEngine({ model: tpl.model });
    expect(none.ok ? null : none.error.code).toBe('invalid_query');
  });

  it('the old dataLayer option still works (adapted to the factories)', () => {
    const engine = createEngine({ model: tpl.model, dataLayer: { kind: 'memory' } });
    expect(engine.ok && engine.value.dataLayer).toBe('memory');
  });
});
