import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { Invalid } from '#src/lib/errors.ts';
import { inspectImage } from './image-inspection.ts';
import { variantWidthsFor } from './image-variants.ts';

async function refusal(bytes: Buffer): Promise<Invalid> {
  try {
    await inspectImage(bytes);
  } catch (error) {
    assert.ok(error instanceof Invalid, String(error));
    return error;
  }
  assert.fail('the image was accepted');
}

describe('inspectImage', () => {
  it('refuses SVG however it starts (BOM, XML declaration, comment)', async () => {
    for (const text of [
      '\uFEFF<svg xmlns="http://www.w3.org/2000/svg"/>',
      '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
      '  <!-- logo -->\n<svg xmlns="http://www.w3.org/2000/svg"></svg>',
    ]) {
      const error = await refusal(Buffer.from(text));
      assert.equal(error.field, 'file');
      assert.match(error.message, /SVG/);
    }
  });

  it('refuses formats outside the list even when libvips reads them (TIFF)', async () => {
    const tiff = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).tiff().toBuffer();
    assert.match((await refusal(tiff)).message, /JPEG, PNG, WebP, AVIF or GIF/);
  });

  it('refuses an empty file', async () => {
    assert.match((await refusal(Buffer.alloc(0))).message, /empty/);
  });

  it('counts every frame of an animation against the pixel limit', async () => {
    // 1500×1500 per frame is 2.25 MP; 18 frames is 40.5 MP, over the 40 MP limit. Each frame
    // differs (the GIF encoder merges identical frames).
    const frames = 18;
    const pixels = await Promise.all(
      Array.from({ length: frames }, (_, i) =>
        sharp({ create: { width: 1500, height: 1500, channels: 3, background: { r: i * 10, g: 0, b: 0 } } }).raw().toBuffer(),
      ),
    );
    const gif = await sharp(Buffer.concat(pixels), { raw: { width: 1500, height: 1500 * frames, channels: 3, pageHeight: 1500 } } as never)
      .gif({ effort: 1 })
      .toBuffer();
    assert.equal((await sharp(gif).metadata()).pages, frames, 'the fixture keeps its frames');
    assert.match((await refusal(gif)).message, /18 frames/);
  });

  it('reports the upright size of an EXIF-rotated JPEG and notes that it has metadata', async () => {
    const jpeg = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#abc' } })
      .jpeg()
      .withMetadata({ orientation: 8 })
      .toBuffer();
    const facts = await inspectImage(jpeg);
    assert.deepEqual([facts.mimeType, facts.width, facts.height, facts.hasMetadata], ['image/jpeg', 20, 40, true]);
    const plain = await inspectImage(await sharp({ create: { width: 40, height: 20, channels: 3, background: '#abc' } }).png().toBuffer());
    assert.equal(plain.hasMetadata, false);
  });
});

describe('variantWidthsFor', () => {
  it('never enlarges and always includes the image’s own width up to 1920', () => {
    assert.deepEqual(variantWidthsFor(200), [200]);
    assert.deepEqual(variantWidthsFor(640), [320, 640]);
    assert.deepEqual(variantWidthsFor(1000), [320, 640, 960, 1000]);
    assert.deepEqual(variantWidthsFor(4000), [320, 640, 960, 1280, 1920]);
  });
});
