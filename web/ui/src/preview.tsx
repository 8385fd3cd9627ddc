// The preview screen of one file, by the kind /dicom-summary reports: DICOM stack viewer, RT summaries,
// tag list, pictures, video, audio, PDF, text, CSV as a table, zip tree with extraction; else the reason.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import * as api from './api';
import { Breadcrumbs, FolderPicker, Resource } from './browse';
import { formatBytes, shownType } from './format';
import { Icon } from './icons';
import { href } from './router';
import { t } from './strings';
import { notify, reportError } from './toast';
import { dragWindow, PRESETS, presetOf, stepSlice, Window, windowParam } from './viewer/windowing';
import { parseCsv } from './viewer/csv';

interface Summary {
  fileId: string; name: string; size: number; mediaType?: string; dicom: boolean; kind: string; modality?: string;
  seriesInstanceUid?: string; inline?: string;
  image?: { rows: number; columns: number; frames: number; windows: Window[] };
  rtDose?: Record<string, unknown>; rtStructureSet?: { rois?: { number: number; name: string; displayColour?: number[]; contourCount?: number }[] } & Record<string, unknown>;
  rtPlan?: Record<string, unknown>;
  preview?: { url: string; renderable: boolean; failure?: { code: string; message: string } };
}

/**
 * A picture from the API shown through a blob: URL, so it is fetched with the session's credentials whichever
 * way the session is held (cookie or Bearer); the last request wins when the source changes quickly.
 */
function AuthImage(props: { src: string; alt: string; class?: string; testId?: string; onFailure?: (reason?: string) => void; onBroken?: () => void }) {
  const [url, setUrl] = useState<string | undefined>();
  useEffect(() => {
    let live = true, made: string | undefined;
    api.request('GET', props.src, undefined, { headers: { Accept: 'image/png,image/*' } })
      .then((r) => { const failure = r.headers.get('Sinfonia-Preview-Failure'); if (failure) props.onFailure?.(failure); else props.onFailure?.(undefined); return r.blob(); })
      .then((b) => { if (live) { made = URL.createObjectURL(b); setUrl(made); } })
      .catch((e) => { if (live) props.onFailure?.((e as Error).message); });
    return () => { live = false; if (made) setTimeout(() => URL.revokeObjectURL(made!), 1000); };
  }, [props.src]);
  return <img class={props.class} src={url} alt={props.alt} draggable={false} data-testid={props.testId} data-src={props.src} data-loaded={url ? 'true' : 'false'}
    onError={() => { if (url) props.onBroken?.(); }} />;
}

/** A picture file: what the browser cannot decode (damaged, or a format it lacks) becomes the placeholder with its reason. */
function Picture(props: { src: string; alt: string }) {
  const [failure, setFailure] = useState<string | undefined>();
  useEffect(() => setFailure(undefined), [props.src]);
  if (failure) return <Placeholder reason={failure} />;
  return <AuthImage class="picture" src={props.src} alt={props.alt} testId="picture" onFailure={(reason) => { if (reason) setFailure(reason); }}
    onBroken={() => setFailure(t.viewer.brokenImage)} />;
}

const download = (id: string, inline = true) => `/api/v1/files/${id}/download${inline ? '?inline=true' : ''}`;

export function FilePreview(props: { id: string }) {
  const [file, setFile] = useState<Resource | null>(null);
  const [crumbs, setCrumbs] = useState<Resource[]>([]);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    setSummary(null); setError(undefined);
    api.get<Resource>(`files/${props.id}`).then(async (f) => {
      setFile(f);
      const item = await api.get<Resource>(`items/${f.itemId}`);
      const chain: Resource[] = [item];
      let cur: Resource | undefined = await api.get<Resource>(`folders/${item.folderId}`);
      while (cur) {
        chain.unshift(cur);
        cur = cur.parentType === 'folder' || cur.parentType === 'collection' ? await api.get<Resource>(`${cur.parentType}s/${cur.parentId}`).catch(() => undefined) : undefined;
      }
      setCrumbs(chain);
    }).catch(reportError);
    api.get<Summary>(`files/${props.id}/dicom-summary`).then(setSummary, (e) => setError((e as Error).message));
  }, [props.id]);
  return (
    <section class="preview">
      <Breadcrumbs crumbs={crumbs} />
      <div class="toolbar">
        <h1 class="file-name">{file?.name ?? ''}</h1>
        <div class="row gap">
          {file && <span class="muted">{formatBytes(file.size)} · <span data-testid="file-type">{shownType(file)}</span></span>}
          <a class="button" href={download(props.id, false)} download>{t.browse.download}</a>
        </div>
      </div>
      {error && <Placeholder reason={error} />}
      {summary ? <PreviewBody summary={summary} file={file} /> : !error && <p class="muted">{t.viewer.loading}</p>}
    </section>
  );
}

function Placeholder(props: { reason: string; code?: string }) {
  return (
    <div class="placeholder" role="note">
      <strong>{t.viewer.noPreview}</strong>
      <p>{props.code ? `${props.code}: ` : ''}{props.reason}</p>
    </div>
  );
}

function PreviewBody({ summary, file }: { summary: Summary; file: Resource | null }) {
  const id = summary.fileId;
  if (summary.dicom) {
    return (
      <div class="dicom">
        {summary.kind === 'image' && file && <StackViewer file={file} summary={summary} />}
        {summary.kind === 'rtdose' && <RtDose summary={summary} />}
        {summary.kind === 'rtstruct' && <RtStruct summary={summary} />}
        {summary.kind === 'rtplan' && <RecordTables record={summary.rtPlan} />}
        {summary.kind === 'other' && summary.preview?.failure && <Placeholder code={summary.preview.failure.code} reason={summary.preview.failure.message} />}
        <TagList id={id} />
      </div>
    );
  }
  switch (summary.kind) {
    case 'image': return <Picture src={download(id)} alt={summary.name} />;
    case 'video': return <video class="media" controls src={download(id)} aria-label={summary.name} />;
    case 'audio': return <audio controls src={download(id)} aria-label={summary.name} />;
    case 'pdf': return <iframe class="pdf" src={download(id)} title={summary.name} />;
    case 'text': return /\.csv$/i.test(summary.name) || summary.mediaType?.includes('csv') ? <CsvView id={id} /> : <TextView id={id} />;
    case 'zip': return <ZipView summary={summary} file={file} />;
    default: return <Placeholder code={summary.preview?.failure?.code} reason={summary.preview?.failure?.message ?? t.viewer.cannotShow(summary.mediaType)} />;
  }
}

/** Text is fetched and shown as text (never as HTML); long files are cut at 1 MiB. */
function useText(id: string) {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    api.request('GET', `files/${id}/download`, undefined, { headers: { Range: 'bytes=0-1048575', Accept: '*/*' } })
      .then((r) => r.text()).then(setText, reportError);
  }, [id]);
  return text;
}

function TextView({ id }: { id: string }) {
  const text = useText(id);
  return text === null ? <p class="muted">{t.viewer.loading}</p> : <pre class="text-preview" data-testid="text-preview">{text}</pre>;
}

function CsvView({ id }: { id: string }) {
  const text = useText(id);
  const rows = useMemo(() => (text === null ? [] : parseCsv(text).slice(0, 2001)), [text]);
  if (text === null) return <p class="muted">{t.viewer.loading}</p>;
  const [head, ...body] = rows;
  return (
    <div class="csv-wrap">
      <table class="grid csv" data-testid="csv-table">
        <thead><tr>{(head ?? []).map((h, i) => <th key={i} scope="col">{h}</th>)}</tr></thead>
        <tbody>{body.map((r, i) => <tr key={i}>{r.map((c, j) => <td key={j}>{c}</td>)}</tr>)}</tbody>
      </table>
    </div>
  );
}

interface Tag { tag: string; keyword?: string; name?: string; vr: string; value?: unknown; items?: Tag[][] }

function TagRows({ tags, filter, depth }: { tags: Tag[]; filter: string; depth: number }) {
  const f = filter.toLowerCase();
  const match = (x: Tag): boolean => !f || `${x.tag} ${x.keyword ?? ''} ${x.name ?? ''} ${String(x.value ?? '')}`.toLowerCase().includes(f)
    || (x.items ?? []).some((it) => it.some(match));
  return (
    <>
      {tags.filter(match).map((x, i) => x.items ? (
        <details key={i} class={`tag-seq depth-${Math.min(depth, 4)}`} open={!!f}>
          <summary><code>{x.tag}</code> {x.keyword ?? x.name} <span class="muted">SQ, {x.items.length} item(s)</span></summary>
          {x.items.map((it, j) => <div key={j} class="tag-item"><span class="muted">Item {j + 1}</span><TagRows tags={it} filter={filter} depth={depth + 1} /></div>)}
        </details>
      ) : (
        <div key={i} class={`tag-row depth-${Math.min(depth, 4)}`}><code>{x.tag}</code><span class="kw">{x.keyword ?? x.name}</span><span class="vr">{x.vr}</span><span class="val">{String(x.value ?? '')}</span></div>
      ))}
    </>
  );
}

function TagList({ id }: { id: string }) {
  const [tags, setTags] = useState<Tag[] | null>(null);
  const [filter, setFilter] = useState('');
  const [open, setOpen] = useState(false);
  useEffect(() => { if (open && !tags) api.get<Tag[]>(`files/${id}/dicom-tags`).then(setTags, reportError); }, [open, id]);
  return (
    <details class="tags" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{t.viewer.tags}</summary>
      <input type="search" aria-label={t.viewer.filterTags} placeholder={t.viewer.filterTags} value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
      {tags ? <div class="tag-list"><TagRows tags={tags} filter={filter} depth={0} /></div> : <p class="muted">{t.viewer.loading}</p>}
    </details>
  );
}

/** The other files of the same series in the same folder, in name order (numbers compared as numbers). */
async function seriesFiles(file: Resource, seriesUid?: string): Promise<Resource[]> {
  if (!seriesUid || !file.folderId) return [file];
  const items = await api.get<Resource[]>(`items${api.q({ folderId: file.folderId, limit: 1000, sort: 'name' })}`);
  const out: Resource[] = [];
  for (let i = 0; i < items.length; i += 8) {
    const batch = await Promise.all(items.slice(i, i + 8).map((it) => api.get<(Resource & { dicom?: { seriesInstanceUid?: string } })[]>(`items/${it.id}/files`)));
    for (const files of batch) for (const f of files) if ((f as { dicom?: { seriesInstanceUid?: string } }).dicom?.seriesInstanceUid === seriesUid) out.push(f);
  }
  out.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  return out.length ? out : [file];
}

function StackViewer({ file, summary }: { file: Resource; summary: Summary }) {
  const [slices, setSlices] = useState<Resource[]>([file]);
  const [index, setIndex] = useState(0);
  const [frame, setFrame] = useState(1);
  const [win, setWin] = useState<Window | undefined>(summary.image?.windows?.[0]);
  const [position, setPosition] = useState<string>('');
  const [failure, setFailure] = useState<string | undefined>();
  const frames = summary.image?.frames ?? 1;
  const drag = useRef<{ x: number; y: number; start: Window } | null>(null);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    seriesFiles(file, summary.seriesInstanceUid).then((list) => {
      setSlices(list); setIndex(Math.max(0, list.findIndex((f) => f.id === file.id)));
    }, reportError);
  }, [file.id]);
  const current = slices[index] ?? file;
  useEffect(() => {
    setPosition('');
    // Answers for slices stepped past can arrive after the current one's: only the current slice's may show.
    let live = true;
    api.get<Tag[]>(`files/${current.id}/dicom-tags`).then((tags) => {
      if (!live) return;
      const pos = tags.find((x) => x.tag.replace(/[(),]/g, '').toUpperCase() === '00200032');
      const loc = tags.find((x) => x.tag.replace(/[(),]/g, '').toUpperCase() === '00201041');
      const mm = (v: unknown) => String(v).split('\\').map((x) => Number(x).toFixed(1)).join(', ') + ' mm';
      setPosition(pos ? mm(pos.value) : loc ? mm(loc.value) : '');
    }).catch(() => { if (live) setPosition(''); });
    return () => { live = false; };
  }, [current.id]);

  const step = (delta: number) => {
    if (slices.length > 1) setIndex((i) => stepSlice(i, delta, slices.length));
    else setFrame((f) => stepSlice(f - 1, delta, frames) + 1);
  };
  const src = `/api/v1/files/${current.id}/preview?size=512${frames > 1 ? `&frame=${frame}` : ''}${win ? `&window=${windowParam(win)}` : ''}`;
  const count = slices.length > 1 ? slices.length : frames;
  const pos = slices.length > 1 ? index + 1 : frame;
  return (
    <div class="stack" aria-label={t.viewer.stack}>
      <div class="row gap viewer-tools">
        <span>{t.viewer.presets}:</span>
        {Object.keys(PRESETS).map((p) => (
          <button type="button" key={p} class={win && presetOf(win) === p ? 'small pressed' : 'small'} aria-pressed={!!win && presetOf(win) === p}
            onClick={() => setWin(PRESETS[p])}>{t.viewer.presetNames[p]}</button>
        ))}
        <button type="button" class="small" onClick={() => setWin(summary.image?.windows?.[0])}>{t.viewer.reset}</button>
        <span class="muted">{t.viewer.help}</span>
      </div>
      <div class="viewport" ref={box} tabIndex={0} role="img" aria-label={`${current.name}, ${t.viewer.slice} ${pos} / ${count}`}
        onWheel={(e) => { e.preventDefault(); step(e.deltaY > 0 ? 1 : -1); }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowRight' || e.key === 'PageDown') { e.preventDefault(); step(1); }
          if (e.key === 'ArrowUp' || e.key === 'ArrowLeft' || e.key === 'PageUp') { e.preventDefault(); step(-1); }
        }}
        onPointerDown={(e) => { drag.current = { x: e.clientX, y: e.clientY, start: win ?? { center: 40, width: 400 } }; (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId); }}
        onPointerMove={(e) => { if (drag.current) setWin(dragWindow(drag.current.start, e.clientX - drag.current.x, e.clientY - drag.current.y)); }}
        onPointerUp={() => { drag.current = null; }}>
        <AuthImage src={src} alt="" testId="stack-image" onFailure={setFailure} />
        <div class="overlay tl">{t.viewer.slice} <span data-testid="slice-number">{pos}</span> / {count}<br />{current.name}{frames > 1 ? ` · ${t.viewer.frame} ${frame}` : ''}</div>
        <div class="overlay tr">{win ? `W ${Math.round(win.width)} / L ${Math.round(win.center)}` : ''}</div>
        <div class="overlay bl">{position && `${t.viewer.position}: ${position}`}</div>
      </div>
      {failure && <Placeholder reason={failure} />}
      {count > 1 && <input type="range" min={1} max={count} value={pos} aria-label={t.viewer.slider} class="slider"
        onInput={(e) => { const v = Number(e.currentTarget.value); if (slices.length > 1) setIndex(v - 1); else setFrame(v); }} />}
    </div>
  );
}

function RtDose({ summary }: { summary: Summary }) {
  return (
    <div class="rt">
      <AuthImage class="picture" src={`/api/v1/files/${summary.fileId}/preview?size=512`} alt={t.viewer.legend} />
      <RecordTables record={summary.rtDose} />
    </div>
  );
}

function RtStruct({ summary }: { summary: Summary }) {
  const rois = summary.rtStructureSet?.rois ?? [];
  const colour = (c: unknown) => Array.isArray(c) ? `rgb(${c.join(',')})` : typeof c === 'string' ? `rgb(${c.split(/[\\,]/).join(',')})` : '#888';
  return (
    <div class="rt row gap">
      <AuthImage class="picture" src={`/api/v1/files/${summary.fileId}/preview?size=512`} alt={summary.name} />
      <div>
        <h2>{t.viewer.rois}</h2>
        <ul class="plain rois">
          {rois.map((r) => <li key={r.number}><span class="swatch" ref={(el) => { if (el) el.style.background = colour(r.displayColour); }} /> {r.name} <span class="muted">{r.contourCount ?? ''}</span></li>)}
        </ul>
      </div>
    </div>
  );
}

/** A summary record as tables: scalars in one table, each array of objects in its own. */
function RecordTables({ record }: { record?: Record<string, unknown> }) {
  if (!record) return <Placeholder reason={t.viewer.noSummary} />;
  const scalars = Object.entries(record).filter(([, v]) => v === null || typeof v !== 'object');
  const lists = Object.entries(record).filter(([, v]) => Array.isArray(v) && v.length && typeof v[0] === 'object') as [string, Record<string, unknown>[]][];
  const cell = (v: unknown) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v ?? ''));
  return (
    <div class="records">
      <table class="grid"><tbody>{scalars.map(([k, v]) => <tr key={k}><th scope="row">{k}</th><td>{cell(v)}</td></tr>)}</tbody></table>
      {lists.map(([k, rows]) => {
        const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
        return (
          <div key={k}><h3>{k}</h3>
            <table class="grid"><thead><tr>{cols.map((c) => <th key={c}>{c}</th>)}</tr></thead>
              <tbody>{rows.map((r, i) => <tr key={i}>{cols.map((c) => <td key={c}>{cell(r[c])}</td>)}</tr>)}</tbody></table>
          </div>
        );
      })}
    </div>
  );
}

interface ZipNode { name: string; kind: string; size?: number; problem?: string; children?: ZipNode[] }
interface Job { id: string; state: string; progress?: { entriesDone?: number; entriesTotal?: number }; failure?: string; errors?: { entry: string; message: string }[] }

function ZipTree({ node }: { node: ZipNode }) {
  if (!node.children) return <li>{node.name} <span class="muted">{formatBytes(node.size ?? 0)}</span>{node.problem && <span class="error"> {node.problem}</span>}</li>;
  return <li><details open><summary><Icon name="folder" /> {node.name}</summary><ul class="plain tree">{node.children.map((c, i) => <ZipTree key={i} node={c} />)}</ul></details></li>;
}

function ZipView({ summary, file }: { summary: Summary; file: Resource | null }) {
  const [tree, setTree] = useState<{ entries: number; root: ZipNode } | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [picking, setPicking] = useState(false);
  const [target, setTarget] = useState<string | undefined>();
  const [home, setHome] = useState<string | undefined>();
  useEffect(() => { api.get<{ homeFolderId?: string }>('users/me').then((me) => setHome(me.homeFolderId), () => {}); }, []);
  useEffect(() => { api.get<{ entries: number; root: ZipNode }>(`files/${summary.fileId}/zip-entries`).then(setTree, (e) => setError((e as Error).message)); }, [summary.fileId]);
  useEffect(() => {
    if (!job || ['succeeded', 'failed', 'cancelled', 'done', 'completed'].includes(job.state)) return;
    const timer = setTimeout(() => api.get<Job>(`jobs/${job.id}`).then(setJob, reportError), 700);
    return () => clearTimeout(timer);
  }, [job]);
  async function extract(folderId: string) {
    try {
      const r = await api.post<{ jobId: string }>(`files/${summary.fileId}/extract`, { folderId, onConflict: 'rename' });
      setJob({ id: r.jobId, state: 'queued' });
      setTarget(folderId);
      notify(t.viewer.extractionStarted);
    } catch (e) { reportError(e); }
  }
  if (error) return <Placeholder reason={error} />;
  const p = job?.progress;
  return (
    <div class="zip">
      <div class="row gap">
        {file && <button type="button" class="primary" onClick={() => extract(file.folderId!)}>{t.viewer.extractHere}</button>}
        {file && <button type="button" onClick={() => setPicking(true)}>{t.viewer.extractInto}</button>}
        {picking && <FolderPicker title={t.viewer.extractInto} home={home}
          onPick={(folderId) => { setPicking(false); extract(folderId); }} onClose={() => setPicking(false)} />}
        {job && (
          <span class="job" data-testid="job-state" data-state={job.state}>
            {job.state} {p?.entriesTotal ? `${p.entriesDone ?? 0}/${p.entriesTotal}` : ''}
            <progress max={p?.entriesTotal || 1} value={p?.entriesDone ?? 0} aria-label={t.viewer.extractionProgress} />
            {job.failure && <span class="error"> {job.failure}</span>}
            {target && ['succeeded', 'done', 'completed'].includes(job.state) && <a href={href('folder', target)}> ↩ {t.browse.folder}</a>}
          </span>
        )}
      </div>
      {job?.errors?.length ? <ul class="error">{job.errors.map((e, i) => <li key={i}>{e.entry}: {e.message}</li>)}</ul> : null}
      <h2>{t.viewer.zipContents} {tree ? `(${tree.entries})` : ''}</h2>
      {tree ? <ul class="plain tree">{(tree.root.children ?? [tree.root]).map((c, i) => <ZipTree key={i} node={c} />)}</ul> : <p class="muted">{t.viewer.loading}</p>}
    </div>
  );
}
