/**
 * Share links: the model as JSON, deflated (`CompressionStream('deflate-raw')`, in browsers and in
 * Node ≥ 18) and base64url-encoded, for the URL fragment, which never reaches a server. Opening a
 * link goes through `parseModelText`, so a tampered fragment is an error, never a half model.
 * Opening inflates with fflate's streaming inflater, capped at 5 MB of output (docs/limits.md).
 * Without CompressionStream the JSON is stored uncompressed under its own prefix.
 */
import { Inflate } from 'fflate';
import { parseModelText } from '../model/parse';
import { stripIds } from '../model/ids';
import type { Model } from '../model/types';
import { err, relataError, type RelataError, type Result } from '../result';

// Core compiles without the DOM lib: the few web APIs used here are declared structurally.
interface ByteStream {
  readable: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }> } };
  writable: { getWriter(): { write(chunk: Uint8Array): Promise<void>; close(): Promise<void> } };
}
interface WebGlobals {
  CompressionStream?: new (format: string) => ByteStream;
  TextEncoder: new () => { encode(s: string): Uint8Array };
  TextDecoder: new (label?: string, opts?: { fatal?: boolean }) => { decode(b: Uint8Array): string };
  btoa(s: string): string;
  atob(s: string): string;
}
const web = globalThis as unknown as WebGlobals;

const DEFLATED = 'm1d.';
const PLAIN = 'm1j.';

/** The fragment (without `#`) that `fromShareFragment` reads back. */
export async function toShareFragment(model: Model): Promise<string> {
  const bytes = new web.TextEncoder().encode(JSON.stringify(stripIds(model)));
  if (!web.CompressionStream) return PLAIN + toBase64Url(bytes);
  return DEFLATED + toBase64Url(await pipe(new web.CompressionStream('deflate-raw'), bytes));
}

/** The largest model a share link may decode to (docs/limits.md), checked while inflating. */
export const SHARE_LINK_MAX_BYTES = 5 * 1024 * 1024;

export async function fromShareFragment(fragment: string): Promise<Result<Model, RelataError>> {
  // Never throws: a hostile caller may pass anything.
  const given: unknown = fragment;
  if (typeof given !== 'string') return err(relataError('invalid_model', 'The share link is damaged or incomplete: it is not text', { path: [] }));
  const f = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  const fail = (why: string) => err(relataError('invalid_model', `The share link is damaged or incomplete: ${why}`, { path: [] }));
  const tooLarge = () =>
    err(relataError('too_large', `The share link holds a model larger than ${SHARE_LINK_MAX_BYTES / 1024 / 1024} MB; it was not opened (share a file instead)`, { path: [] }));
  if (!f.startsWith(DEFLATED) && !f.startsWith(PLAIN)) return fail('it does not start with a Relata model prefix');
  const payload = f.slice(DEFLATED.length);
  // Base64 is 4 characters per 3 bytes; deflate never shrinks below the stored size by this much.
  if (payload.length > (SHARE_LINK_MAX_BYTES / 3) * 4 + 4) return tooLarge();
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(payload);
  } catch {
    return fail('it is not base64url');
  }
  let json: string;
  try {
    if (f.startsWith(DEFLATED)) {
      const inflated = inflateCapped(bytes, SHARE_LINK_MAX_BYTES);
      if (inflated === 'too_large') return tooLarge();
      bytes = inflated;
    } else if (bytes.length > SHARE_LINK_MAX_BYTES) {
      return tooLarge();
    }
    json = new web.TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('it does not decompress');
  }
  return parseModelText(json);
}

/**
 * Raw inflate that stops as soon as the output passes `cap` bytes (a 133 KB link can inflate to
 * 100 MB). The input is fed in 1 KB pieces, so at most ~1 MB is produced past the check.
 */
function inflateCapped(input: Uint8Array, cap: number): Uint8Array | 'too_large' {
  const chunks: Uint8Array[] = [];
  let length = 0;
  let over = false;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    length += chunk.length;
    if (length > cap) over = true;
    else chunks.push(chunk);
    if (final) ended = true;
  });
  const PIECE = 1024;
  for (let at = 0; at < input.length && !over; at += PIECE) {
    const end = Math.min(at + PIECE, input.length);
    inflater.push(input.subarray(at, end), end === input.length);
  }
  if (over) return 'too_large';
  if (!ended) throw new Error('truncated deflate stream');
  const out = new Uint8Array(length);
  let pos = 0;
  for (const c of chunks) {
    out.set(c, pos);
    pos += c.length;
  }
  return out;
}

async function pipe(stream: ByteStream, input: Uint8Array): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  // Not awaited before reading: a large input would wait for a reader that has not started yet.
  const written = writer.write(input).then(() => writer.close());
  // A corrupt input fails both sides; the reader's error is the one reported.
  written.catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (value) { chunks.push(value); length += value.length; }
  }
  await written;
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  // Chunked: String.fromCharCode with a huge spread overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return web.btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new Error('not base64url');
  const bin = web.atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
