// Inline editing of a resource's description and free metadata (string, number, boolean values).
import { useEffect, useState } from 'preact/hooks';
import * as api from './api';
import type { Resource } from './browse';
import { t } from './strings';
import { notify, reportError } from './toast';

export type Row = { key: string; type: 'string' | 'number' | 'boolean'; value: string };

export function typedValue(r: Row): unknown {
  if (r.type === 'number') { const n = Number(r.value); if (r.value.trim() === '' || isNaN(n)) throw new Error(t.browse.notANumber(r.key)); return n; }
  if (r.type === 'boolean') return r.value.trim().toLowerCase() === 'true';
  return r.value;
}

/**
 * A row given another type. A yes/no row always holds 'true' or 'false', never a value its select cannot show: a
 * new row switched to yes/no used to keep '' (shown as "true", saved as false), and picking "true" changed nothing.
 */
export function retyped(r: Row, type: Row['type']): Row {
  if (type !== 'boolean') return { ...r, type };
  return { ...r, type, value: r.value.trim().toLowerCase() === 'true' ? 'true' : 'false' };
}

function rowsOf(meta: Record<string, unknown> = {}): Row[] {
  return Object.entries(meta).map(([key, v]) => ({ key, type: typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string', value: String(v) }));
}

export function MetaEditor(props: { resource: Resource; onSaved: () => void }) {
  const r = props.resource;
  const [editing, setEditing] = useState(false);
  const [description, setDescription] = useState(r.description ?? '');
  const [rows, setRows] = useState<Row[]>(rowsOf(r.meta));
  useEffect(() => { setDescription(r.description ?? ''); setRows(rowsOf(r.meta)); }, [r.id, r.updated]);
  const plural = `${r.type}s`;

  async function save(e: Event) {
    e.preventDefault();
    try {
      const meta: Record<string, unknown> = {};
      for (const k of Object.keys(r.meta ?? {})) meta[k] = null;
      for (const row of rows) if (row.key.trim()) meta[row.key.trim()] = typedValue(row);
      await api.patch(`${plural}/${r.id}`, { description, meta });
      notify(t.browse.saved); setEditing(false); props.onSaved();
    } catch (err) { reportError(err); }
  }

  if (!editing) {
    return (
      <div class="meta-view">
        <p class={r.description ? '' : 'muted'}>{r.description || t.browse.noDescription}</p>
        {rows.length > 0 && <dl class="meta-list">{rows.map((m) => <><dt key={`k${m.key}`}>{m.key}</dt><dd key={`v${m.key}`}>{m.value}</dd></>)}</dl>}
        <button type="button" class="small" onClick={() => setEditing(true)}>{t.browse.editDescription}</button>
      </div>
    );
  }
  const set = (i: number, patch: Partial<Row>) => setRows(rows.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <form class="meta-edit" onSubmit={save} aria-label={t.browse.metadata}>
      <label for="desc">{t.browse.description}</label>
      <textarea id="desc" value={description} onInput={(e) => setDescription(e.currentTarget.value)} rows={2} />
      <fieldset>
        <legend>{t.browse.metadata}</legend>
        {rows.map((row, i) => (
          <div class="row gap" key={i}>
            <input aria-label={t.browse.key} value={row.key} onInput={(e) => set(i, { key: e.currentTarget.value })} />
            <select aria-label={t.browse.valueType} value={row.type} onChange={(e) => setRows(rows.map((x, j) => (j === i ? retyped(x, e.currentTarget.value as Row['type']) : x)))}>
              <option value="string">{t.browse.typeText}</option><option value="number">{t.browse.typeNumber}</option><option value="boolean">{t.browse.typeBoolean}</option>
            </select>
            {row.type === 'boolean'
              ? <select aria-label={t.browse.value} value={row.value} onChange={(e) => set(i, { value: e.currentTarget.value })}><option value="true">{t.browse.yes}</option><option value="false">{t.browse.no}</option></select>
              : <input aria-label={t.browse.value} value={row.value} onInput={(e) => set(i, { value: e.currentTarget.value })} />}
            <button type="button" class="small" onClick={() => setRows(rows.filter((_, j) => j !== i))}>{t.browse.remove}</button>
          </div>
        ))}
        <button type="button" class="small" onClick={() => setRows([...rows, { key: '', type: 'string', value: '' }])}>{t.browse.addKey}</button>
      </fieldset>
      <div class="row gap end">
        <button type="button" onClick={() => setEditing(false)}>{t.browse.cancel}</button>
        <button type="submit" class="primary">{t.browse.save}</button>
      </div>
    </form>
  );
}
