/**
 * `snake(name)`: Elixir's `Macro.underscore` applied to the last `.` segment of a module name, which
 * is how Ash derives default keys (`BlogPost` → `blog_post`, `APIKey` → `api_key`).
 * Ported clause by clause so acronyms and digits split exactly as Elixir splits them.
 */
const isUpper = (c: string | undefined): boolean => c !== undefined && c >= 'A' && c <= 'Z';
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const lower = (c: string): string => (isUpper(c) ? c.toLowerCase() : c);

export function snake(name: string): string {
  const segment = name.slice(name.lastIndexOf('.') + 1);
  if (segment === '') return '';
  let out = lower(segment[0] as string);
  let prev = segment[0] as string;
  let i = 1;
  while (i < segment.length) {
    const h = segment[i] as string;
    const t = segment[i + 1];
    if (isUpper(h) && t !== undefined && !isUpper(t) && !isDigit(t) && t !== '_' && t !== '.') {
      // `Ab` after anything: a new word starts at the capital (`APIKey` → `api_key`).
      out += `_${lower(h)}${t}`;
      prev = t;
      i += 2;
    } else if (isUpper(h) && !isUpper(prev) && prev !== '_') {
      // A capital after a lower-case letter or digit starts a word (`Post2Tag` → `post2_tag`).
      out += `_${lower(h)}`;
      prev = h;
      i += 1;
    } else {
      out += h === '-' ? '_' : lower(h);
      prev = h;
      i += 1;
    }
  }
  return out;
}
