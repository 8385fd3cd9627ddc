import { describe, expect, it } from 'vitest';
import { IdleClock } from './idle';

describe('IdleClock', () => {
  it('runs out after the timeout without activity', () => {
    const c = new IdleClock(15_000, 0);
    expect(c.expired(14_999, false)).toBe(false);
    expect(c.expired(15_000, false)).toBe(true);
  });
  it('starts again from each touch', () => {
    const c = new IdleClock(15_000, 0);
    c.touch(10_000);
    expect(c.expired(24_000, false)).toBe(false);
    expect(c.expired(25_000, false)).toBe(true);
  });
  it('never runs out while an upload is running, and counts from its end', () => {
    const c = new IdleClock(15_000, 0);
    expect(c.expired(60_000, true)).toBe(false);
    expect(c.expired(74_000, false)).toBe(false);
    expect(c.expired(75_000, false)).toBe(true);
  });
});
