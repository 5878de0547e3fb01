import { createModelDb } from './model-db';
import { createSession } from './session';

/** The app's one session on the `relata` IndexedDB database. */
export const session = createSession(createModelDb('relata'));
