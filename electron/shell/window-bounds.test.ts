// The window opens where it was, unless that place is no longer on any screen.

import { describe, expect, it } from 'vitest';
import { restoredBounds, type Bounds } from './window-bounds.js';

const laptop: Bounds = { x: 0, y: 0, width: 1440, height: 870 };
const external: Bounds = { x: 1440, y: 0, width: 2560, height: 1400 };
const minimum = { width: 640, height: 420 };

describe('where the window opens', () => {
  it('first start: centred on the primary screen at a comfortable size', () => {
    expect(restoredBounds(null, [laptop], minimum)).toEqual({ bounds: { x: 170, y: 65, width: 1100, height: 740 }, maximized: false });
  });

  it('where it was last, on any screen that is still there, maximised if it was', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1200, height: 900 }, maximized: true };
    expect(restoredBounds(saved, [laptop, external], minimum)).toEqual({ bounds: saved.bounds, maximized: true });
  });

  it('on the primary screen when the screen it was on has been unplugged', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1200, height: 900 }, maximized: false };
    expect(restoredBounds(saved, [laptop], minimum).bounds).toEqual({ x: 170, y: 65, width: 1100, height: 740 });
  });

  it('fitted to a smaller screen, never below the minimum size', () => {
    const saved = { bounds: { x: 10, y: 10, width: 2400, height: 1300 }, maximized: false };
    expect(restoredBounds(saved, [laptop], minimum).bounds).toEqual({ x: 10, y: 10, width: 1440, height: 870 });
    const tiny = { bounds: { x: 10, y: 10, width: 100, height: 50 }, maximized: false };
    expect(restoredBounds(tiny, [laptop], minimum).bounds).toEqual({ x: 10, y: 10, width: 640, height: 420 });
  });

  it('not with its title bar above the screen or only a sliver showing', () => {
    expect(restoredBounds({ bounds: { x: 100, y: -500, width: 800, height: 600 }, maximized: false }, [laptop], minimum).bounds).toEqual({ x: 170, y: 65, width: 1100, height: 740 });
    expect(restoredBounds({ bounds: { x: 1400, y: 100, width: 800, height: 600 }, maximized: false }, [laptop], minimum).bounds).toEqual({ x: 170, y: 65, width: 1100, height: 740 });
  });

  it('ignores nonsense saved by a broken file', () => {
    expect(restoredBounds({ bounds: { x: Number.NaN, y: 0, width: -5, height: 10 }, maximized: false }, [laptop], minimum).bounds).toEqual({ x: 170, y: 65, width: 1100, height: 740 });
  });
});
