import { MODEL_FORMAT } from '../model/types';
import type { Data, Model } from '../model/types';

/** A blog: authors write posts, posts have comments and categories (through `PostCategory`). */
export const blogModel: Model = {
  format: MODEL_FORMAT,
  name: 'Blog',
  module: 'MyBlog.Content',
  resources: [
    {
      name: 'Author',
      attributes: [
        { name: 'id', type: 'integer', primaryKey: true, generated: 'increment' },
        { name: 'name', type: 'string', allowNil: false },
        { name: 'email', type: 'ci_string' },
      ],
      relationships: [{ kind: 'has_many', name: 'posts', destination: 'Post' }],
    },
    {
      name: 'Post',
      attributes: [
        { name: 'id', type: 'integer', primaryKey: true, generated: 'increment' },
        { name: 'title', type: 'string', allowNil: false },
        { name: 'body', type: 'string' },
        { name: 'published', type: 'boolean', default: false },
        { name: 'published_at', type: 'utc_datetime' },
      ],
      relationships: [
        { kind: 'belongs_to', name: 'author', destination: 'Author', attributeType: 'integer' },
        { kind: 'has_many', name: 'comments', destination: 'Comment', defaultSort: [{ field: 'inserted_at' }] },
        { kind: 'many_to_many', name: 'categories', destination: 'Category', through: 'PostCategory' },
      ],
    },
    {
      name: 'Comment',
      attributes: [
        { name: 'id', type: 'integer', primaryKey: true, generated: 'increment' },
        { name: 'body', type: 'string', allowNil: false },
        { name: 'inserted_at', type: 'utc_datetime', generated: 'now' },
      ],
      relationships: [
        { kind: 'belongs_to', name: 'post', destination: 'Post', attributeType: 'integer', allowNil: false },
      ],
    },
    {
      name: 'Category',
      attributes: [
        { name: 'id', type: 'integer', primaryKey: true, generated: 'increment' },
        { name: 'name', type: 'string', allowNil: false },
      ],
      relationships: [{ kind: 'many_to_many', name: 'posts', destination: 'Post', through: 'PostCategory' }],
    },
    {
      name: 'PostCategory',
      description: 'Join resource between posts and categories.',
      relationships: [
        { kind: 'belongs_to', name: 'post', destination: 'Post', attributeType: 'integer', primaryKey: true, allowNil: false },
        { kind: 'belongs_to', name: 'category', destination: 'Category', attributeType: 'integer', primaryKey: true, allowNil: false },
      ],
    },
  ],
};

export const blogData: Data = {
  Author: [
    { id: 1, name: 'Jane Doe', email: 'jane@example.com' },
    { id: 2, name: 'Sam Lee', email: null },
  ],
  Post: [
    { id: 1, title: 'Modelling with Ash', body: '…', published: true, published_at: '2024-03-01T08:00:00Z', author_id: 1 },
    { id: 2, title: 'Draft: joins', body: '…', published: false, published_at: null, author_id: 1 },
    { id: 3, title: 'Hello world', body: '…', published: true, published_at: '2024-02-01T08:00:00Z', author_id: 2 },
  ],
  Comment: [
    { id: 1, body: 'Great post!', inserted_at: '2024-03-02T10:00:00Z', post_id: 1 },
    { id: 2, body: 'Thanks.', inserted_at: '2024-03-02T11:00:00Z', post_id: 1 },
  ],
  Category: [
    { id: 1, name: 'Elixir' },
    { id: 2, name: 'Databases' },
  ],
  PostCategory: [
    { post_id: 1, category_id: 1 },
    { post_id: 1, category_id: 2 },
    { post_id: 3, category_id: 1 },
  ],
};
