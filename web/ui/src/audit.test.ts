import { describe, expect, it } from 'vitest';
import { auditQuery, toCsv } from './audit';

describe('audit CSV', () => {
  it('quotes every cell, doubles quotes and defuses spreadsheet formulas', () => {
    const csv = toCsv([{ at: '2026-12-06T10:00:00Z', user: 'alice', action: 'download', detail: 'say "hi"', outcome: '=cmd()' }]);
    const [head, row] = csv.split('\r\n');
    expect(head).toBe('at,user,action,resourceType,resourceId,clientAddress,outcome,detail');
    expect(row).toBe('"2026-12-06T10:00:00Z","alice","download","","","","\'=cmd()","say ""hi"""');
  });
});

describe('audit query', () => {
  it('sends every filter to the server, dates as UTC instants, empty fields left out', () => {
    const since = '2026-12-06T09:30';
    const params = new URLSearchParams(auditQuery({ user: ' alice ', resource: '', action: 'token.create', since, until: '' }, 100, 200).slice(1));
    expect(params.get('user')).toBe('alice');
    expect(params.get('action')).toBe('token.create');
    expect(params.has('resource')).toBe(false);
    expect(params.has('until')).toBe(false);
    expect(params.get('since')).toBe(new Date(since).toISOString());
    expect(params.get('limit')).toBe('100');
    expect(params.get('offset')).toBe('200');
  });
});
