// The width and height of a PNG, read from its header without decoding it: the icon tests check
// that every icon the packager and the tray load has the size its name promises.

const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The size in pixels recorded in a PNG's IHDR header; throws an Error saying why for bytes that are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  if (bytes.length < signature.length || signature.some((byte, i) => bytes[i] !== byte)) {
    throw new Error('These bytes are not a PNG image: they do not start with the PNG signature.');
  }
  // The IHDR chunk comes first: its length (4 bytes), its type (4), then width and height (4 each).
  if (bytes.length < 24) {
    throw new Error('This PNG image is cut short: it ends before its IHDR header says how big it is.');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = String.fromCharCode(...bytes.subarray(12, 16));
  if (type !== 'IHDR') {
    throw new Error(`This PNG image is damaged: its first chunk is "${type}", not the IHDR header that gives its size.`);
  }
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
