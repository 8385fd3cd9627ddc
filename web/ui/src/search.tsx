// One search box plus filters: types, meta.KEY=VALUE pairs and the DICOM facts of indexed files over /search.
import { useState } from 'preact/hooks';
import * as api from './api';
import type { Resource } from './browse';
import { formatBytes, formatDate } from './format';
import { href } from './router';
import { t } from './strings';
import { reportError } from './toast';

const TYPES = ['collection', 'folder', 'item', 'file'];
export const MODALITIES = ['CT', 'MR', 'PT', 'NM', 'US', 'CR', 'DX', 'MG', 'XA', 'RTSTRUCT', 'RTDOSE', 'RTPLAN', 'SEG', 'OT'];

export function metaParams(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(/[\n,;]/)) {
    const eq = part.indexOf('=');
    if (eq > 0) out[`meta.${part.slice(0, eq).trim()}`] = part.slice(eq + 1).trim();
  }
  return out;
}

export interface DicomFilters { patientId: string; modality: string; dateFrom: string; dateTo: string; description: string }
export const NO_DICOM: DicomFilters = { patientId: '', modality: '', dateFrom: '', dateTo: '', description: '' };

/** The search API's query: empty fields left out, dates as the date inputs give them (YYYY-MM-DD). */
export function searchQuery(query: string, types: string[], meta: string, d: DicomFilters): string {
  return api.q({
    q: query.trim(), types: types.join(','), limit: 100, patientId: d.patientId.trim(), modality: d.modality.trim(),
    studyDateFrom: d.dateFrom, studyDateTo: d.dateTo, studyDescription: d.description.trim(), ...metaParams(meta),
  });
}

export function SearchPage() {
  const [query, setQuery] = useState('');
  const [types, setTypes] = useState<string[]>([]);
  const [meta, setMeta] = useState('');
  const [dicom, setDicom] = useState<DicomFilters>(NO_DICOM);
  const [results, setResults] = useState<{ items: Resource[]; total: number } | null>(null);
  const [folders, setFolders] = useState<Record<string, string>>({});
  async function run(e: Event) {
    e.preventDefault();
    try {
      const found = await api.page<Resource>(`search${searchQuery(query, types, meta, dicom)}`);
      setResults(found);
      // Files say which folder holds them; show its name (those the caller may read).
      const ids = [...new Set(found.items.map((r) => r.folderId).filter((id): id is string => !!id))].filter((id) => !(id in folders));
      const named = await Promise.all(ids.map((id) => api.get<Resource>(`folders/${id}`).then((f) => [id, f.name] as const, () => [id, ''] as const)));
      if (named.length) setFolders((old) => ({ ...old, ...Object.fromEntries(named) }));
    } catch (err) { reportError(err); }
  }
  const set = (k: keyof DicomFilters) => (e: { currentTarget: HTMLInputElement }) => setDicom({ ...dicom, [k]: e.currentTarget.value });
  const where = (r: Resource) => r.type === 'file' ? href('file', r.id) : href(r.type, r.id);
  return (
    <section class="search">
      <h1>{t.search.title}</h1>
      <form onSubmit={run} class="search-form" role="search">
        <label for="q">{t.search.query}</label>
        <div class="row gap">
          <input id="q" type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} class="grow" />
          <button type="submit" class="primary">{t.search.submit}</button>
        </div>
        <fieldset class="row gap">
          <legend>{t.search.types}</legend>
          {TYPES.map((ty) => (
            <label class="check" key={ty}><input type="checkbox" checked={types.includes(ty)}
              onChange={(e) => setTypes(e.currentTarget.checked ? [...types, ty] : types.filter((x) => x !== ty))} /> {ty}</label>
          ))}
        </fieldset>
        <label for="meta">{t.search.meta}</label>
        <input id="meta" value={meta} onInput={(e) => setMeta(e.currentTarget.value)} placeholder="project=lung-ct, approved=true" />
        <fieldset class="row gap dicom-filters">
          <legend>{t.search.dicom}</legend>
          <label class="inline">{t.search.patientId} <input name="patientId" value={dicom.patientId} onInput={set('patientId')} /></label>
          <label class="inline">{t.search.modality} <input name="modality" list="modalities" size={8} value={dicom.modality} onInput={set('modality')} /></label>
          <datalist id="modalities">{MODALITIES.map((m) => <option key={m} value={m} />)}</datalist>
          <label class="inline">{t.search.dateFrom} <input name="studyDateFrom" type="date" value={dicom.dateFrom} onInput={set('dateFrom')} /></label>
          <label class="inline">{t.search.dateTo} <input name="studyDateTo" type="date" value={dicom.dateTo} onInput={set('dateTo')} /></label>
          <label class="inline">{t.search.description} <input name="studyDescription" value={dicom.description} onInput={set('description')} /></label>
        </fieldset>
      </form>
      {results && (
        <div aria-live="polite">
          <p class="muted">{results.total === 0 ? t.search.noResults : t.search.results(results.total)}</p>
          <table class="grid search-results">
            <thead><tr><th>{t.browse.name}</th><th>{t.browse.type}</th><th>{t.search.folder}</th><th>{t.browse.size}</th><th>{t.browse.created}</th></tr></thead>
            <tbody>
              {results.items.map((r) => (
                <tr key={r.id}>
                  <td><a href={where(r)}>{r.name}</a></td><td>{r.type}</td>
                  <td>{r.folderId ? <a href={href('folder', r.folderId)}>{folders[r.folderId] || t.search.folder}</a> : ''}</td>
                  <td>{formatBytes(r.size ?? 0)}</td><td>{formatDate(r.created)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
