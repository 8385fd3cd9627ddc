// Collections > folders > items > files. Children are paged from the server as the list scrolls (rows of a
// fixed height, only the visible ones rendered), so a folder of 10,000 items stays smooth.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import * as api from './api';
import { Session } from './api';
import { Dialog } from './dialog';
import { formatBytes, formatDate } from './format';
import { Icon } from './icons';
import { MetaEditor } from './meta';
import { href } from './router';
import { ShareDialog } from './share';
import { t } from './strings';
import { notify, reportError } from './toast';
import { canDrop, Dragged, draggedOf, isRowDrag, moveRequest, ROW_MIME } from './dragmove';
import { filesFromDrop, queue, uploadInto } from './uploads';
import { ohifLink, useViewers } from './viewers';

export interface Resource {
  id: string; type: 'collection' | 'folder' | 'item' | 'file'; name: string; size: number; creator?: string;
  created?: string; updated?: string; description?: string; meta?: Record<string, unknown>; parentType?: string;
  parentId?: string; folderId?: string; itemId?: string; mimeType?: string;
  /** What the file is served as: the declared type, or the name's when the declaration says nothing. */
  effectiveType?: string; accessLevel?: number; public?: boolean;
}

const plural = (type: string) => `${type}s`;
const ROW = 40, PAGE = 200;

export async function ancestors(type: string, id: string): Promise<Resource[]> {
  const chain: Resource[] = [];
  let cur: Resource | undefined = await api.get<Resource>(`${plural(type)}/${id}`);
  while (cur) {
    chain.unshift(cur);
    if (cur.type === 'item') cur = await api.get<Resource>(`folders/${cur.folderId}`);
    else if (cur.type === 'folder' && (cur.parentType === 'folder' || cur.parentType === 'collection')) {
      try { cur = await api.get<Resource>(`${plural(cur.parentType)}/${cur.parentId}`); } catch { cur = undefined; }
    } else cur = undefined;
  }
  return chain;
}

/** The children of a place as one list: folders first, then items, each paged on demand. */
class ChildSource {
  private pages = new Map<string, Promise<Resource[]>>();
  constructor(readonly parent: { type: string; id: string } | null, readonly sort: string, readonly folderTotal: number, readonly itemTotal: number) {}

  get total() { return this.folderTotal + this.itemTotal; }

  static async open(parent: { type: string; id: string } | null, sort: string): Promise<{ source: ChildSource; first: Resource[][] }> {
    if (!parent) {
      const c = await api.page<Resource>(`collections${api.q({ limit: PAGE, offset: 0, sort })}`);
      const s = new ChildSource(null, sort, c.total, 0);
      s.pages.set('f0', Promise.resolve(c.items));
      return { source: s, first: [c.items] };
    }
    const f = await api.page<Resource>(`folders${api.q({ parentType: parent.type, parentId: parent.id, limit: PAGE, offset: 0, sort })}`);
    const i = parent.type === 'folder'
      ? await api.page<Resource>(`items${api.q({ folderId: parent.id, limit: PAGE, offset: 0, sort })}`) : { items: [], total: 0 };
    const s = new ChildSource(parent, sort, f.total, i.total);
    s.pages.set('f0', Promise.resolve(f.items));
    s.pages.set('i0', Promise.resolve(i.items));
    return { source: s, first: [f.items, i.items] };
  }

  private fetch(kind: 'f' | 'i', pageNo: number): Promise<Resource[]> {
    const key = kind + pageNo;
    let p = this.pages.get(key);
    if (!p) {
      const offset = pageNo * PAGE;
      const path = !this.parent ? `collections${api.q({ limit: PAGE, offset, sort: this.sort })}`
        : kind === 'f' ? `folders${api.q({ parentType: this.parent.type, parentId: this.parent.id, limit: PAGE, offset, sort: this.sort })}`
        : `items${api.q({ folderId: this.parent.id, limit: PAGE, offset, sort: this.sort })}`;
      p = api.page<Resource>(path).then((r) => r.items);
      this.pages.set(key, p);
    }
    return p;
  }

  /** Rows [from, to) as far as loaded; missing ones are fetched and `then` is called. */
  rows(from: number, to: number, then: () => void): (Resource | undefined)[] {
    const out: (Resource | undefined)[] = [];
    const pending = new Set<Promise<Resource[]>>();
    for (let n = from; n < Math.min(to, this.total); n++) {
      const kind = n < this.folderTotal ? 'f' : 'i';
      const idx = kind === 'f' ? n : n - this.folderTotal;
      const pageNo = Math.floor(idx / PAGE);
      const p = this.fetch(kind, pageNo);
      const loaded = this.cache.get(kind + pageNo);
      if (loaded) out.push(loaded[idx % PAGE]);
      else { out.push(undefined); pending.add(p.then((items) => { this.cache.set(kind + pageNo, items); return items; })); }
    }
    if (pending.size) Promise.all(pending).then(then, reportError);
    return out;
  }
  private cache = new Map<string, Resource[]>();
  seed(first: Resource[][]) {
    this.cache.set('f0', first[0]);
    if (first[1]) this.cache.set('i0', first[1]);
  }
}

/** The row being dragged (dragover cannot read the DataTransfer's data, only its types). */
let dragging: Dragged | undefined;

/** Drag handlers of a row or crumb that moves a dragged row into `dest` when dropped on it. */
function dropTarget(dest: Resource, onMove: (d: Dragged, dest: Resource) => void, setOver: (id: string | null) => void) {
  return {
    onDragOver: (e: DragEvent) => {
      if (!isRowDrag(e.dataTransfer) || !dragging || !canDrop(dragging, dest)) return;
      e.preventDefault(); e.stopPropagation(); e.dataTransfer!.dropEffect = 'move'; setOver(dest.id);
    },
    onDragLeave: () => setOver(null),
    onDrop: (e: DragEvent) => {
      if (!isRowDrag(e.dataTransfer)) return;
      e.preventDefault(); e.stopPropagation(); setOver(null);
      const d = draggedOf(e.dataTransfer) ?? dragging;
      dragging = undefined;
      if (d && canDrop(d, dest)) onMove(d, dest);
    },
  };
}

function dragSource(r: Resource) {
  return {
    draggable: r.type === 'folder' || r.type === 'item',
    onDragStart: (e: DragEvent) => {
      dragging = { type: r.type, id: r.id, name: r.name, parentId: r.parentId, folderId: r.folderId };
      e.dataTransfer!.setData(ROW_MIME, JSON.stringify(dragging));
      e.dataTransfer!.setData('text/plain', r.name);
      e.dataTransfer!.effectAllowed = 'copyMove';
    },
    onDragEnd: () => { dragging = undefined; },
  };
}

function VirtualRows(props: { source: ChildSource; render: (r: Resource) => preact.JSX.Element; version: number; attrs?: (r: Resource) => Record<string, unknown> }) {
  const box = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [, redraw] = useState(0);
  useEffect(() => { setHeight(box.current?.clientHeight || 600); }, []);
  const from = Math.max(0, Math.floor(top / ROW) - 10);
  const to = from + Math.ceil(height / ROW) + 20;
  const rows = props.source.rows(from, to, () => redraw((n) => n + 1));
  return (
    <div class="vlist" ref={box} onScroll={(e) => setTop(e.currentTarget.scrollTop)} role="rowgroup">
      <div style={undefined} class="vlist-inner" ref={(el) => { if (el) el.style.height = `${props.source.total * ROW}px`; }}>
        {rows.map((r, i) => (
          <div class="vrow" key={r?.id ?? `p${from + i}`} role="row" {...(r && props.attrs ? props.attrs(r) : {})}
            ref={(el) => { if (el) el.style.transform = `translateY(${(from + i) * ROW}px)`; }}>
            {r ? props.render(r) : <span class="muted">{t.viewer.loading}</span>}
          </div>
        ))}
      </div>
    </div>
  );
}

export function FolderPicker(props: { title: string; onPick: (folderId: string) => void; onClose: () => void; home?: string }) {
  const [place, setPlace] = useState<{ type: string; id: string } | null>(null);
  const [list, setList] = useState<Resource[]>([]);
  useEffect(() => {
    const path = !place ? `collections?limit=200` : `folders${api.q({ parentType: place.type, parentId: place.id, limit: 500 })}`;
    api.get<Resource[]>(path).then(setList, reportError);
  }, [place]);
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <div class="picker">
        <div class="row gap">
          <button type="button" onClick={() => setPlace(null)}>{t.browse.collections}</button>
          {props.home && <button type="button" onClick={() => setPlace({ type: 'folder', id: props.home! })}>{t.nav.home}</button>}
          {place?.type === 'folder' && <button type="button" class="primary" onClick={() => props.onPick(place.id)}>{t.browse.select}</button>}
        </div>
        <ul class="plain">
          {list.map((r) => (
            <li key={r.id}><button type="button" class="link" onClick={() => setPlace({ type: r.type, id: r.id })}><Icon name={r.type} /> {r.name}</button></li>
          ))}
        </ul>
      </div>
    </Dialog>
  );
}

function NameDialog(props: { title: string; initial?: string; onDone: (name: string) => Promise<void>; onClose: () => void }) {
  const [name, setName] = useState(props.initial ?? '');
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <form onSubmit={async (e) => { e.preventDefault(); try { await props.onDone(name.trim()); props.onClose(); } catch (err) { reportError(err); } }}>
        <label for="name-input">{t.browse.name}</label>
        <input id="name-input" value={name} required onInput={(e) => setName(e.currentTarget.value)} />
        <div class="row gap end">
          <button type="button" onClick={props.onClose}>{t.browse.cancel}</button>
          <button type="submit" class="primary">{t.browse.save}</button>
        </div>
      </form>
    </Dialog>
  );
}

function ConfirmDialog(props: { text: string; onYes: () => Promise<void>; onClose: () => void }) {
  return (
    <Dialog title={t.browse.delete} onClose={props.onClose}>
      <p>{props.text}</p>
      <div class="row gap end">
        <button type="button" onClick={props.onClose}>{t.browse.cancel}</button>
        <button type="button" class="danger" onClick={async () => { try { await props.onYes(); props.onClose(); } catch (e) { reportError(e); } }}>{t.browse.delete}</button>
      </div>
    </Dialog>
  );
}

type Modal = { kind: 'new' } | { kind: 'rename' | 'delete' | 'move' | 'copy' | 'share'; target: Resource } | null;

export function Browser(props: { route: string[]; session: Session }) {
  const [kind, id] = props.route[0] === 'collection' || props.route[0] === 'folder' || props.route[0] === 'item' ? [props.route[0], props.route[1]] : ['root', ''];
  const [crumbs, setCrumbs] = useState<Resource[]>([]);
  const [sort, setSort] = useState('name');
  const [source, setSource] = useState<ChildSource | null>(null);
  const [version, setVersion] = useState(0);
  const [modal, setModal] = useState<Modal>(null);
  const [dragOver, setDragOver] = useState(false);
  const [dropOn, setDropOn] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const dirInput = useRef<HTMLInputElement>(null);
  const home = props.session.user.homeFolderId;
  const reload = () => setVersion((v) => v + 1);
  const viewers = useViewers();
  const folderInOhif = kind === 'folder' ? ohifLink(viewers, { folder: id }) : null;

  useEffect(() => {
    if (kind === 'root') { setCrumbs([]); return; }
    ancestors(kind, id).then(setCrumbs, reportError);
  }, [kind, id, version]);

  useEffect(() => {
    if (kind === 'item') { setSource(null); return; }
    const parent = kind === 'root' ? null : { type: kind, id };
    ChildSource.open(parent, sort).then(({ source, first }) => { source.seed(first); setSource(source); }, reportError);
  }, [kind, id, sort, version]);

  // Finished uploads show up in the list: one reload at most every 800 ms however many files finish.
  useEffect(() => {
    if (kind !== 'folder') return;
    let done = queue.status().done, timer: ReturnType<typeof setTimeout> | undefined;
    const stop = queue.subscribe(() => {
      const now = queue.status().done;
      if (now > done && !timer) timer = setTimeout(() => { timer = undefined; reload(); }, 800);
      done = now;
    });
    return () => { stop(); if (timer) clearTimeout(timer); };
  }, [kind, id]);

  const here = crumbs[crumbs.length - 1];
  if (kind === 'item') return <ItemView crumbs={crumbs} onChanged={reload} />;

  async function onDrop(e: DragEvent) {
    if (isRowDrag(e.dataTransfer)) return;
    e.preventDefault(); setDragOver(false);
    if (kind !== 'folder') return;
    uploadInto(id, await filesFromDrop(e.dataTransfer!));
  }

  async function moveInto(d: Dragged, dest: Resource) {
    try {
      const { path, body } = moveRequest(d, dest);
      await api.patch(path, body);
      notify(t.browse.moved(d.name, dest.name)); reload();
    } catch (e) { reportError(e); }
  }
  const rowAttrs = (r: Resource) => ({
    ...dragSource(r),
    ...(r.type === 'folder' ? dropTarget(r, moveInto, setDropOn) : {}),
    class: dropOn === r.id ? 'vrow drop-target' : 'vrow',
    'data-name': r.name,
  });

  const row = (r: Resource) => (
    <>
      <span class="c-name" role="cell">
        <a href={href(r.type, r.id)}><Icon name={r.type} /> {r.name}</a>
      </span>
      <span class="c-size" role="cell">{formatBytes(r.size ?? 0)}</span>
      <span class="c-date" role="cell">{formatDate(r.created)}</span>
      <span class="c-owner" role="cell">{r.creator}</span>
      <span class="c-actions" role="cell">
        <button type="button" class="small" onClick={() => setModal({ kind: 'rename', target: r })} aria-label={`${t.browse.rename} ${r.name}`}>{t.browse.rename}</button>
        {r.type !== 'collection' && <button type="button" class="small" onClick={() => setModal({ kind: 'move', target: r })} aria-label={`${t.browse.move} ${r.name}`}>{t.browse.move}</button>}
        {r.type !== 'collection' && <button type="button" class="small" onClick={() => setModal({ kind: 'copy', target: r })} aria-label={`${t.browse.copy} ${r.name}`}>{t.browse.copy}</button>}
        {r.type !== 'item' && <button type="button" class="small" onClick={() => setModal({ kind: 'share', target: r })} aria-label={`${t.browse.share} ${r.name}`}>{t.browse.share}</button>}
        <button type="button" class="small danger" onClick={() => setModal({ kind: 'delete', target: r })} aria-label={`${t.browse.delete} ${r.name}`}>{t.browse.delete}</button>
      </span>
    </>
  );

  return (
    <section class={dragOver ? 'browser drag' : 'browser'} onDragOver={(e) => { if (isRowDrag(e.dataTransfer)) return; e.preventDefault(); setDragOver(kind === 'folder'); }}
      onDragLeave={() => setDragOver(false)} onDrop={onDrop} aria-label={t.nav.browse}>
      <Breadcrumbs crumbs={crumbs} onDropRow={(d, dest) => moveInto(d, dest)} />
      <div class="toolbar">
        <h1>{here?.name ?? t.browse.collections}</h1>
        <div class="row gap">
          {kind === 'root' && home && <a class="button" href={href('folder', home)}>{t.nav.home}</a>}
          {kind !== 'root' && <button type="button" onClick={() => setModal({ kind: 'new' })}>{t.browse.newFolder}</button>}
          {kind === 'root' && <button type="button" onClick={() => setModal({ kind: 'new' })}>{t.browse.newCollection}</button>}
          {kind === 'folder' && (<>
            <button type="button" onClick={() => fileInput.current?.click()}>{t.browse.upload}</button>
            <button type="button" onClick={() => dirInput.current?.click()}>{t.browse.uploadFolder}</button>
            <input ref={fileInput} type="file" multiple hidden aria-label={t.browse.upload} data-testid="file-input"
              onChange={(e) => { uploadInto(id, [...e.currentTarget.files!].map((f) => ({ file: f, relativePath: f.name }))); e.currentTarget.value = ''; }} />
            <input ref={(el) => { dirInput.current = el; el?.setAttribute('webkitdirectory', ''); }} type="file" multiple hidden aria-label={t.browse.uploadFolder} data-testid="dir-input"
              onChange={(e) => { uploadInto(id, [...e.currentTarget.files!].map((f) => ({ file: f, relativePath: f.webkitRelativePath || f.name }))); e.currentTarget.value = ''; }} />
          </>)}
          {here && here.type !== 'item' && <button type="button" onClick={() => setModal({ kind: 'share', target: here })}>{t.browse.share}</button>}
          {kind === 'folder' && folderInOhif && <a class="button" href={folderInOhif} target="_blank" rel="noopener"
            aria-label={t.browse.ohifFolder(here?.name ?? '')}>{t.studies.ohif}</a>}
          <label class="inline">{t.browse.sortBy}{' '}
            <select value={sort} onChange={(e) => setSort(e.currentTarget.value)}>
              <option value="name">{t.browse.sortName}</option>
              <option value="created">{t.browse.sortCreated}</option>
            </select>
          </label>
        </div>
      </div>
      {here && here.type !== 'item' && <MetaEditor resource={here} onSaved={reload} />}
      {kind === 'folder' && <p class="muted drop-hint">{t.browse.dropHere}</p>}
      <div class="table" role="table" aria-label={here?.name ?? t.browse.collections}>
        <div class="thead" role="row">
          <span class="c-name" role="columnheader">{t.browse.name}</span><span class="c-size" role="columnheader">{t.browse.size}</span>
          <span class="c-date" role="columnheader">{t.browse.created}</span><span class="c-owner" role="columnheader">{t.browse.owner}</span>
          <span class="c-actions" role="columnheader">{t.browse.actions}</span>
        </div>
        {source && source.total === 0 && <p class="empty">{t.browse.empty}</p>}
        {source && source.total > 0 && <VirtualRows source={source} render={row} version={version} attrs={rowAttrs} />}
      </div>
      {source && <p class="muted count">{t.browse.entries(source.total)}</p>}
      {modal?.kind === 'new' && <NameDialog title={kind === 'root' ? t.browse.newCollection : t.browse.newFolder} onClose={() => setModal(null)}
        onDone={async (name) => {
          if (kind === 'root') await api.post('collections', { name });
          else await api.post('folders', { parentType: kind, parentId: id, name });
          notify(`${t.browse.created_ok}: ${name}`); reload();
        }} />}
      {modal?.kind === 'rename' && <NameDialog title={t.browse.rename} initial={modal.target.name} onClose={() => setModal(null)}
        onDone={async (name) => { await api.patch(`${plural(modal.target.type)}/${modal.target.id}`, { name }); reload(); }} />}
      {modal?.kind === 'delete' && <ConfirmDialog text={t.browse.confirmDelete(modal.target.name)} onClose={() => setModal(null)}
        onYes={async () => { await api.del(`${plural(modal.target.type)}/${modal.target.id}`); reload(); }} />}
      {(modal?.kind === 'move' || modal?.kind === 'copy') && <FolderPicker title={modal.kind === 'move' ? t.browse.move : t.browse.copy} home={home}
        onClose={() => setModal(null)} onPick={async (folderId) => {
          try {
            if (modal.kind === 'move') { const m = moveRequest(modal.target, { type: 'folder', id: folderId }); await api.patch(m.path, m.body); }
            else await api.post(`${plural(modal.target.type)}/${modal.target.id}/copy`, { parentType: 'folder', parentId: folderId });
            setModal(null); reload();
          } catch (e) { reportError(e); }
        }} />}
      {modal?.kind === 'share' && <ShareDialog resource={modal.target} onClose={() => setModal(null)} />}
    </section>
  );
}

export function Breadcrumbs(props: { crumbs: Resource[]; onDropRow?: (d: Dragged, dest: Resource) => void }) {
  const [over, setOver] = useState<string | null>(null);
  const drop = (c: Resource) => (props.onDropRow ? dropTarget(c, props.onDropRow, setOver) : {});
  return (
    <nav class="crumbs" aria-label={t.browse.breadcrumbs}>
      <ol>
        <li><a href={href('browse')}>{t.browse.collections}</a></li>
        {props.crumbs.map((c, i) => (
          <li key={c.id} class={over === c.id ? 'drop-target' : undefined}>{i === props.crumbs.length - 1
            ? <span aria-current="page">{c.name}</span> : <a href={href(c.type, c.id)} {...drop(c)}>{c.name}</a>}</li>
        ))}
      </ol>
    </nav>
  );
}

function ItemView(props: { crumbs: Resource[]; onChanged: () => void }) {
  const item = props.crumbs[props.crumbs.length - 1];
  const [files, setFiles] = useState<Resource[]>([]);
  useEffect(() => { if (item?.type === 'item') api.get<Resource[]>(`items/${item.id}/files`).then(setFiles, reportError); }, [item?.id]);
  const one = useMemo(() => files.length === 1 ? files[0] : undefined, [files]);
  // An item of one file is that file: show its preview in place of the item (replacing history keeps Back working).
  useEffect(() => { if (one) location.replace(href('file', one.id)); }, [one?.id]);
  if (!item) return <p>{t.viewer.loading}</p>;
  return (
    <section>
      <Breadcrumbs crumbs={props.crumbs} />
      <h1>{item.name}</h1>
      <MetaEditor resource={item} onSaved={props.onChanged} />
      <h2>{t.browse.files}</h2>
      <ul class="plain">
        {files.map((f) => <li key={f.id}><a href={href('file', f.id)}>{f.name}</a> <span class="muted">{formatBytes(f.size)}</span></li>)}
      </ul>
    </section>
  );
}
