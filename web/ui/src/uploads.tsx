// Uploads through tus-js-client into /api/v1/uploads. Folder trees keep their hierarchy: the folders are
// created first (POST /folders, reusing ones that exist), then each file goes by tus into its folder. The
// upload URL is remembered in localStorage under a fingerprint of target folder + path + size + date, so after
// a reload choosing the same file again resumes where the server stands.
import { useEffect, useState } from 'preact/hooks';
import * as tus from 'tus-js-client';
import * as api from './api';
import { formatBytes, formatDuration } from './format';
import { t } from './strings';
import { notify, reportError } from './toast';
import { foldersOf, retryDecision, shownState, Transfer, TransferEvents, UploadEntry, UploadQueue } from './upload/queue';

export interface PickedFile { file: File; relativePath: string }
interface Target { file: File; folderId: string; extract: boolean }

const targets = new Map<number, Target>();
const ENDPOINT = '/api/v1/uploads';
const CHUNK = 8 * 1024 * 1024;
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000];
const statusOf = (err: Error) => (err as tus.DetailedError).originalResponse?.getStatus?.() ?? 0;
let extractZips = false;

function fingerprint(file: File, folderId: string) {
  return Promise.resolve(['sinfonia', folderId, file.name, file.size, file.lastModified].join('|'));
}

function startTransfer(entry: UploadEntry, events: TransferEvents): Transfer {
  const target = targets.get(entry.id)!;
  const meta: Record<string, string> = { filename: target.file.name, folderId: target.folderId, filetype: target.file.type || 'application/octet-stream' };
  if (target.extract && /\.zip$/i.test(target.file.name)) meta.extract = 'true';
  let first = true;
  // A pause can come before the stored URL has been looked up or while start() is still opening the file: it must
  // win over the start that would follow.
  let paused = false;
  // While offline: the 'online' listener that starts the upload again (removed by a pause, resume or cancel).
  let onOnline: (() => void) | undefined;
  const stopWaiting = () => { if (onOnline) { window.removeEventListener('online', onOnline); onOnline = undefined; events.offline?.(false); } };
  const upload = new tus.Upload(target.file, {
    endpoint: ENDPOINT,
    chunkSize: CHUNK,
    retryDelays: RETRY_DELAYS,
    // Offline, no retry is spent: onError below holds the upload until the 'online' event.
    onShouldRetry: (err, attempt) => retryDecision(navigator.onLine, statusOf(err), attempt, RETRY_DELAYS.length) === 'retry',
    metadata: meta,
    storeFingerprintForResuming: true,
    removeFingerprintOnSuccess: true,
    fingerprint: (file) => fingerprint(file as File, target.folderId),
    onBeforeRequest: (req) => {
      // tus-js-client's start() is asynchronous and an abort() during it is lost: stop the first request instead.
      if (paused) { upload.abort(); throw new Error('paused'); }
      for (const [k, v] of Object.entries(api.authHeaders())) req.setHeader(k, v);
    },
    onProgress: (sent) => {
      if (first) { first = false; if (sent > 0 && upload.url) events.resumed(sent); }
      events.progress(sent);
    },
    onSuccess: () => events.done(),
    onError: (err) => {
      if (!paused && retryDecision(navigator.onLine, statusOf(err), 0, 1) === 'wait') {
        stopWaiting();
        events.offline?.(true);
        onOnline = () => { stopWaiting(); if (!paused) upload.start(); };
        window.addEventListener('online', onOnline);
        return;
      }
      const body = (err as tus.DetailedError).originalResponse?.getBody?.();
      let message = err.message;
      try { message = JSON.parse(body ?? '').message ?? message; } catch { /* not JSON */ }
      events.failed(message);
    },
  });
  const ready = upload.findPreviousUploads().then((previous) => {
    if (previous.length) upload.resumeFromPreviousUpload(previous[0]);
    if (!paused) upload.start();
  });
  return {
    pause: () => { paused = true; stopWaiting(); upload.abort(); },
    resume: () => { paused = false; first = true; stopWaiting(); ready.then(() => { if (!paused) upload.start(); }); },
    cancel: () => { stopWaiting(); upload.abort(true).catch(() => {}); },
  };
}

export const queue = new UploadQueue(startTransfer, 3);

async function childFolder(parentId: string, name: string): Promise<string> {
  try {
    return (await api.post<{ id: string }>('folders', { parentType: 'folder', parentId, name })).id;
  } catch (e) {
    if ((e as api.ApiError).code !== 'DUPLICATE_NAME') throw e;
    const existing = await api.get<{ id: string; name: string }[]>(`folders${api.q({ parentType: 'folder', parentId, limit: 1000, sort: 'name' })}`);
    const found = existing.find((f) => f.name.toLowerCase() === name.toLowerCase());
    if (!found) throw e;
    return found.id;
  }
}

/** Creates the tree's folders below `folderId`, then queues every file into its folder. */
export async function uploadInto(folderId: string, picked: PickedFile[]) {
  if (!picked.length) return;
  try {
    const ids = new Map<string, string>([['', folderId]]);
    for (const dir of foldersOf(picked.map((p) => p.relativePath))) {
      const cut = dir.lastIndexOf('/');
      const parent = ids.get(cut < 0 ? '' : dir.slice(0, cut))!;
      ids.set(dir, await childFolder(parent, dir.slice(cut + 1)));
    }
    queue.add(picked.map((p) => ({ name: p.file.name, relativePath: p.relativePath, size: p.file.size })), (entry, i) => {
      const p = picked[i];
      const cut = p.relativePath.lastIndexOf('/');
      targets.set(entry.id, { file: p.file, folderId: ids.get(cut < 0 ? '' : p.relativePath.slice(0, cut))!, extract: extractZips });
    });
    notify(t.upload.queuedFiles(picked.length));
  } catch (e) { reportError(e); }
}

/** Files of a drop, folders walked recursively with their relative paths. */
export async function filesFromDrop(dt: DataTransfer): Promise<PickedFile[]> {
  const out: PickedFile[] = [];
  const entries = [...dt.items].map((i) => i.webkitGetAsEntry?.()).filter(Boolean) as FileSystemEntry[];
  if (!entries.length) return [...dt.files].map((f) => ({ file: f, relativePath: f.name }));
  async function walk(entry: FileSystemEntry, prefix: string) {
    if (entry.isFile) {
      const file = await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej));
      out.push({ file, relativePath: prefix + file.name });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
        if (!batch.length) break;
        for (const e of batch) await walk(e, `${prefix}${entry.name}/`);
      }
    }
  }
  for (const e of entries) await walk(e, '');
  return out;
}

interface Stored { key: string; size: number; metadata: Record<string, string>; uploadUrl?: string; creationTime?: string }

function unfinished(): Stored[] {
  const out: Stored[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i)!;
    if (!key.startsWith('tus::')) continue;
    try { out.push({ key, ...JSON.parse(localStorage.getItem(key)!) }); } catch { /* foreign entry */ }
  }
  return out;
}

export function useQueue() {
  const [, set] = useState(0);
  useEffect(() => queue.subscribe(() => set((n) => n + 1)), []);
  return queue;
}

export function UploadsPanel() {
  const q = useQueue();
  const [stored, setStored] = useState(unfinished());
  const [extract, setExtract] = useState(extractZips);
  const s = q.status();
  const running = new Set(q.entries.filter((e) => e.state !== 'done').map((e) => e.name));
  const earlier = stored.filter((x) => !running.has(x.metadata.filename));
  return (
    <section class="uploads">
      <h1>{t.upload.title}</h1>
      <label class="check"><input type="checkbox" checked={extract} onChange={(e) => { extractZips = e.currentTarget.checked; setExtract(extractZips); }} /> {t.upload.extract}</label>
      {earlier.length > 0 && (
        <div class="notice">
          <p>{t.upload.unfinished}</p>
          <ul class="plain">
            {earlier.map((x) => (
              <li key={x.key} class="row gap">
                <span class="grow">{x.metadata.filename} <span class="muted">{formatBytes(x.size)}</span></span>
                <label class="button">{t.upload.resume}
                  <input type="file" hidden aria-label={`${t.upload.resume} ${x.metadata.filename}`} data-testid="resume-input"
                    onChange={(e) => {
                      const f = e.currentTarget.files?.[0];
                      if (!f) return;
                      if (f.size !== x.size) { notify(`${f.name}: ${formatBytes(f.size)} ≠ ${formatBytes(x.size)}`, 'error'); return; }
                      queue.add([{ name: f.name, relativePath: f.name, size: f.size }],
                        (entry) => targets.set(entry.id, { file: f, folderId: x.metadata.folderId, extract: x.metadata.extract === 'true' }));
                      setStored(unfinished());
                    }} />
                </label>
                <button type="button" class="small" onClick={() => { localStorage.removeItem(x.key); setStored(unfinished()); }}>{t.upload.forget}</button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {q.entries.length === 0 ? <p class="muted">{t.upload.none}</p> : (
        <>
          <div class="batch" aria-label={t.upload.batch}>
            <div class="row gap">
              <strong>{t.upload.batch}</strong>
              <span data-testid="batch-percent">{s.percent}%</span>
              <span>{s.done}/{s.files} {t.upload.done.toLowerCase()}</span>
              <span>{formatBytes(s.sent)} / {formatBytes(s.total)}</span>
              <span>{t.upload.speed}: {formatBytes(Math.round(s.bytesPerSecond))}/s</span>
              <span>{t.upload.eta}: {formatDuration(s.etaSeconds)}</span>
              <span class="grow" />
              <button type="button" class="small" onClick={() => q.pauseAll()}>{t.upload.pause}</button>
              <button type="button" class="small" onClick={() => q.resumeAll()}>{t.upload.resume}</button>
              <button type="button" class="small" onClick={() => q.cancelAll()}>{t.upload.cancel}</button>
              <button type="button" class="small" onClick={() => q.clearFinished()}>{t.upload.clear}</button>
            </div>
            <progress max={100} value={s.percent} aria-label={t.upload.batch} />
          </div>
          <ul class="plain upload-list">
            {q.entries.map((e) => (
              <li key={e.id} class={`upload upload-${e.state}`} data-name={e.name}>
                <div class="row gap">
                  <span class="grow upload-name">{e.relativePath}</span>
                  <span class="muted">{formatBytes(e.sent)} / {formatBytes(e.size)}</span>
                  <span class="state" data-state={e.state} data-shown={shownState(e)}
                    title={shownState(e) === 'offline' ? t.upload.offlineHint : undefined}>{t.upload.states[shownState(e)]}</span>
                  {e.resumedFrom ? <span class="muted">{t.upload.resumedAt(formatBytes(e.resumedFrom))}</span> : null}
                  {e.state === 'uploading' && <button type="button" class="small" onClick={() => q.pause(e.id)} aria-label={`${t.upload.pause} ${e.name}`}>{t.upload.pause}</button>}
                  {e.state === 'paused' && <button type="button" class="small" onClick={() => q.resume(e.id)} aria-label={`${t.upload.resume} ${e.name}`}>{t.upload.resume}</button>}
                  {e.state === 'failed' && <button type="button" class="small" onClick={() => q.retry(e.id)} aria-label={`${t.upload.retry} ${e.name}`}>{t.upload.retry}</button>}
                  {!['done', 'cancelled'].includes(e.state) && <button type="button" class="small" onClick={() => q.cancel(e.id)} aria-label={`${t.upload.cancel} ${e.name}`}>{t.upload.cancel}</button>}
                </div>
                <progress max={e.size || 1} value={e.state === 'done' ? e.size || 1 : e.sent} aria-label={e.name} />
                {e.error && <p class="error">{e.error}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
