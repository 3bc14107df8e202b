import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { stripGifMetadata } from './gif-metadata.ts';

const comment = (text: string) => Buffer.concat([Buffer.from([0x21, 0xfe, text.length]), Buffer.from(text, 'latin1'), Buffer.from([0])]);

async function animatedGif(): Promise<Buffer> {
  const frames = await Promise.all(['#f00', '#0f0', '#00f'].map((c) => sharp({ create: { width: 8, height: 6, channels: 3, background: c } }).raw().toBuffer()));
  return sharp(Buffer.concat(frames), { raw: { width: 8, height: 18, channels: 3, pageHeight: 6 } } as never).gif({ loop: 0 }).toBuffer();
}

describe('stripGifMetadata', () => {
  it('leaves a GIF without metadata byte for byte as it was', async () => {
    const gif = await animatedGif();
    assert.ok(stripGifMetadata(gif).equals(gif));
  });

  it('drops comments and bytes after the trailer, keeping every frame', async () => {
    const gif = await animatedGif();
    const tableEnd = 13 + 3 * 2 ** ((gif[10]! & 0x07) + 1);
    const tagged = Buffer.concat([gif.subarray(0, tableEnd), comment('secret'), gif.subarray(tableEnd), Buffer.from('hidden after the end')]);
    const clean = stripGifMetadata(tagged);
    assert.ok(clean.equals(gif));
    assert.equal((await sharp(clean).metadata()).pages, 3);
  });

  it('throws RangeError for a truncated or foreign file, so the caller re-encodes it', async () => {
    const gif = await animatedGif();
    assert.throws(() => stripGifMetadata(gif.subarray(0, gif.length - 10)), RangeError);
    assert.throws(() => stripGifMetadata(Buffer.from('not a gif at all')), RangeError);
  });
});
