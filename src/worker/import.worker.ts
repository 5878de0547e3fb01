import * as Comlink from 'comlink';
import { importFiles } from '../core/index';
import type { ImportFormat, ImportResult, SourceFile } from '../core/index';
import type { ImportApi } from './import-api';

/**
 * The import worker: parsing a whole project (hundreds of files) runs here, not on the page's
 * thread, so the dialog stays responsive. Its own worker (not the engine's): an import does not
 * wait behind a long preview or data generation, and a parser's one-time init stays loaded here.
 */
const api: ImportApi = {
  async importFiles(files: SourceFile[], format: ImportFormat): Promise<ImportResult> {
    return importFiles(files, format);
  },
};

Comlink.expose(api);
