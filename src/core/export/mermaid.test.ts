import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../templates/index';
import { toMermaid } from './mermaid';

describe('toMermaid', () => {
  it('draws each relationship from its own side with its own cardinality', () => {
    const out = toMermaid(TEMPLATES[0]!.model);
    expect(out.startsWith('erDiagram\n')).toBe(true);
    expect(out).toContain('  Ticket }o--|| User : "reporter"');
    expect(out).toContain('  User |o--o{ Ticket : "reported_tickets"');
    expect(out).toContain('  Comment }o--|| Ticket : "ticket"');
    expect(out).toContain('  Representative }o..o{ Ticket : "tickets_above_threshold (manual)"');
    expect(out).toContain('  Ticket }o..o{ Ticket : "higher_priority_tickets"');
    expect(out).toContain('    integer reporter_id FK');
  });

  it('shows join resources and many_to_many lines, not the implicit join has_many', () => {
    const out = toMermaid(TEMPLATES[1]!.model);
    expect(out).toContain('  TweetHashtag {');
    expect(out).toContain('    integer tweet_id PK, FK');
    expect(out).toContain('  Tweet }o--o{ Hashtag : "hashtags (through TweetHashtag)"');
    expect(out).toContain('  User }o--o{ User : "followers (through Follow)"');
    expect(out).not.toContain('join_assoc');
  });
});
