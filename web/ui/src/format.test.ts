import { describe, expect, it } from 'vitest';
import { shownType } from './format';

describe('shownType', () => {
  it('shows the effective type, not the declared one', () => {
    expect(shownType({ mimeType: 'application/octet-stream', effectiveType: 'image/png' })).toBe('image/png');
  });
  it('drops parameters', () => {
    expect(shownType({ mimeType: 'text/plain', effectiveType: 'text/plain; charset=utf-8' })).toBe('text/plain');
  });
  it('falls back to the declared type from an older server', () => {
    expect(shownType({ mimeType: 'application/dicom' })).toBe('application/dicom');
    expect(shownType({})).toBe('');
  });
});
