/**
 * Reading what the user chose or dropped into `SourceFile`s: several files, a folder (its relative
 * paths), a dropped folder (walked through the entries API) and `.zip` archives (unzipped here).
 */
import type { SourceFile } from '../../core/index';
import { isZip, unzipSources } from './import-files';

export interface ReadFiles {
  files: SourceFile[];
  /** Files that could not be read (a broken zip), with why. */
  failures: string[];
}

function pathOf(file: File): string {
  return file.webkitRelativePath || file.name;
}

async function add(out: ReadFiles, file: File, path: string): Promise<void> {
  try {
    if (isZip(file.name)) {
      const z = unzipSources(new Uint8Array(await file.arrayBuffer()));
      if (z.ok) out.files.push(...z.files);
      else out.failures.push(`${path}: ${z.message}`);
      return;
    }
    out.files.push({ path, text: await file.text() });
  } catch (e) {
    out.failures.push(`${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function readChosenFiles(list: Iterable<File>): Promise<ReadFiles> {
  const out: ReadFiles = { files: [], failures: [] };
  for (const file of list) await add(out, file, pathOf(file));
  return out;
}

/** A drop may carry folders: walk them (files keep their path inside the dropped folder). */
export async function readDropped(data: DataTransfer): Promise<ReadFiles> {
  const entries = [...data.items].map((i) => i.webkitGetAsEntry?.() ?? null);
  if (entries.some((e) => e === null)) return readChosenFiles([...data.files]);
  const out: ReadFiles = { files: [], failures: [] };
  const visit = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      await add(out, file, path);
      return;
    }
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries returns the folder in batches until an empty one.
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch) await visit(child, path);
    }
  };
  for (const entry of entries) if (entry) await visit(entry, '');
  return out;
}
