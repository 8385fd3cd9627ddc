// The messages' bookkeeping, free of the page: at most MAX_TOASTS shown (newest last, older ones dismissed), the
// same message again right after itself counted on the one toast instead of stacked, info messages dismissed after
// a while (the time starting again when the message repeats); errors stay until dismissed or pushed out.

export interface Toast { id: number; text: string; kind: 'error' | 'info'; count: number }

export const MAX_TOASTS = 3;
export const INFO_MS = 4000;

type Timers = { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void };
const realTimers: Timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };

export class ToastStore {
  private list: Toast[] = [];
  private nextId = 1;
  private timers = new Map<number, unknown>();
  private listeners = new Set<(t: Toast[]) => void>();

  constructor(private readonly max = MAX_TOASTS, private readonly clock: Timers = realTimers) {}

  get toasts(): Toast[] { return this.list; }

  subscribe(listener: (t: Toast[]) => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  /** Shows a message, or counts it on the newest toast when that one says the same. Returns the toast's id. */
  notify(text: string, kind: Toast['kind'] = 'info'): number {
    const last = this.list[this.list.length - 1];
    let toast: Toast;
    if (last && last.text === text && last.kind === kind) {
      toast = { ...last, count: last.count + 1 };
      this.list = [...this.list.slice(0, -1), toast];
    } else {
      toast = { id: this.nextId++, text, kind, count: 1 };
      const kept = [...this.list, toast];
      kept.slice(0, Math.max(0, kept.length - this.max)).forEach((old) => this.stopTimer(old.id));
      this.list = kept.slice(-this.max);
    }
    if (kind === 'info') {
      this.stopTimer(toast.id);
      const id = toast.id;
      this.timers.set(id, this.clock.set(() => this.dismiss(id), INFO_MS));
    }
    this.publish();
    return toast.id;
  }

  dismiss(id: number) {
    this.stopTimer(id);
    if (!this.list.some((x) => x.id === id)) return;
    this.list = this.list.filter((x) => x.id !== id);
    this.publish();
  }

  private stopTimer(id: number) {
    const handle = this.timers.get(id);
    if (handle !== undefined) { this.clock.clear(handle); this.timers.delete(id); }
  }

  private publish() { const copy = [...this.list]; this.listeners.forEach((l) => l(copy)); }
}
