import { describe, expect, it } from 'vitest';
import { retyped, typedValue } from './meta';

describe('metadata values', () => {
  it('a yes/no false is saved as false, true as true', () => {
    expect(typedValue({ key: 'k', type: 'boolean', value: 'false' })).toBe(false);
    expect(typedValue({ key: 'k', type: 'boolean', value: 'true' })).toBe(true);
  });
  it('a row switched to yes/no holds a value its select can show', () => {
    expect(retyped({ key: 'k', type: 'string', value: '' }, 'boolean').value).toBe('false');
    expect(retyped({ key: 'k', type: 'string', value: 'TRUE' }, 'boolean').value).toBe('true');
    expect(retyped({ key: 'k', type: 'boolean', value: 'true' }, 'string')).toEqual({ key: 'k', type: 'string', value: 'true' });
  });
  it('numbers are checked', () => {
    expect(typedValue({ key: 'n', type: 'number', value: '0' })).toBe(0);
    expect(() => typedValue({ key: 'n', type: 'number', value: 'x' })).toThrow();
  });
});
