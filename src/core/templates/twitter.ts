import { MODEL_FORMAT } from '../model/types';
import type { Data, Model } from '../model/types';

/**
 * A small Twitter: tweets by users, hashtags through a join resource, and `followers`/`following`
 * as a self many_to_many through `Follow`.
 */
export const twitterModel: Model = {
  format: MODEL_FORMAT,
  name: 'Twitter',
  module: 'Twitter.Social',
  resources: [
    {
      name: 'User',
      attributes: [
        { name: 'id', type: 'integer', primaryKey: true, generated: 'increment' },
        { name: 'username', type: 'ci_string', allowNil: false, constraints: { match: '^[a-z0-9_]+$' } },
        { name: 'display_name', type: 'string' },
      ],
      relationships: [
        { kind: 'has_many', name: 'tweets', destination: 'Tweet', destinationAttribute: 'author_id' },
        {
          kind: 'many_to_many',
          name: 'followers',
          destination: 'User',
          through: 'Follow',
          sourceAttributeOnJoinResource: 'followee_id',
          destinationAttributeOnJoinResource: 'follower_id',
        },
        {
          kind: 'many_to_many',
          name: 'following',
          destination: 'User',
          through: 'Follow',
          sourceAttributeOnJoinResource: 'follower_id',
          destinationAttributeOnJoinResource: 'followee_id',
        },
      ],
    },
    {
      name: 'Tweet',
      attributes: [
        { name: 'id', type: 'integer', primaryKey: true, generated: 'increment' },
        { name: 'text', type: 'string', allowNil: false, constraints: { maxLength: 280 } },
        { name: 'inserted_at', type: 'utc_datetime', generated: 'now' },
      ],
      relationships: [
        { kind: 'belongs_to', name: 'author', destination: 'User', attributeType: 'integer', allowNil: false },
        { kind: 'many_to_many', name: 'hashtags', destination: 'Hashtag', through: 'TweetHashtag' },
      ],
    },
    {
      name: 'Hashtag',
      attributes: [
        { name: 'id', type: 'integer', primaryKey: true, generated: 'increment' },
        { name: 'name', type: 'ci_string', allowNil: false },
      ],
      relationships: [
        { kind: 'many_to_many', name: 'tweets', destination: 'Tweet', through: 'TweetHashtag' },
      ],
    },
    {
      name: 'TweetHashtag',
      description: 'Join resource: one row per hashtag used in a tweet.',
      relationships: [
        { kind: 'belongs_to', name: 'tweet', destination: 'Tweet', attributeType: 'integer', primaryKey: true, allowNil: false },
        { kind: 'belongs_to', name: 'hashtag', destination: 'Hashtag', attributeType: 'integer', primaryKey: true, allowNil: false },
      ],
    },
    {
      name: 'Follow',
      description: 'Join resource: `follower` follows `followee`.',
      attributes: [{ name: 'inserted_at', type: 'utc_datetime', generated: 'now' }],
      relationships: [
        { kind: 'belongs_to', name: 'follower', destination: 'User', attributeType: 'integer', primaryKey: true, allowNil: false },
        { kind: 'belongs_to', name: 'followee', destination: 'User', attributeType: 'integer', primaryKey: true, allowNil: false },
      ],
    },
  ],
};

export const twitterData: Data = {
  User: [
    { id: 1, username: 'ada', display_name: 'Ada' },
    { id: 2, username: 'grace', display_name: 'Grace' },
    { id: 3, username: 'linus', display_name: 'Linus' },
  ],
  Tweet: [
    { id: 1, text: 'Hello #elixir', inserted_at: '2024-01-01T10:00:00Z', author_id: 1 },
    { id: 2, text: 'Ash relationships are neat #elixir #ash', inserted_at: '2024-01-02T11:00:00Z', author_id: 2 },
    { id: 3, text: 'Compilers! #ash', inserted_at: '2024-01-03T12:00:00Z', author_id: 2 },
  ],
  Hashtag: [
    { id: 1, name: 'elixir' },
    { id: 2, name: 'ash' },
  ],
  TweetHashtag: [
    { tweet_id: 1, hashtag_id: 1 },
    { tweet_id: 2, hashtag_id: 1 },
    { tweet_id: 2, hashtag_id: 2 },
    { tweet_id: 3, hashtag_id: 2 },
  ],
  Follow: [
    { follower_id: 1, followee_id: 2, inserted_at: '2024-01-01T00:00:00Z' },
    { follower_id: 3, followee_id: 2, inserted_at: '2024-01-02T00:00:00Z' },
    { follower_id: 2, followee_id: 1, inserted_at: '2024-01-03T00:00:00Z' },
  ],
};
