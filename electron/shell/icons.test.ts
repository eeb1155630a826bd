// The icons the app ships, as the packager and the tray find them: every size electron-builder
// takes for the app icon, and for every sync state on every platform the tray files the shell
// loads, of the right size and kind (black-and-alpha template images for macOS, colour elsewhere).
// The PNGs are committed renders of SVG sources; build/icons.json records the sources they were
// drawn from, so an SVG changed without a re-render fails here instead of shipping an old icon.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeRgbaPng, type RgbaPixels } from './png-pixels.js';
import { pngSize } from './png-size.js';
import { trayIconFiles, trayIconNames } from './tray-icons.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => new Uint8Array(readFileSync(`${root}${path}`));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const appIconSizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const platforms: NodeJS.Platform[] = ['darwin', 'linux', 'win32'];

/** Every pixel as [red, green, blue, alpha]. */
function pixels(image: RgbaPixels): [number, number, number, number][] {
  return Array.from({ length: image.width * image.height }, (_, i) => {
    const [r, g, b, a] = image.data.subarray(i * 4, i * 4 + 4);
    return [r!, g!, b!, a!];
  });
}

describe('the app icon', () => {
  it.each(appIconSizes)('is in build/icons/ at %i px, the size its name says', (n) => {
    expect(pngSize(read(`build/icons/${n}x${n}.png`))).toEqual({ width: n, height: n });
  });

  it('is in build/icon.png at 1024 px for the macOS and Windows packages', () => {
    expect(pngSize(read('build/icon.png'))).toEqual({ width: 1024, height: 1024 });
  });

  it("keeps macOS's transparent margin round its tile, and is opaque in the middle", () => {
    const icon = decodeRgbaPng(read('build/icon.png'));
    const alphaAt = (x: number, y: number) => icon.data[(y * icon.width + x) * 4 + 3];
    expect([alphaAt(0, 0), alphaAt(1023, 0), alphaAt(512, 20), alphaAt(20, 512)]).toEqual([0, 0, 0, 0]);
    expect(alphaAt(512, 512)).toBe(255);
  });
});

describe('the tray icons', () => {
  const cases = trayIconNames.flatMap((name) => platforms.map((platform) => ({ name, platform })));

  it.each(cases)('for $name on $platform are the 16 px and 32 px files the shell loads', ({ name, platform }) => {
    const { normal, retina } = trayIconFiles(name, platform);
    expect(pngSize(read(`build/tray/${normal}`))).toEqual({ width: 16, height: 16 });
    expect(pngSize(read(`build/tray/${retina}`))).toEqual({ width: 32, height: 32 });
  });

  it('are template images on macOS and colour images on Linux and Windows', () => {
    expect(trayIconFiles('syncing', 'darwin')).toEqual({ normal: 'syncingTemplate.png', retina: 'syncingTemplate@2x.png' });
    expect(trayIconFiles('syncing', 'linux')).toEqual({ normal: 'syncing.png', retina: 'syncing@2x.png' });
    expect(trayIconFiles('syncing', 'win32')).toEqual({ normal: 'syncing.png', retina: 'syncing@2x.png' });
  });

  const templates = trayIconNames.flatMap((name) => [`${name}Template.png`, `${name}Template@2x.png`]);
  it.each(templates)('%s holds black and alpha only, which macOS tints to suit the menu bar, and shows something', (file) => {
    const all = pixels(decodeRgbaPng(read(`build/tray/${file}`)));
    const coloured = all.filter(([r, g, b, a]) => a > 0 && (r !== 0 || g !== 0 || b !== 0));
    expect(coloured, 'a template image has a pixel that is not black').toEqual([]);
    expect(all.filter(([, , , a]) => a === 255).length).toBeGreaterThan(all.length / 10);
  });

  const colours = trayIconNames.flatMap((name) => [`${name}.png`, `${name}@2x.png`]);
  it.each(colours)('%s shows something, in colour', (file) => {
    const all = pixels(decodeRgbaPng(read(`build/tray/${file}`)));
    expect(all.filter(([, , , a]) => a === 255).length).toBeGreaterThan(all.length / 10);
    expect(all.some(([r, g, b, a]) => a > 0 && (r !== g || g !== b))).toBe(true);
  });
});

describe('the icon sources', () => {
  const svgSources = ['build/icons/src', 'build/tray/src'].flatMap((dir) =>
    readdirSync(`${root}${dir}`)
      .filter((file) => file.endsWith('.svg'))
      .map((file) => `${dir}/${file}`),
  );

  it('hold an SVG for the app icon and a colour and a template SVG for every tray state', () => {
    const expected = ['build/icons/src/app.svg', ...trayIconNames.flatMap((name) => [`build/tray/src/${name}.svg`, `build/tray/src/${name}Template.svg`])];
    expect(svgSources.toSorted()).toEqual(expected.toSorted());
  });

  it('were each rendered to the PNGs in their present form', () => {
    const manifestPath = `${root}build/icons.json`;
    const rendered: Record<string, string> = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, string>) : {};
    const current = Object.fromEntries(svgSources.map((source) => [source, sha256(read(source))]));
    expect(rendered, 'the icons are older than their SVG sources: run `node scripts/render-icons.mjs`').toEqual(current);
  });
});

describe('reading the size of a PNG', () => {
  it('refuses bytes that are not a PNG, saying so', () => {
    expect(() => pngSize(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toThrow(
      'These bytes are not a PNG image: they do not start with the PNG signature.',
    );
    expect(() => pngSize(new Uint8Array())).toThrow('not a PNG image');
  });

  it('refuses a PNG cut short before its header gives the size', () => {
    expect(() => pngSize(read('build/tray/synced.png').subarray(0, 20))).toThrow('cut short');
  });
});
