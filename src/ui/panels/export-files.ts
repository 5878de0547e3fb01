/** Browser side of exports: downloads, the clipboard, and rasterising the diagram SVG to PNG. */
import type { ExportedFile } from '../../core/index';

export function downloadBlob(fileName: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadTextFile(fileName: string, text: string, type = 'text/plain') {
  downloadBlob(fileName, new Blob([text], { type: `${type};charset=utf-8` }));
}

/** Several files as one text file, each introduced by a comment line naming its path (Elixir comments). */
export function toBundle(files: readonly ExportedFile[], comment = '#'): string {
  return files.map((f) => `${comment} ==== ${f.path} ====\n${f.content.endsWith('\n') ? f.content : `${f.content}\n`}`).join('\n');
}

export async function copyText(text: string): Promise<string> {
  try {
    await navigator.clipboard.writeText(text);
    return 'Copied to the clipboard';
  } catch (e) {
    return `Copy failed: ${e instanceof Error ? e.message : String(e)} — select the text and copy it instead.`;
  }
}

/** Draws the SVG on a canvas `scale` pixels per unit. The SVG has no external resources, so the canvas is not tainted. */
export async function svgToPng(svg: string, width: number, height: number, scale: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    const loaded = new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the diagram SVG could not be drawn'));
    });
    img.src = url;
    await loaded;
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error(`a ${canvas.width}×${canvas.height} canvas is too large for this browser`);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => {
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error(`a ${canvas.width}×${canvas.height} PNG is too large for this browser`))), 'image/png');
    });
  } finally {
    URL.revokeObjectURL(url);
  }
}
