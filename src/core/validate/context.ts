/**
 * What every validation rule needs: the user's model, its normalized form, lookups by name, and the
 * JSON path of each normalized element in the user's document (implicit elements point at the
 * relationship that made them, so the issues panel can select something the user wrote).
 */
import type { Model, NAttribute, NRelationship, NResource, NormalizedModel, Relationship, Resource } from '../model/types';
import type { Diagnostic } from './diagnostic';

export type JsonPath = Array<string | number>;

export interface ResourceInfo {
  index: number;
  user: Resource;
  norm: NResource;
  attributes: Map<string, NAttribute>;
  relationships: Map<string, NRelationship>;
}

export interface ValidationContext {
  model: Model;
  normalized: NormalizedModel;
  resources: Map<string, ResourceInfo>;
  out: Diagnostic[];
}

export function createContext(model: Model, normalized: NormalizedModel): ValidationContext {
  const resources = new Map<string, ResourceInfo>();
  normalized.resources.forEach((norm, index) => {
    if (resources.has(norm.name)) return; // a duplicate resource is reported; the first one wins
    resources.set(norm.name, {
      index,
      user: model.resources[index] as Resource,
      norm,
      attributes: new Map(norm.attributes.map((a) => [a.name, a])),
      relationships: new Map(norm.relationships.map((r) => [r.name, r])),
    });
  });
  return { model, normalized, resources, out: [] };
}

/** Pairs each user relationship with its normalized form (implicit ones are only ever prepended). */
export function userRelationships(user: Resource, norm: NResource): Array<{ j: number; user: Relationship; norm: NRelationship }> {
  const list = user.relationships ?? [];
  const offset = norm.relationships.length - list.length;
  return list.map((r, j) => ({ j, user: r, norm: norm.relationships[offset + j] as NRelationship }));
}

export const resourcePath = (i: number): JsonPath => ['resources', i];
export const relationshipPath = (i: number, j: number): JsonPath => ['resources', i, 'relationships', j];
export const attributePath = (i: number, j: number): JsonPath => ['resources', i, 'attributes', j];

/** Path of a key of a user relationship if the user wrote it, else of the relationship itself. */
export function keyPath(i: number, j: number, r: Relationship, key: string): JsonPath {
  return key in r ? [...relationshipPath(i, j), key] : relationshipPath(i, j);
}
