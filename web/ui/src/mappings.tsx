// My account: SFTP drop folders (GET/PUT /users/me/sftp-mappings). A mapping sends what is dropped under an inbox
// path to a folder; PUT replaces the whole set, so every change sends the full map.
import { useEffect, useState } from 'preact/hooks';
import * as api from './api';
import { ancestors, FolderPicker } from './browse';
import { Confirm } from './confirm';
import { t } from './strings';
import { reportError } from './toast';

interface Mapping { folderId: string; extractZip: boolean }
type Mappings = Record<string, Mapping>;
interface Draft { original: string | null; path: string; folderId: string; extractZip: boolean }

const blank = (): Draft => ({ original: null, path: 'inbox/', folderId: '', extractZip: false });

/** "Collection / Folder / Sub" for a folder id, or undefined when the caller cannot read it any more. */
async function folderPath(id: string): Promise<string | undefined> {
  try { return (await ancestors('folder', id)).map((r) => r.name).join(' / '); } catch { return undefined; }
}

export function SftpMappings(props: { home?: string }) {
  const [mappings, setMappings] = useState<Mappings | null>(null);
  const [paths, setPaths] = useState<Record<string, string | undefined>>({});
  const [draft, setDraft] = useState<Draft>(blank());
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [removing, setRemoving] = useState<string | null>(null);

  useEffect(() => { api.get<Mappings>('users/me/sftp-mappings').then(setMappings, reportError); }, []);
  // Target folders are shown by their path; each is looked up once.
  useEffect(() => {
    const ids = new Set([...Object.values(mappings ?? {}).map((m) => m.folderId), draft.folderId].filter((id) => id && !(id in paths)));
    ids.forEach((id) => folderPath(id).then((p) => setPaths((old) => ({ ...old, [id]: p }))));
  }, [mappings, draft.folderId]);

  async function store(next: Mappings) {
    const saved = await api.put<Mappings>('users/me/sftp-mappings', next);
    setMappings(saved);
  }
  async function save(e: Event) {
    e.preventDefault();
    setError(undefined);
    if (!draft.folderId) { setError(t.mappings.missingTarget); return; }
    const next: Mappings = { ...(mappings ?? {}) };
    if (draft.original !== null) delete next[draft.original];
    next[draft.path.trim()] = { folderId: draft.folderId, extractZip: draft.extractZip };
    try { await store(next); setDraft(blank()); } catch (err) { setError((err as Error).message); }
  }
  async function remove(path: string) {
    const next: Mappings = { ...(mappings ?? {}) };
    delete next[path];
    await store(next);
    if (draft.original === path) setDraft(blank());
  }
  const label = (id: string) => !id ? t.mappings.noTarget : id in paths ? paths[id] ?? `${t.mappings.gone} (${id})` : '…';
  const entries = Object.entries(mappings ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section class="panel" aria-labelledby="mappings-title">
      <h2 id="mappings-title">{t.mappings.title}</h2>
      <p class="muted">{t.mappings.intro}</p>
      <table class="grid" aria-labelledby="mappings-title">
        <thead><tr><th>{t.mappings.inbox}</th><th>{t.mappings.target}</th><th>{t.mappings.extract}</th><th><span class="sr-only">{t.mappings.edit}</span></th></tr></thead>
        <tbody>
          {mappings && entries.length === 0 && <tr><td colSpan={4} class="empty-row">{t.mappings.none}</td></tr>}
          {entries.map(([path, m]) => (
            <tr key={path} class={draft.original === path ? 'editing' : undefined}>
              <td><code>{path}</code></td><td>{label(m.folderId)}</td><td>{m.extractZip ? t.mappings.yes : t.mappings.no}</td>
              <td class="nowrap">
                <button type="button" class="small" aria-label={t.mappings.editLabel(path)}
                  onClick={() => { setError(undefined); setDraft({ original: path, path, folderId: m.folderId, extractZip: m.extractZip }); }}>{t.mappings.edit}</button>{' '}
                <button type="button" class="small danger" aria-label={t.mappings.removeLabel(path)} onClick={() => setRemoving(path)}>{t.mappings.remove}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="row gap mapping-form" onSubmit={save}>
        <label class="inline">{t.mappings.inbox}
          <input value={draft.path} required pattern="inbox(/.*)?" spellcheck={false} onInput={(e) => setDraft({ ...draft, path: e.currentTarget.value })} />
        </label>
        <span class="inline-field">
          <span class="field-name" id="mapping-target-label">{t.mappings.target}</span>
          <span class="chosen" aria-live="polite">{label(draft.folderId)}</span>
          <button type="button" aria-describedby="mapping-target-label" onClick={() => setPicking(true)}>{t.mappings.choose}</button>
        </span>
        <label class="inline"><input type="checkbox" checked={draft.extractZip} onChange={(e) => setDraft({ ...draft, extractZip: e.currentTarget.checked })} /> {t.mappings.extract}</label>
        <button type="submit" class="primary">{draft.original === null ? t.mappings.add : t.mappings.save}</button>
        {draft.original !== null && <button type="button" onClick={() => { setDraft(blank()); setError(undefined); }}>{t.mappings.cancelEdit}</button>}
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      {removing !== null && <Confirm title={t.mappings.confirmTitle} text={t.mappings.confirm(removing)} action={t.mappings.remove}
        onYes={() => remove(removing)} onClose={() => setRemoving(null)} />}
      {picking && <FolderPicker title={t.mappings.pickTitle} home={props.home} onClose={() => setPicking(false)}
        onPick={(folderId) => { setDraft({ ...draft, folderId }); setPicking(false); }} />}
    </section>
  );
}
