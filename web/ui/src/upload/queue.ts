// The upload queue's bookkeeping, free of the network: which uploads run, batch totals, speed and time left.
// The transport (tus-js-client) is injected, so the rules are unit-tested without a server.

export type UploadState = 'queued' | 'uploading' | 'paused' | 'done' | 'failed' | 'cancelled';

/** What the list shows: the queue's state, or 'offline' for an upload that waits for the network. */
export type ShownState = UploadState | 'offline';

export interface UploadEntry {
  id: number;
  name: string;
  /** Where it goes below the chosen folder, e.g. "scan/CT/img1.dcm" (just the name for a loose file). */
  relativePath: string;
  size: number;
  sent: number;
  state: UploadState;
  error?: string;
  /** Bytes the server already had when this upload started (a resumed upload). */
  resumedFrom?: number;
  /** The browser is offline: the upload waits for the network instead of failing. */
  offline?: boolean;
}

/** What the queue needs from a running transfer. */
export interface Transfer {
  pause(): void;
  resume(): void;
  cancel(): void;
}

export interface TransferEvents {
  progress(sent: number): void;
  resumed(offset: number): void;
  done(): void;
  failed(message: string): void;
  /** The transfer waits for the network (true) or goes on (false). */
  offline?(waiting: boolean): void;
}

export type Starter = (entry: UploadEntry, events: TransferEvents) => Transfer;

/** Speed over a sliding window of samples (bytes per second), so one stall or burst does not swing it. */
export class SpeedMeter {
  private samples: { at: number; bytes: number }[] = [];
  constructor(private readonly windowMs = 5000) {}

  add(at: number, totalBytes: number) {
    this.samples.push({ at, bytes: totalBytes });
    while (this.samples.length > 2 && at - this.samples[0].at > this.windowMs) this.samples.shift();
  }

  bytesPerSecond(): number {
    if (this.samples.length < 2) return 0;
    const a = this.samples[0], b = this.samples[this.samples.length - 1];
    const ms = b.at - a.at;
    return ms <= 0 ? 0 : ((b.bytes - a.bytes) * 1000) / ms;
  }
}

export interface BatchStatus {
  total: number;
  sent: number;
  files: number;
  done: number;
  failed: number;
  active: number;
  bytesPerSecond: number;
  /** Seconds left at the current speed; undefined while the speed is unknown. */
  etaSeconds?: number;
  percent: number;
}

export class UploadQueue {
  readonly entries: UploadEntry[] = [];
  private transfers = new Map<number, Transfer>();
  private nextId = 1;
  private meter = new SpeedMeter();
  private listeners = new Set<() => void>();

  constructor(private readonly start: Starter, readonly concurrency = 3, private readonly now: () => number = () => Date.now()) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed() {
    this.meter.add(this.now(), this.entries.reduce((n, e) => n + e.sent, 0));
    this.listeners.forEach((l) => l());
  }

  /** Queues files; `prepare` sees each new entry (its id) before any transfer starts. */
  add(files: { name: string; relativePath: string; size: number }[], prepare?: (entry: UploadEntry, index: number) => void): UploadEntry[] {
    const added = files.map((f) => ({ id: this.nextId++, name: f.name, relativePath: f.relativePath, size: f.size, sent: 0, state: 'queued' as UploadState }));
    added.forEach((e, i) => prepare?.(e, i));
    this.entries.push(...added);
    this.pump();
    this.changed();
    return added;
  }

  /** Starts queued entries while fewer than `concurrency` run. */
  private pump() {
    let running = this.entries.filter((e) => e.state === 'uploading').length;
    for (const e of this.entries) {
      if (running >= this.concurrency) break;
      if (e.state !== 'queued') continue;
      e.state = 'uploading';
      running++;
      const transfer = this.start(e, {
        progress: (sent) => { if (e.state === 'uploading') { e.sent = Math.min(sent, e.size); this.changed(); } },
        resumed: (offset) => { e.resumedFrom = offset; e.sent = offset; this.changed(); },
        offline: (waiting) => { e.offline = waiting; this.changed(); },
        done: () => { e.offline = false; e.sent = e.size; e.state = 'done'; this.transfers.delete(e.id); this.pump(); this.changed(); },
        failed: (message) => {
          if (e.state === 'cancelled') return;
          e.state = 'failed'; e.error = message; this.transfers.delete(e.id); this.pump(); this.changed();
        },
      });
      this.transfers.set(e.id, transfer);
    }
  }

  pause(id: number) {
    const e = this.find(id);
    if (e?.state === 'uploading') { this.transfers.get(id)?.pause(); e.state = 'paused'; this.pump(); this.changed(); }
    else if (e?.state === 'queued') { e.state = 'paused'; this.changed(); }
  }

  resume(id: number) {
    const e = this.find(id);
    if (!e || e.state !== 'paused') return;
    const t = this.transfers.get(id);
    if (t) { e.state = 'uploading'; t.resume(); } else { e.state = 'queued'; this.pump(); }
    this.changed();
  }

  cancel(id: number) {
    const e = this.find(id);
    if (!e || e.state === 'done' || e.state === 'cancelled') return;
    this.transfers.get(id)?.cancel();
    this.transfers.delete(id);
    e.state = 'cancelled';
    this.pump();
    this.changed();
  }

  /** A failed upload starts again (tus resumes it from the server's offset). */
  retry(id: number) {
    const e = this.find(id);
    if (!e || e.state !== 'failed') return;
    e.state = 'queued'; e.error = undefined;
    this.pump();
    this.changed();
  }

  pauseAll() { this.entries.forEach((e) => this.pause(e.id)); }
  resumeAll() { this.entries.forEach((e) => this.resume(e.id)); }
  cancelAll() { this.entries.forEach((e) => this.cancel(e.id)); }

  clearFinished() {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      if (['done', 'cancelled'].includes(this.entries[i].state)) this.entries.splice(i, 1);
    }
    this.changed();
  }

  private find(id: number) { return this.entries.find((e) => e.id === id); }

  status(): BatchStatus {
    const counted = this.entries.filter((e) => e.state !== 'cancelled');
    const total = counted.reduce((n, e) => n + e.size, 0);
    const sent = counted.reduce((n, e) => n + e.sent, 0);
    const bytesPerSecond = this.meter.bytesPerSecond();
    // An upload waiting offline is not moving: no time left is promised for it.
    const active = counted.filter((e) => e.state === 'uploading' && !e.offline).length;
    return {
      total, sent, files: counted.length, active,
      done: counted.filter((e) => e.state === 'done').length,
      failed: counted.filter((e) => e.state === 'failed').length,
      bytesPerSecond,
      etaSeconds: bytesPerSecond > 0 && active > 0 ? Math.ceil((total - sent) / bytesPerSecond) : undefined,
      percent: total === 0 ? (counted.length && counted.every((e) => e.state === 'done') ? 100 : 0) : Math.floor((sent * 100) / total),
    };
  }
}

/** The state label of an entry: an upload held while the browser is offline has one of its own. */
export function shownState(e: Pick<UploadEntry, 'state' | 'offline'>): ShownState {
  return e.state === 'uploading' && e.offline ? 'offline' : e.state;
}

/** The folders a tree of relative paths needs, parents before children ("a", "a/b" for "a/b/c.dcm"). */
export function foldersOf(relativePaths: string[]): string[] {
  const out = new Set<string>();
  for (const p of relativePaths) {
    const parts = p.split('/').filter(Boolean);
    for (let i = 1; i < parts.length; i++) out.add(parts.slice(0, i).join('/'));
  }
  return [...out].sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024, i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export function formatDuration(seconds?: number): string {
  if (seconds === undefined || !isFinite(seconds)) return '–';
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60), s = seconds % 60;
  if (m < 60) return `${m} min ${s} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/**
 * What a failed tus request leads to. Offline, tus-js-client would give up at once (or burn its retry delays):
 * 'wait' instead holds the upload until the browser's 'online' event and resumes it from the server's offset.
 * Refusals (4xx other than 409 offset conflict, 423 locked, 429 slow down) fail; the rest retry as tus would.
 */
export type RetryDecision = 'retry' | 'wait' | 'fail';
export function retryDecision(online: boolean, status: number, attempt: number, maxAttempts: number): RetryDecision {
  if (!online) return 'wait';
  if (status >= 400 && status < 500 && ![409, 423, 429].includes(status)) return 'fail';
  return attempt < maxAttempts ? 'retry' : 'fail';
}
