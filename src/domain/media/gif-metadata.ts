/**
 * Removes what a GIF carries besides its pictures: comment extensions (free text) and application
 * extensions (XMP with GPS, ICC profiles, editor data), and anything after the trailer. The
 * looping block (NETSCAPE2.0 / ANIMEXTS1.0) is kept, and every frame is copied byte for byte, so
 * an animation plays exactly as uploaded. Block layout: GIF89a specification, sections 17–27.
 */

const EXTENSION = 0x21;
const IMAGE = 0x2c;
const TRAILER = 0x3b;
const COMMENT = 0xfe;
const APPLICATION = 0xff;
const LOOPING_APPLICATIONS = new Set(['NETSCAPE2.0', 'ANIMEXTS1.0']);

/** The end of the data sub-blocks starting at `offset` (just past the zero-length terminator). */
function skipSubBlocks(bytes: Buffer, offset: number): number {
  let at = offset;
  while (at < bytes.length) {
    const size = bytes[at]!;
    at += 1 + size;
    if (size === 0) return at;
  }
  throw new RangeError('GIF data sub-blocks run past the end of the file');
}

/** The size of a colour table a packed field declares (0 when the flag is off). */
function colourTableBytes(packed: number): number {
  return packed & 0x80 ? 3 * 2 ** ((packed & 0x07) + 1) : 0;
}

/** The GIF without comment and non-looping application extensions; throws RangeError when it is malformed. */
export function stripGifMetadata(bytes: Buffer): Buffer {
  const header = bytes.subarray(0, 6).toString('latin1');
  if (header !== 'GIF87a' && header !== 'GIF89a') throw new RangeError('not a GIF');
  let at = 13 + colourTableBytes(bytes[10] ?? 0);
  const kept: Buffer[] = [bytes.subarray(0, at)];
  while (at < bytes.length) {
    const start = at;
    const introducer = bytes[at]!;
    if (introducer === TRAILER) {
      kept.push(bytes.subarray(at, at + 1));
      return Buffer.concat(kept);
    }
    if (introducer === IMAGE) {
      at += 10 + colourTableBytes(bytes[at + 9] ?? 0) + 1; // descriptor, local table, LZW code size
      at = skipSubBlocks(bytes, at);
      kept.push(bytes.subarray(start, at));
    } else if (introducer === EXTENSION) {
      const label = bytes[at + 1];
      at = skipSubBlocks(bytes, at + 2);
      const isComment = label === COMMENT;
      const isApplication = label === APPLICATION;
      const identifier = isApplication ? bytes.subarray(start + 3, start + 14).toString('latin1') : '';
      if (!isComment && !(isApplication && !LOOPING_APPLICATIONS.has(identifier))) kept.push(bytes.subarray(start, at));
    } else {
      throw new RangeError(`unknown GIF block 0x${introducer.toString(16)} at byte ${at}`);
    }
    if (at > bytes.length) throw new RangeError('GIF block runs past the end of the file');
  }
  throw new RangeError('GIF has no trailer');
}
