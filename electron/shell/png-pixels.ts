// The pixels of a PNG as Chromium writes our rendered icons (8-bit RGBA, not interlaced), so the
// icon tests can say what an icon holds: black and alpha only in a macOS template image, something
// visible in every tray icon, a transparent margin round the app icon. Not a general decoder:
// any other kind of PNG is refused with a sentence naming what it is.
import { inflateSync } from 'node:zlib';
import { pngSize } from './png-size.js';

export interface RgbaPixels {
  width: number;
  height: number;
  /** Four bytes a pixel (red, green, blue, alpha, not premultiplied), row after row from the top. */
  data: Uint8Array;
}

/** Decodes an 8-bit RGBA, non-interlaced PNG; throws an Error saying why for anything else. */
export function decodeRgbaPng(bytes: Uint8Array): RgbaPixels {
  const { width, height } = pngSize(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const idat: Uint8Array[] = [];
  let offset = 8;
  while (offset + 8 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      const [bitDepth, colourType, , , interlace] = body.subarray(8, 13);
      if (bitDepth !== 8 || colourType !== 6 || interlace !== 0) {
        throw new Error(`This PNG image is not 8-bit RGBA without interlacing (bit depth ${bitDepth}, colour type ${colourType}, interlace ${interlace}); only that kind is decoded here.`);
      }
    } else if (type === 'IDAT') {
      idat.push(body);
    } else if (type === 'IEND') {
      break;
    }
    offset += 12 + length; // length, type, body, CRC
  }
  return { width, height, data: unfilter(inflateSync(Buffer.concat(idat)), width, height) };
}

/** Undoes the per-row filters (none, sub, up, average, Paeth) of 4-byte pixels. */
function unfilter(raw: Uint8Array, width: number, height: number): Uint8Array {
  const stride = width * 4;
  if (raw.length < height * (stride + 1)) {
    throw new Error(`This PNG image is cut short: its pixel data holds ${raw.length} bytes, not the ${height * (stride + 1)} its size needs.`);
  }
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const at = y * stride;
    for (let x = 0; x < stride; x++) {
      const left = x >= 4 ? out[at + x - 4]! : 0;
      const up = y > 0 ? out[at - stride + x]! : 0;
      const upLeft = x >= 4 && y > 0 ? out[at - stride + x - 4]! : 0;
      out[at + x] = (row[x]! + predict(filter, left, up, upLeft)) & 0xff;
    }
  }
  return out;
}

function predict(filter: number, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return (left + up) >> 1;
    case 4: {
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    }
    default:
      throw new Error(`This PNG image is damaged: a row uses filter type ${filter}, and PNG has only types 0 to 4.`);
  }
}
