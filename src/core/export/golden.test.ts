/**
 * Golden files: every template in every export format. `UPDATE_GOLDEN=1 npx vitest run src/core/export`
 * rewrites them; review the diff like any code change.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../templates/index';
import { EXPORT_FORMATS, exportModel } from './index';

const dir = join(dirname(fileURLToPath(import.meta.url)), '__golden__');
const update = process.env.UPDATE_GOLDEN === '1';

describe('export golden files', () => {
  for (const t of TEMPLATES) {
    for (const format of EXPORT_FORMATS) {
      it(`${t.name} → ${format.id}`, () => {
        const actual = exportModel(t.model, format.id).map((f) => (format.id === 'elixir' ? `# ==== ${f.path}\n${f.content}` : f.content)).join('\n');
        // `.ts.txt`: a golden `.ts` would be compiled and linted as part of core.
        const file = join(dir, `${t.name}.${format.extension === 'ts' ? 'ts.txt' : format.extension}`);
        if (update || !existsSync(file)) {
          mkdirSync(dir, { recursive: true });
          writeFileSync(file, actual);
          if (!update) throw new Error(`Golden file ${file} was missing and has been written; run the tests again`);
        }
        expect(actual).toBe(readFileSync(file, 'utf8'));
      });
    }
  }
});
