import { describe, expect, it } from 'vitest';
import type { Model, Resource } from '../model/types';
import { moduleForNewModel, suggest } from './rules-export';
import { validateModel } from './validate';

const id = { name: 'id', type: 'integer' as const, primaryKey: true };
const model = (resources: Resource[], extra: Partial<Model> = {}): Model => ({ format: 'relata/model@1', name: 'App', resources, ...extra });
const codes = (m: Model) => validateModel(m).map((d) => `${d.severity}:${d.code}:${d.resource ?? ''}.${d.relationship ?? ''}:${d.path.join('/')}`);

describe('export rules', () => {
  it('flags a model or resource module that is not an Elixir alias, once', () => {
    expect(codes(model([], { name: 'Untitled model' }))).toEqual(['warning:invalid_module_name:.:name']);
    expect(codes(model([{ name: 'A', attributes: [id] }], { name: 'Untitled model' }))).toEqual(['warning:invalid_module_name:.:name']);
    expect(codes(model([], { name: 'Untitled model', module: 'MyApp.Untitled' }))).toEqual([]);
    expect(codes(model([], { module: 'my_app' }))).toEqual(['warning:invalid_module_name:.:module']);
    expect(codes(model([{ name: 'A', module: 'App.a b', attributes: [id] }]))).toEqual(['warning:invalid_module_name:A.:resources/0/module']);
    expect(codes(model([{ name: 'A', module: 'Other.Place.A', attributes: [id] }]))).toEqual([]);
  });

  it('a new model gets a valid module; the display name stays free text', () => {
    expect(moduleForNewModel('Untitled model')).toBe('MyApp.UntitledModel');
    expect(suggest('  ')).toBe('Untitled');
    expect(suggest('3d shop!')).toBe('M3dShop');
    const m = model([], { name: 'Untitled model', module: moduleForNewModel('Untitled model') });
    expect(validateModel(m)).toEqual([]);
  });

  it('warns about a belongs_to to a column that is not unique, not about one to an identity', () => {
    const user: Resource = { name: 'User', attributes: [id, { name: 'email', type: 'string' }, { name: 'name', type: 'string' }], identities: [{ name: 'by_email', keys: ['email'] }] };
    const post = (destinationAttribute: string): Resource => ({
      name: 'Post', attributes: [id], relationships: [{ kind: 'belongs_to', name: 'user', destination: 'User', destinationAttribute, attributeType: 'string' }],
    });
    expect(codes(model([user, post('name')]))).toEqual(['warning:foreign_key_not_unique:Post.user:resources/1/relationships/0/destinationAttribute']);
    expect(codes(model([user, post('email')]))).toEqual([]);
  });

  it('warns when PostgreSQL column types differ though the model types agree', () => {
    const user: Resource = { name: 'User', attributes: [{ name: 'id', type: 'string', primaryKey: true, sqlType: 'uuid' }] };
    const post: Resource = { name: 'Post', attributes: [id], relationships: [{ kind: 'belongs_to', name: 'user', destination: 'User', attributeType: 'string' }] };
    expect(codes(model([user, post]))).toEqual(['warning:foreign_key_type_mismatch:Post.user:resources/1/relationships/0']);
    const same: Resource = { ...user, attributes: [{ name: 'id', type: 'string', primaryKey: true, sqlType: 'varchar(36)' }] };
    expect(codes(model([same, post]))).toEqual([]);
  });
});
