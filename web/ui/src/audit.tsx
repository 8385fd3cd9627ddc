// Site administrators: the audit trail with filters (user, resource, action, dates) and CSV export of what is shown.
import { useEffect, useState } from 'preact/hooks';
import * as api from './api';
import { formatDate } from './format';
import { t } from './strings';
import { reportError } from './toast';

export interface AuditEvent { at: string; user?: string; action: string; resourceType?: string; resourceId?: string; clientAddress?: string; outcome?: string; detail?: string }

const COLUMNS: (keyof AuditEvent)[] = ['at', 'user', 'action', 'resourceType', 'resourceId', 'clientAddress', 'outcome', 'detail'];

/** RFC 4180 CSV: every cell quoted, quotes doubled; a leading = + - @ is prefixed with ' so spreadsheets do not run it. */
export function toCsv(events: AuditEvent[]): string {
  const cell = (v: unknown) => {
    let s = v === undefined || v === null ? '' : String(v);
    if (/^[=+\-@]/.test(s)) s = `'${s}`;
    return `"${s.replace(/"/g, '""')}"`;
  };
  return [COLUMNS.join(','), ...events.map((e) => COLUMNS.map((c) => cell(e[c])).join(','))].join('\r\n') + '\r\n';
}

export function AuditPage() {
  const [f, setF] = useState({ user: '', resource: '', action: '', since: '', until: '' });
  const [events, setEvents] = useState<AuditEvent[] | null>(null);
  const load = () => api.get<AuditEvent[]>(`audit${api.q({ user: f.user, resource: f.resource, action: f.action,
    since: f.since ? new Date(f.since).toISOString() : '', until: f.until ? new Date(f.until).toISOString() : '', limit: 500 })}`)
    .then((list) => setEvents(f.action ? list.filter((e) => e.action === f.action) : list), reportError);
  useEffect(() => { load(); }, []);
  function exportCsv() {
    const url = URL.createObjectURL(new Blob([toCsv(events ?? [])], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url; a.download = 'sinfonia-audit.csv'; a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
  const field = (key: keyof typeof f, label: string, type = 'text') => (
    <label class="inline">{label} <input type={type} value={f[key]} onInput={(e) => setF({ ...f, [key]: e.currentTarget.value })} /></label>
  );
  return (
    <section>
      <h1>{t.audit.title}</h1>
      <form class="row gap search-form" onSubmit={(e) => { e.preventDefault(); load(); }}>
        {field('user', t.audit.user)}{field('resource', t.audit.resource)}{field('action', t.audit.action)}
        {field('since', t.audit.since, 'datetime-local')}{field('until', t.audit.until, 'datetime-local')}
        <button type="submit" class="primary">{t.audit.filter}</button>
        <button type="button" onClick={exportCsv} disabled={!events?.length}>{t.audit.exportCsv}</button>
      </form>
      {events && (
        <table class="grid audit">
          <thead><tr><th>{t.audit.when}</th><th>{t.audit.user}</th><th>{t.audit.action}</th><th>{t.audit.resource}</th><th>{t.audit.client}</th><th>{t.audit.outcome}</th><th>{t.audit.detail}</th></tr></thead>
          <tbody>{events.map((e, i) => (
            <tr key={i}><td>{formatDate(e.at)}</td><td>{e.user}</td><td>{e.action}</td><td>{e.resourceType} {e.resourceId}</td><td>{e.clientAddress}</td><td>{e.outcome}</td><td>{e.detail}</td></tr>
          ))}</tbody>
        </table>
      )}
    </section>
  );
}
