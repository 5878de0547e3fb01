import type { Row } from './types';

/**
 * Rows a data layer read as one JSON text (a list of value lists, in `columns` order) and handed
 * out unchanged: that text can cross into the manual-code sandbox as it is, instead of being
 * rebuilt from the objects. Only registered when every value is exactly what the text says.
 */
export const RAW_ROWS = new WeakMap<readonly Row[], { columns: readonly string[]; json: string }>();
