import type { Data, Model } from '../model/types';
import { blogData, blogModel } from './blog';
import { helpdeskData, helpdeskModel } from './helpdesk';
import { twitterData, twitterModel } from './twitter';

export type TemplateName = 'helpdesk' | 'twitter' | 'blog';

export interface Template {
  name: TemplateName;
  title: string;
  description: string;
  model: Model;
  data: Data;
}

/** Starter models for the model list, `/?fixture=NAME`, tests and benchmarks. Treat as read-only. */
export const TEMPLATES: readonly Template[] = [
  {
    name: 'helpdesk',
    title: 'Helpdesk',
    description: 'Users, representatives, tickets and comments; a manual and a parent-filtered relationship.',
    model: helpdeskModel,
    data: helpdeskData,
  },
  {
    name: 'twitter',
    title: 'Twitter',
    description: 'Tweets, users, hashtags through TweetHashtag, followers through Follow.',
    model: twitterModel,
    data: twitterData,
  },
  {
    name: 'blog',
    title: 'Blog',
    description: 'Posts, authors, comments, categories through PostCategory.',
    model: blogModel,
    data: blogData,
  },
];

export function isTemplateName(name: string): name is TemplateName {
  return TEMPLATES.some((t) => t.name === name);
}

/** A fresh deep copy of a template, safe to edit. */
export function getTemplate(name: TemplateName): Template {
  const t = TEMPLATES.find((x) => x.name === name);
  if (!t) throw new Error(`unknown template ${name}`);
  // JSON round trip: templates are plain JSON, and core has no structuredClone (no DOM lib).
  return JSON.parse(JSON.stringify(t)) as Template;
}

export { blogData, blogModel, helpdeskData, helpdeskModel, twitterData, twitterModel };
export { TICKETS_ABOVE_THRESHOLD_SOURCE } from './helpdesk';
