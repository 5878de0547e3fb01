import { describe, expect, it } from 'vitest';
import { applyOps, assignDocumentIds, TEMPLATES, validateModel } from '../../core/index';
import type { Model, RelataDocument } from '../../core/index';
import { carriedNotes, diagnosticLines, diffModels, parseCode, planApply, printCode, type CodeLanguage, type CodeScope } from './code-sync';

const LANGUAGES: CodeLanguage[] = ['elixir', 'typescript'];
const doc = (model: Model): RelataDocument => ({ model, layout: { positions: Object.fromEntries(model.resources.map((r, i) => [r.name, { x: i * 10, y: 0 }])) } });

function applyText(d: RelataDocument, text: string, scope: CodeScope, language: CodeLanguage): RelataDocument {
  const plan = planApply(text, d, scope, language);
  if (!plan.ok) throw new Error(JSON.stringify(plan.problems));
  const applied = applyOps(d, plan.diff.ops);
  if (!applied.ok) throw new Error(applied.error.message);
  return applied.value.document;
}

describe('code panel round trips of every template', () => {
  for (const t of TEMPLATES) {
    for (const language of LANGUAGES) {
      const scopes: CodeScope[] = [{ kind: 'model' }, ...t.model.resources.map((r) => ({ kind: 'resource', name: r.name }) as const)];
      for (const scope of scopes) {
        it(`${t.name} ${scope.kind === 'model' ? 'whole model' : scope.name} as ${language}: parse → apply → print leaves text and model unchanged`, () => {
          const d = doc(t.model);
          const text = printCode(t.model, scope, language);
          expect(text).not.toBe('');
          const plan = planApply(text, d, scope, language);
          expect(plan.ok && plan.diff.ops).toEqual([]);
          const after = applyText(d, text, scope, language);
          expect(after.model).toEqual(t.model);
          expect(printCode(after.model, scope, language)).toBe(text);
        });
      }
    }
  }
});

describe('editing a resource as text', () => {
  const twitter = TEMPLATES.find((t) => t.name === 'twitter')!.model;
  const scope: CodeScope = { kind: 'resource', name: 'TweetHashtag' };

  it('adds an attribute in Elixir as one addAttribute op, and prints back the edited text', () => {
    const d = doc(twitter);
    const text = printCode(twitter, scope, 'elixir');
    const edited = text.replace('  relationships do', '  attributes do\n    attribute :weight, :integer do\n      public? true\n    end\n  end\n\n  relationships do');
    const plan = planApply(edited, d, scope, 'elixir');
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.diff.ops).toEqual([{ kind: 'addAttribute', resource: 'TweetHashtag', attribute: { name: 'weight', type: 'integer' }, index: 0 }]);
    expect(plan.diff.changes).toEqual([{ kind: 'added', text: 'attribute TweetHashtag.weight (integer)' }]);
    const after = applyText(d, edited, scope, 'elixir');
    expect(printCode(after.model, scope, 'elixir')).toBe(edited);
    expect(after.layout).toEqual(d.layout);
  });

  it('changes, removes and reorders fields with update/remove/move ops', () => {
    const d = doc(twitter);
    const s: CodeScope = { kind: 'resource', name: 'Tweet' };
    const text = printCode(twitter, s, 'typescript');
    const edited = text.replace('maxLength: 280', 'maxLength: 140');
    const plan = planApply(edited, d, s, 'typescript');
    expect(plan.ok && plan.diff.ops.map((o) => o.kind)).toEqual(['updateAttribute']);
    expect(plan.ok && plan.diff.changes[0]?.text).toBe('attribute Tweet.text: constraints');
    const moved = { ...twitter, resources: twitter.resources.map((r) => (r.name === 'Tweet' ? { ...r, attributes: [...(r.attributes ?? [])].reverse().slice(1) } : r)) };
    const diff = diffModels(d, moved);
    const applied = applyOps(d, diff.ops);
    expect(applied.ok && applied.value.document.model).toEqual(moved);
    expect(diff.changes.map((c) => c.kind).sort()).toEqual(['moved', 'removed']);
  });

  it('renames a resource with renameResource, keeping its position', () => {
    const d = doc(twitter);
    const text = printCode(twitter, scope, 'typescript').replace("name: 'TweetHashtag'", "name: 'Tagging'");
    const after = applyText(d, text, scope, 'typescript');
    expect(after.layout.positions.Tagging).toEqual(d.layout.positions.TweetHashtag);
    expect(after.model.resources.find((r) => r.name === 'Tweet')?.relationships?.find((r) => r.name === 'hashtags')).toMatchObject({ through: 'Tagging' });
  });

  it('never applies text that does not parse: the problems come with their lines', () => {
    const text = printCode(twitter, scope, 'elixir').replace('  relationships do', '  attributes do\n    attribute :weight, :nonsense\n  end\n\n  relationships do');
    const parsed = parseCode(text, twitter, scope, 'elixir');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems[0]?.line).toBe(text.split('\n').findIndex((l) => l.includes(':nonsense')) + 1);
    const broken = parseCode('defmodule Twitter.Social.TweetHashtag do\n  attributes do\n', twitter, scope, 'elixir');
    expect(broken.ok).toBe(false);
    expect(parseCode('export const resource = defineResource({ name: ', twitter, scope, 'typescript').ok).toBe(false);
  });

  it('refuses a second resource module in a one-resource view', () => {
    const text = printCode(twitter, scope, 'elixir') + '\n' + printCode(twitter, { kind: 'resource', name: 'Follow' }, 'elixir');
    const parsed = parseCode(text, twitter, scope, 'elixir');
    expect(!parsed.ok && parsed.problems[0]?.message).toMatch(/exactly one resource module/);
  });
});

describe('editing the whole model as text', () => {
  const blog = TEMPLATES.find((t) => t.name === 'blog')!.model;

  it('adds and removes resources, keeping the positions of those that stay', () => {
    const d = doc(blog);
    const scope: CodeScope = { kind: 'model' };
    const last = blog.resources[blog.resources.length - 1]!;
    const text = printCode(blog, scope, 'elixir');
    const lastModule = printCode(blog, { kind: 'resource', name: last.name }, 'elixir');
    const added = `${text.replace(lastModule, '')}\ndefmodule ${blog.module ?? blog.name}.Badge do\n  use Ash.Resource\n\n  attributes do\n    uuid_primary_key :id\n  end\nend\n`;
    const plan = planApply(added, d, scope, 'elixir');
    if (!plan.ok) throw new Error(JSON.stringify(plan.problems));
    // Others still name the removed resource, so this is a removal and an addition, not a rename.
    expect(plan.diff.changes.filter((c) => c.kind !== 'changed').map((c) => `${c.kind} ${c.text}`)).toEqual([`removed resource ${last.name}`, 'added resource Badge (1 attribute)']);
    const after = applyText(d, added, scope, 'elixir');
    expect(after.model.resources.map((r) => r.name)).toEqual([...blog.resources.slice(0, -1).map((r) => r.name), 'Badge']);
    for (const r of blog.resources.slice(0, -1)) expect(after.layout.positions[r.name]).toEqual(d.layout.positions[r.name]);
  });

  it('removes a resource module as removeResource and adds a second new one as addResource', () => {
    const d = doc(blog);
    const scope: CodeScope = { kind: 'model' };
    const [first, second] = blog.resources;
    const text = printCode(blog, scope, 'typescript');
    const model = { ...blog, resources: [...blog.resources.filter((r) => r !== first && r !== second), { name: 'Badge' }, { name: 'Medal' }] };
    const diff = diffModels(d, model);
    expect(diff.ops.filter((o) => o.kind === 'removeResource')).toHaveLength(2);
    expect(diff.ops.filter((o) => o.kind === 'addResource')).toHaveLength(2);
    expect(text).toContain('defineModel(');
  });

  it('takes one resource swapped for another name, named by nothing else, as a rename', () => {
    const d = doc(blog);
    const lonely: Model = { ...blog, resources: [...blog.resources, { name: 'Badge', attributes: [{ name: 'id', type: 'uuid', primaryKey: true }] }] };
    const ld: RelataDocument = { model: lonely, layout: { positions: { ...d.layout.positions, Badge: { x: 1, y: 2 } } } };
    const text = printCode(lonely, { kind: 'model' }, 'elixir').replace(/Badge/g, 'Medal');
    const plan = planApply(text, ld, { kind: 'model' }, 'elixir');
    expect(plan.ok && plan.diff.changes).toEqual([{ kind: 'renamed', text: 'resource Badge → Medal' }]);
    const after = applyText(ld, text, { kind: 'model' }, 'elixir');
    expect(after.layout.positions.Medal).toEqual({ x: 1, y: 2 });
    expect(after.model.resources.at(-1)?.name).toBe('Medal');
  });
});

describe('what the Elixir text cannot carry', () => {
  const helpdesk = TEMPLATES.find((t) => t.name === 'helpdesk')!.model;
  const owner = helpdesk.resources.find((r) => (r.relationships ?? []).some((rel) => 'manual' in rel && rel.manual))!;

  it('keeps the manual JavaScript, even after a rename of the relationship, and says where it lives', () => {
    const manual = (owner.relationships ?? []).find((rel) => 'manual' in rel && rel.manual)!;
    const scope: CodeScope = { kind: 'resource', name: owner.name };
    const text = printCode(helpdesk, scope, 'elixir');
    expect(text).not.toContain('relata:javascript');
    const renamed = text.replace(`${manual.kind} :${manual.name},`, `${manual.kind} :${manual.name}_x,`);
    const parsed = parseCode(renamed, helpdesk, scope, 'elixir');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const after = parsed.model.resources.find((r) => r.name === owner.name)!.relationships!.find((r) => r.name === `${manual.name}_x`)!;
    expect('manual' in after && after.manual?.source).toBe('manual' in manual && manual.manual?.source);
    expect(parsed.warnings).toEqual([]);
    expect(carriedNotes(helpdesk, scope, 'elixir').join(' ')).toMatch(new RegExp(`${owner.name}\\.${manual.name}.*inspector`));
    expect(carriedNotes(helpdesk, scope, 'typescript')).toEqual([]);
  });

  it('keeps actions and aggregates the Elixir text does not show', () => {
    const model: Model = { ...helpdesk, resources: helpdesk.resources.map((r, i) => (i === 0 ? { ...r, actions: [] } : r)) };
    const scope: CodeScope = { kind: 'resource', name: model.resources[0]!.name };
    const plan = planApply(printCode(model, scope, 'elixir'), doc(model), scope, 'elixir');
    expect(plan.ok && plan.diff.ops).toEqual([]);
  });
});

describe('diagnostics at their line', () => {
  it('places a model diagnostic on the line of its relationship, in both languages', () => {
    const twitter = TEMPLATES.find((t) => t.name === 'twitter')!.model;
    const broken: Model = { ...twitter, resources: twitter.resources.map((r) => (r.name === 'Tweet' ? { ...r, relationships: [...(r.relationships ?? []), { kind: 'has_many', name: 'ghosts', destination: 'Ghost' }] } : r)) };
    const diagnostics = validateModel(broken).filter((d) => d.relationship === 'ghosts');
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const language of LANGUAGES) {
      for (const scope of [{ kind: 'model' } as const, { kind: 'resource', name: 'Tweet' } as const]) {
        const text = printCode(broken, scope, language);
        const notes = diagnosticLines(text, broken, language, diagnostics, scope);
        expect(notes.length).toBeGreaterThan(0);
        for (const n of notes) expect(text.split('\n')[n.line - 1]).toMatch(/ghosts/);
      }
    }
  });
});

describe('a new model in the code panel', () => {
  for (const language of LANGUAGES) {
    it(`${language}: reads back its own text, with and without a resource`, async () => {
      const { emptyDocument } = await import('../state/document-store');
      const fresh = emptyDocument('Untitled model');
      expect(fresh.model.module).toBe('MyApp.UntitledModel');
      expect(validateModel(fresh.model)).toEqual([]);
      const withOne: Model = { ...fresh.model, resources: [{ name: 'Thing', attributes: [{ name: 'id', type: 'uuid', primaryKey: true }] }] };
      for (const m of [fresh.model, withOne]) {
        const text = printCode(m, { kind: 'model' }, language);
        const parsed = parseCode(text, m, { kind: 'model' }, language);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
        expect(printCode(parsed.model, { kind: 'model' }, language)).toBe(text);
        expect(parsed.model.resources.map((r) => r.name)).toEqual(m.resources.map((r) => r.name));
      }
    });
  }
});

describe('code panel and document ids', () => {
  for (const t of TEMPLATES) {
    for (const language of LANGUAGES) {
      it(`${t.name} as ${language}: the text has no ids, and applying it unchanged is no op`, () => {
        const d = assignDocumentIds(doc(t.model));
        const scopes: CodeScope[] = [{ kind: 'model' }, ...t.model.resources.map((r) => ({ kind: 'resource', name: r.name }) as const)];
        for (const scope of scopes) {
          const text = printCode(d.model, scope, language);
          expect(text).toBe(printCode(t.model, scope, language));
          const plan = planApply(text, d, scope, language);
          expect(plan.ok && plan.diff.ops).toEqual([]);
          if (scope.kind === 'resource') expect(carriedNotes(d.model, scope, language)).toEqual(carriedNotes(t.model, scope, language));
        }
      });
    }
  }

  it('an edit in the text keeps the ids of what it changes, and a replaced resource keeps its ids and place', () => {
    const helpdesk = TEMPLATES.find((t) => t.name === 'helpdesk')!.model;
    const d = assignDocumentIds(doc(helpdesk));
    const ticket = d.model.resources.find((r) => r.name === 'Ticket')!;
    const scope: CodeScope = { kind: 'resource', name: 'Ticket' };
    // A field's change is an update: the attribute keeps its id.
    const subject = ticket.attributes!.find((a) => a.name === 'subject')!;
    const text = printCode(d.model, scope, 'typescript').replace(/(name: 'subject',\n\s*type: )'string'/, "$1'ci_string'");
    const after = applyText(d, text, scope, 'typescript');
    const changed = after.model.resources.find((r) => r.name === 'Ticket')!;
    expect(changed.attributes!.find((a) => a.name === 'subject')).toMatchObject({ id: subject.id, type: 'ci_string' });
    expect(changed.id).toBe(ticket.id);
    // A change of actions replaces the resource where it stands, with its ids and its place.
    expect(ticket.actions?.length).toBeGreaterThan(0);
    const edited = printCode(d.model, scope, 'typescript').replace("name: 'open',", "name: 'open_ticket',");
    expect(edited).not.toBe(printCode(d.model, scope, 'typescript'));
    const plan = planApply(edited, d, scope, 'typescript');
    expect(plan.ok && plan.diff.ops.map((o) => o.kind)).toContain('addResource');
    const replaced = applyText(d, edited, scope, 'typescript').model.resources.find((r) => r.name === 'Ticket')!;
    expect(replaced.id).toBe(ticket.id);
    expect(replaced.attributes!.map((a) => a.id)).toEqual(ticket.attributes!.map((a) => a.id));
    expect(replaced.relationships!.map((a) => a.id)).toEqual(ticket.relationships!.map((a) => a.id));
    expect(applyText(d, edited, scope, 'typescript').layout.positions[ticket.id!]).toEqual(d.layout.positions[ticket.id!]);
  });
});
