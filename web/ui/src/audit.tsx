// Site administrators: the audit trail with filters (user, resource, action, dates) and CSV export. Every filter
// goes to GET /audit, so pages and the export hold all the matches, not a filtered part of the newest ones.
import { useEffect, useState } from 'preact/hooks';
import * as api from './api';
import { formatDate } from './format';
import { href } from './router';
import { t } from './strings';
import { reportError } from './toast';

export interface AuditEvent { at: string; user?: string; action: string; resourceType?: string; resourceId?: string; clientAddress?: string; outcome?: string; detail?: string }
export interface AuditFilter { user: string; resource: string; action: string; since: string; until: string }

const COLUMNS: (keyof AuditEvent)[] = ['at', 'user', 'action', 'resourceType', 'resourceId', 'clientAddress', 'outcome', 'detail'];
const PAGE = 100, EXPORT_PAGE = 1000, EXPORT_MAX = 100_000;
// Actions the server records; the list offers them, any other text is still sent as typed.
const KNOWN_ACTIONS = ['login', 'logout', 'ingest', 'download', 'download.zip', 'preview', 'delete', 'access.change', 'token.create', 'token.revoke'];

/** RFC 4180 CSV: every cell quoted, quotes doubled; a leading = + - @ is prefixed with ' so spreadsheets do not run it. */
export function toCsv(events: AuditEvent[]): string {
  const cell = (v: unknown) => {
    let s = v === undefined || v === null ? '' : String(v);
    if (/^[=+\-@]/.test(s)) s = `'${s}`;
    return `"${s.replace(/"/g, '""')}"`;
  };
  return [COLUMNS.join(','), ...events.map((e) => COLUMNS.map((c) => cell(e[c])).join(','))].join('\r\n') + '\r\n';
}

/** The query string for a filter; datetime-local values are the browser's local time, sent as UTC instants. */
export function auditQuery(f: AuditFilter, limit: number, offset: number): string {
  const instant = (v: string) => (v ? new Date(v).toISOString() : '');
  return api.q({ user: f.user.trim(), resource: f.resource.trim(), action: f.action.trim(), since: instant(f.since), until: instant(f.until), limit, offset });
}

// Resource types the portal has a page for; others (user, ...) are shown as plain ids.
const LINKED = new Set(['collection', 'folder', 'item', 'file']);

const EMPTY: AuditFilter = { user: '', resource: '', action: '', since: '', until: '' };

export function AuditPage() {
  const [f, setF] = useState<AuditFilter>(EMPTY);
  const [applied, setApplied] = useState<AuditFilter>(EMPTY);
  const [events, setEvents] = useState<AuditEvent[] | null>(null);
  const [more, setMore] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [busy, setBusy] = useState(false);
  async function load(filter: AuditFilter) {
    setBusy(true);
    try {
      const list = await api.get<AuditEvent[]>(`audit${auditQuery(filter, PAGE, 0)}`);
      setApplied(filter); setEvents(list); setMore(list.length === PAGE);
    } catch (e) { reportError(e); } finally { setBusy(false); }
  }
  async function loadMore() {
    try {
      const list = await api.get<AuditEvent[]>(`audit${auditQuery(applied, PAGE, events?.length ?? 0)}`);
      setEvents([...(events ?? []), ...list]); setMore(list.length === PAGE);
    } catch (e) { reportError(e); }
  }
  useEffect(() => { load(EMPTY); }, []);
  async function exportCsv() {
    setExporting(true);
    try {
      // Everything that matches the applied filters, page by page, not only the rows on screen.
      const all: AuditEvent[] = [];
      for (;;) {
        const list = await api.get<AuditEvent[]>(`audit${auditQuery(applied, EXPORT_PAGE, all.length)}`);
        all.push(...list);
        if (list.length < EXPORT_PAGE || all.length >= EXPORT_MAX) break;
      }
      const url = URL.createObjectURL(new Blob([toCsv(all)], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url; a.download = `sinfonia-audit-${new Date().toISOString().slice(0, 10)}.csv`; a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) { reportError(e); } finally { setExporting(false); }
  }
  const field = (key: keyof AuditFilter, label: string, type = 'text', extra: Record<string, string> = {}) => (
    <label class="inline">{label} <input type={type} value={f[key]} {...extra} onInput={(e) => setF({ ...f, [key]: e.currentTarget.value })} /></label>
  );
  return (
    <section>
      <h1>{t.audit.title}</h1>
      <form class="search-form audit-filters" aria-label={t.auditMore.filters} onSubmit={(e) => { e.preventDefault(); load(f); }}>
        <div class="row gap">
          {field('user', t.audit.user)}{field('resource', t.audit.resource, 'text', { placeholder: t.auditMore.resourceHint })}
          {field('action', t.audit.action, 'text', { list: 'audit-actions' })}
          <datalist id="audit-actions">{KNOWN_ACTIONS.map((a) => <option key={a} value={a} />)}</datalist>
        </div>
        <div class="row gap">
          {field('since', t.audit.since, 'datetime-local')}{field('until', t.audit.until, 'datetime-local')}
          <span class="grow" />
          <button type="submit" class="primary">{t.audit.filter}</button>
          <button type="button" onClick={() => { setF(EMPTY); load(EMPTY); }}>{t.auditMore.reset}</button>
          <button type="button" onClick={exportCsv} disabled={!events?.length || exporting}>{exporting ? t.auditMore.exporting : t.audit.exportCsv}</button>
        </div>
      </form>
      {events && (
        <>
          <p class="muted count" role="status">{t.auditMore.shown(events.length, more)}</p>
          {/* Fixed column widths: long cells end in an ellipsis (the whole text in their title), so the table fits its
              panel; the scroller inside the panel is only a last resort for a very narrow window. */}
          <div class="table-scroll">
          <table class="grid audit" aria-busy={busy}>
            <colgroup><col class="w-when" /><col class="w-user" /><col class="w-action" /><col class="w-resource" /><col class="w-client" /><col class="w-outcome" /><col /></colgroup>
            <thead><tr><th>{t.audit.when}</th><th>{t.audit.user}</th><th>{t.audit.action}</th><th>{t.audit.resource}</th><th>{t.audit.client}</th><th>{t.audit.outcome}</th><th>{t.audit.detail}</th></tr></thead>
            <tbody>
              {events.length === 0 && <tr><td colSpan={7} class="empty-row">{t.auditMore.none}</td></tr>}
              {events.map((e, i) => (
                <tr key={i}><td class="nowrap">{formatDate(e.at)}</td><td class="clip" title={e.user}>{e.user}</td><td class="wrap">{e.action}</td>
                  <td class="clip" title={[e.resourceType, e.resourceId].filter(Boolean).join(' ')}>{e.resourceType} {e.resourceId && LINKED.has(e.resourceType ?? '') ? <a href={href(e.resourceType!, e.resourceId)}>{e.resourceId}</a> : <span class="muted">{e.resourceId}</span>}</td>
                  <td class="clip" title={e.clientAddress}>{e.clientAddress}</td><td class="clip">{e.outcome}</td><td class="clip" title={e.detail}>{e.detail}</td></tr>
              ))}
            </tbody>
          </table>
          </div>
          {more && <button type="button" onClick={loadMore}>{t.auditMore.more}</button>}
        </>
      )}
    </section>
  );
}
