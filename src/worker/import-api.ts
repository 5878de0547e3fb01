import type { ImportFormat, ImportResult, SourceFile } from '../core/index';

/** What the import worker offers: `importFiles` of the core, off the page's thread. */
export interface ImportApi {
  importFiles(files: SourceFile[], format: ImportFormat): Promise<ImportResult>;
}
