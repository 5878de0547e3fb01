/** Structural check of a resource's `actions` (extension of relata/model@1). */
import { ATTRIBUTE_TYPES } from '../model/types';
import { ACTION_TYPES, MANAGE_TYPES, ON_LOOKUP, ON_MATCH, ON_MISSING, ON_NO_MATCH } from './types';
import type { Add, JsonPath } from './shape-util';
import { bool, isJson, isObj, keys, kindOf, list, oneOf, show, str, strings } from './shape-util';

const ACTION_KEYS = ['id', 'type', 'name', 'primary', 'accept', 'arguments', 'changes', 'description'];
const ARGUMENT_KEYS = ['name', 'type', 'allowNil', 'default', 'description'];
const SET_KEYS = ['kind', 'attribute', 'value'];
const MANAGE_KEYS = ['kind', 'argument', 'relationship', 'type', 'onLookup', 'onNoMatch', 'onMatch', 'onMissing', 'valueIsKey'];

export function checkActionsShape(actions: unknown, path: JsonPath, add: Add): void {
  if (!Array.isArray(actions)) {
    add(path, `${show(path)} must be an array of actions (or default action names), got ${kindOf(actions)}.`);
    return;
  }
  actions.forEach((a, i) => checkAction(a, [...path, i], add));
}

function checkAction(a: unknown, path: JsonPath, add: Add): void {
  if (typeof a === 'string') {
    if (!(ACTION_TYPES as readonly string[]).includes(a)) add(path, `${show(path)}: a default action must be one of ${ACTION_TYPES.join(', ')}; got ${JSON.stringify(a)}.`);
    return;
  }
  if (!isObj(a)) {
    add(path, `Action ${show(path)} must be an object or a default action name, got ${kindOf(a)}.`);
    return;
  }
  keys(add, a, ACTION_KEYS, path, 'action');
  oneOf(add, a, 'type', ACTION_TYPES, path, true);
  str(add, a, 'id', path);
  str(add, a, 'name', path);
  str(add, a, 'description', path);
  bool(add, a, 'primary', path);
  strings(add, a, 'accept', path);
  list(add, a, 'arguments', path, (x, p) => {
    if (!isObj(x)) return add(p, `Argument ${show(p)} must be an object, got ${kindOf(x)}.`);
    keys(add, x, ARGUMENT_KEYS, p, 'argument');
    str(add, x, 'name', p, true);
    oneOf(add, x, 'type', ATTRIBUTE_TYPES, p, true);
    bool(add, x, 'allowNil', p);
    str(add, x, 'description', p);
    if ('default' in x && !isJson(x.default)) add([...p, 'default'], `${show([...p, 'default'])} must be a JSON literal.`);
  });
  list(add, a, 'changes', path, (x, p) => {
    if (!isObj(x)) return add(p, `Change ${show(p)} must be an object, got ${kindOf(x)}.`);
    oneOf(add, x, 'kind', ['set_attribute', 'manage_relationship'], p, true);
    if (x.kind === 'set_attribute') {
      keys(add, x, SET_KEYS, p, 'set_attribute change');
      str(add, x, 'attribute', p, true);
      if (!('value' in x)) add([...p, 'value'], `Missing required key \`value\` at ${show(p)}.`);
      else if (!isJson(x.value)) add([...p, 'value'], `${show([...p, 'value'])} must be a JSON literal.`);
    } else if (x.kind === 'manage_relationship') {
      keys(add, x, MANAGE_KEYS, p, 'manage_relationship change');
      str(add, x, 'argument', p, true);
      str(add, x, 'relationship', p);
      oneOf(add, x, 'type', MANAGE_TYPES, p);
      oneOf(add, x, 'onLookup', ON_LOOKUP, p);
      oneOf(add, x, 'onNoMatch', ON_NO_MATCH, p);
      oneOf(add, x, 'onMatch', ON_MATCH, p);
      oneOf(add, x, 'onMissing', ON_MISSING, p);
      str(add, x, 'valueIsKey', p);
    }
  });
}
