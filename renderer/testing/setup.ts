// For renderer tests that run under jsdom (`// @vitest-environment jsdom` at the top of the
// file): unmount what each test rendered, so the next one starts from an empty page, with the
// focus on nothing (a test that ends while a note is being asked for leaves it on the hidden text
// area that takes the keys typed meanwhile, renderer/editor/type-ahead.ts).
//
// jsdom has no layout, and no rectangles for text ranges, which CodeMirror measures after each
// update; empty ones let it measure nothing, as in a hidden editor.
import { afterEach } from 'vitest';

if (typeof document !== 'undefined') {
  const { cleanup } = await import('@testing-library/react');
  afterEach(() => {
    cleanup();
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  });
  const standIns = {
    getClientRects: () => Object.assign([], { item: () => null }),
    getBoundingClientRect: () => ({ x: 0, y: 0, width: 0, height: 0, top: 0, right: 0, bottom: 0, left: 0, toJSON: () => ({}) }),
  };
  for (const [name, value] of Object.entries(standIns)) {
    if (!(name in Range.prototype)) Object.defineProperty(Range.prototype, name, { value, configurable: true });
  }
}
