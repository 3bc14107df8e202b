import { Invalid } from '#src/lib/errors.ts';

/**
 * Turning what someone hands the checker (a file's bytes, a fetched body, a pasted string) into
 * text, or a clear refusal naming the problem: too large, binary data, an encoding we cannot read.
 */

/** The largest page the checker reads, in bytes (a news page with its markup is well under 1 MB). */
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;

/** Signatures of binary formats people mistake for pages (PDF, images, archives, office files). */
const MAGIC: Array<[string, number[]]> = [
  ['a PDF document', [0x25, 0x50, 0x44, 0x46]],
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a ZIP archive (or an office document)', [0x50, 0x4b, 0x03, 0x04]],
  ['a gzip archive', [0x1f, 0x8b]],
  ['a WebP or other RIFF file', [0x52, 0x49, 0x46, 0x46]],
];

function sizeInMb(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/** Throws unless `length` bytes are within MAX_PAGE_BYTES. */
export function assertPageSize(field: string, length: number): void {
  if (length > MAX_PAGE_BYTES) throw new Invalid(field, `The page is ${sizeInMb(length)}; the checker reads pages of at most ${sizeInMb(MAX_PAGE_BYTES)}.`);
}

/** Throws when the bytes are a known binary format or carry NUL bytes (no text page does). */
function assertNotBinaryBytes(field: string, bytes: Uint8Array): void {
  for (const [what, signature] of MAGIC) {
    if (signature.every((byte, i) => bytes[i] === byte)) throw new Invalid(field, `This is ${what}, not a web page or text.`);
  }
  const head = bytes.subarray(0, 8192);
  // UTF-16 text has NULs too; it announces itself with a byte order mark, handled before this.
  if (head.includes(0)) throw new Invalid(field, 'This is binary data, not a web page or text.');
}

/** Throws when a string is binary data pasted or posted as text: NULs, or control characters in more than 1 of 100 characters. */
export function assertNotBinaryText(field: string, text: string): void {
  const head = text.slice(0, 8192);
  const controls = head.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0;
  if (head.includes('\u0000') || controls > head.length / 100) throw new Invalid(field, 'This is binary data, not a web page or text.');
}

/** The charset a page declares: in its Content-Type, else in a <meta> among its first bytes. */
function declaredCharset(bytes: Uint8Array, contentType: string | undefined): string | undefined {
  const fromHeader = /charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType ?? '')?.[1];
  if (fromHeader) return fromHeader;
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  return /<meta[^>]+charset\s*=\s*["']?\s*([^"'\s/>;]+)/i.exec(head)?.[1];
}

/**
 * The text of a page's bytes: a byte order mark decides first, then the declared charset (any
 * label of the WHATWG Encoding Standard, as browsers read them), else UTF-8, which must then be valid.
 */
export function decodePageBytes(field: string, bytes: Uint8Array, contentType?: string): string {
  assertPageSize(field, bytes.length);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 'utf-8' : bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  if (!bom) assertNotBinaryBytes(field, bytes);
  const label = bom ?? declaredCharset(bytes, contentType);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label ?? 'utf-8', { fatal: !label });
  } catch {
    throw new Invalid(field, `The page says it is in the encoding "${label!.slice(0, 40)}", which is not one we can read.`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new Invalid(field, 'The page is not valid UTF-8 and does not say which encoding it is in (add a charset).');
  }
}
