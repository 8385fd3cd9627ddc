import { describe, expect, it } from 'vitest';
import { PRESETS, displayValue, dragWindow, presetOf, stepSlice, windowParam } from './windowing';

describe('window/level', () => {
  it('maps the window edges to black and white and the centre to mid grey', () => {
    const w = PRESETS.soft; // 40 / 400 -> -160 .. 240
    expect(displayValue(-1000, w)).toBe(0);
    expect(displayValue(-160, w)).toBe(0);
    expect(displayValue(1000, w)).toBe(255);
    expect(displayValue(240, w)).toBe(255);
    expect(displayValue(40, w)).toBeGreaterThanOrEqual(127);
    expect(displayValue(40, w)).toBeLessThanOrEqual(128);
  });
  it('is monotonic inside the window', () => {
    let last = -1;
    for (let v = -700; v <= 900; v += 25) {
      const d = displayValue(v, PRESETS.lung);
      expect(d).toBeGreaterThanOrEqual(last);
      last = d;
    }
  });
  it('a width of one is a threshold', () => {
    expect(displayValue(0, { center: 10, width: 1 })).toBe(0);
    expect(displayValue(20, { center: 10, width: 1 })).toBe(255);
  });
  it('dragging right widens, down raises the level, scaled by the width', () => {
    expect(dragWindow({ center: 40, width: 400 }, 256, 0)).toEqual({ center: 40, width: 800 });
    expect(dragWindow({ center: 40, width: 400 }, 0, 10)).toEqual({ center: 56, width: 400 });
    expect(dragWindow({ center: 40, width: 80 }, 10, 0).width).toBe(85);
  });
  it('never lets the width reach zero', () => {
    expect(dragWindow({ center: 0, width: 10 }, -10000, 0).width).toBe(1);
  });
  it('formats the API parameter and recognises presets', () => {
    expect(windowParam({ center: -600.4, width: 1500 })).toBe('-600,1500');
    expect(windowParam({ center: 0, width: 0 })).toBe('0,1');
    expect(presetOf({ center: 400, width: 1800 })).toBe('bone');
    expect(presetOf({ center: 1, width: 2 })).toBeUndefined();
  });
  it('keeps slice steps inside the stack', () => {
    expect(stepSlice(0, -1, 10)).toBe(0);
    expect(stepSlice(9, 1, 10)).toBe(9);
    expect(stepSlice(4, 3, 10)).toBe(7);
    expect(stepSlice(0, 1, 0)).toBe(0);
  });
});
