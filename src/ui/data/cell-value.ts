import type { NAttribute } from '../../core/index';

/** How a grid cell shows a value, and how typed text becomes a value of the attribute's type. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Empty text is nil. Numbers and booleans that do not parse are kept as text so the check can name them. */
export function parseCell(attr: NAttribute, text: string): unknown {
  const t = text.trim();
  if (t === '') return null;
  switch (attr.type) {
    case 'integer':
    case 'float': {
      const n = Number(t);
      return Number.isFinite(n) ? n : t;
    }
    case 'boolean':
      return t === 'true' ? true : t === 'false' ? false : t;
    case 'map':
      try {
        return JSON.parse(t) as unknown;
      } catch {
        return t;
      }
    default:
      return text;
  }
}
