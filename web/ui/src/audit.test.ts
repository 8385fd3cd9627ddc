import { describe, expect, it } from 'vitest';
import { toCsv } from './audit';

describe('audit CSV', () => {
  it('quotes every cell, doubles quotes and defuses spreadsheet formulas', () => {
    const csv = toCsv([{ at: '2026-12-06T10:00:00Z', user: 'alice', action: 'download', detail: 'say "hi"', outcome: '=cmd()' }]);
    const [head, row] = csv.split('\r\n');
    expect(head).toBe('at,user,action,resourceType,resourceId,clientAddress,outcome,detail');
    expect(row).toBe('"2026-12-06T10:00:00Z","alice","download","","","","\'=cmd()","say ""hi"""');
  });
});
