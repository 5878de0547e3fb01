import { it } from 'vitest';
import { toElixir } from './elixir';
import { fromElixir } from '../import/elixir';
import { getTemplate } from '../templates/index';
it('x', () => {
  const text = toElixir(getTemplate('helpdesk').model).files.map((f) => f.content).join('\n');
  const r = fromElixir(text);
  console.log(text.split('lib/helpdesk/support/ticket.ex')[0].slice(-10));
  console.log(JSON.stringify(r.ok ? [r.value.model.resources.map(x=>[x.actions,x.aggregates]), r.value.warnings] : r.error, null, 0));
});
