// One search box plus filters: types and meta.KEY=VALUE pairs over /search.
import { useState } from 'preact/hooks';
import * as api from './api';
import type { Resource } from './browse';
import { formatBytes, formatDate } from './format';
import { href } from './router';
import { t } from './strings';
import { reportError } from './toast';

const TYPES = ['collection', 'folder', 'item', 'file'];

export function metaParams(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(/[\n,;]/)) {
    const eq = part.indexOf('=');
    if (eq > 0) out[`meta.${part.slice(0, eq).trim()}`] = part.slice(eq + 1).trim();
  }
  return out;
}

export function SearchPage() {
  const [query, setQuery] = useState('');
  const [types, setTypes] = useState<string[]>([]);
  const [meta, setMeta] = useState('');
  const [results, setResults] = useState<{ items: Resource[]; total: number } | null>(null);
  async function run(e: Event) {
    e.preventDefault();
    try {
      setResults(await api.page<Resource>(`search${api.q({ q: query, types: types.join(','), limit: 100, ...metaParams(meta) })}`));
    } catch (err) { reportError(err); }
  }
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
      </form>
      {results && (
        <div aria-live="polite">
          <p class="muted">{results.total === 0 ? t.search.noResults : t.search.results(results.total)}</p>
          <table class="grid">
            <thead><tr><th>{t.browse.name}</th><th>{t.browse.type}</th><th>{t.browse.size}</th><th>{t.browse.created}</th></tr></thead>
            <tbody>
              {results.items.map((r) => (
                <tr key={r.id}><td><a href={where(r)}>{r.name}</a></td><td>{r.type}</td><td>{formatBytes(r.size ?? 0)}</td><td>{formatDate(r.created)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
