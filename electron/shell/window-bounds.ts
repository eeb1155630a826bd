// Where the window opens: where it was last time, as long as that is still on a screen (a monitor
// unplugged since must not leave the window somewhere no one can see), else centred on the
// primary screen at a comfortable size. Pure, so each case is a table row.

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SavedWindow {
  bounds: Bounds;
  maximized: boolean;
}

/** Enough of the window must be on a screen to grab its title bar. */
const minimumVisible = 80;

export function restoredBounds(saved: SavedWindow | null, workAreas: readonly Bounds[], minimum: { width: number; height: number }): { bounds: Partial<Bounds>; maximized: boolean } {
  const primary = workAreas[0];
  const fallback = primary === undefined ? { width: 1100, height: 760 } : centred(primary, minimum);
  if (saved === null || !sane(saved.bounds)) return { bounds: fallback, maximized: saved?.maximized ?? false };
  const area = workAreas.find((a) => overlap(a, saved.bounds) >= minimumVisible && saved.bounds.y >= a.y - 10 && saved.bounds.y < a.y + a.height - minimumVisible / 2);
  if (area === undefined) return { bounds: fallback, maximized: saved.maximized };
  // Larger than the screen it is on now (a smaller monitor): fit it.
  const width = Math.max(minimum.width, Math.min(saved.bounds.width, area.width));
  const height = Math.max(minimum.height, Math.min(saved.bounds.height, area.height));
  return { bounds: { x: saved.bounds.x, y: saved.bounds.y, width, height }, maximized: saved.maximized };
}

function centred(area: Bounds, minimum: { width: number; height: number }): Bounds {
  const width = Math.max(minimum.width, Math.min(1100, Math.round(area.width * 0.8)));
  const height = Math.max(minimum.height, Math.min(760, Math.round(area.height * 0.85)));
  return { x: area.x + Math.round((area.width - width) / 2), y: area.y + Math.round((area.height - height) / 2), width, height };
}

function sane(b: Bounds): boolean {
  return [b.x, b.y, b.width, b.height].every(Number.isFinite) && b.width > 0 && b.height > 0;
}

/** How many pixels of width the window shares with the area (0 when they do not meet). */
function overlap(area: Bounds, b: Bounds): number {
  const left = Math.max(area.x, b.x);
  const right = Math.min(area.x + area.width, b.x + b.width);
  const top = Math.max(area.y, b.y);
  const bottom = Math.min(area.y + area.height, b.y + b.height);
  return right > left && bottom > top ? right - left : 0;
}
