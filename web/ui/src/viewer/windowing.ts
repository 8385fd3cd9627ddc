// Window/level maths of the stack viewer. The server renders with window=centre,width (modality units, e.g. HU).

export interface Window { center: number; width: number }

export const PRESETS: Record<string, Window> = {
  soft: { center: 40, width: 400 },
  lung: { center: -600, width: 1500 },
  bone: { center: 400, width: 1800 },
  brain: { center: 40, width: 80 },
};

export const MIN_WIDTH = 1;

/**
 * Dragging changes the window like the usual viewers: right widens, down raises the level (darker image).
 * The step per pixel grows with the current width, so narrow brain windows and wide lung windows both feel right.
 */
export function dragWindow(start: Window, dx: number, dy: number): Window {
  const perPixel = Math.max(start.width / 256, 0.5);
  const width = Math.max(MIN_WIDTH, Math.round(start.width + dx * perPixel));
  const center = Math.round(start.center + dy * perPixel);
  return { center, width };
}

/** The display value 0..255 of a modality value under a window (DICOM PS3.3 C.11.2.1.2 linear function). */
export function displayValue(value: number, w: Window): number {
  const c = w.center - 0.5, width = Math.max(w.width, MIN_WIDTH) - 1;
  if (width <= 0) return value <= c ? 0 : 255;
  if (value <= c - width / 2) return 0;
  if (value > c + width / 2) return 255;
  return Math.round(((value - c) / width + 0.5) * 255);
}

/** The window parameter the preview API takes. */
export function windowParam(w: Window): string {
  return `${Math.round(w.center)},${Math.max(MIN_WIDTH, Math.round(w.width))}`;
}

/** Which preset a window is, if any. */
export function presetOf(w: Window): string | undefined {
  return Object.keys(PRESETS).find((k) => PRESETS[k].center === w.center && PRESETS[k].width === w.width);
}

/** Next slice index for a wheel or key step, kept inside the stack. */
export function stepSlice(index: number, delta: number, count: number): number {
  if (count <= 0) return 0;
  return Math.min(count - 1, Math.max(0, index + delta));
}
