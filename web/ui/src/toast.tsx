// Messages for the person: errors carry the server's JSON message; they stay until dismissed or replaced.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from './api';
import { t } from './strings';

export interface Toast { id: number; text: string; kind: 'error' | 'info' }
let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<(t: Toast[]) => void>();

function publish() { listeners.forEach((l) => l([...toasts])); }

export function notify(text: string, kind: Toast['kind'] = 'info') {
  const toast = { id: nextId++, text, kind };
  toasts = [...toasts.slice(-3), toast];
  publish();
  if (kind === 'info') setTimeout(() => dismiss(toast.id), 4000);
}

export function reportError(e: unknown) {
  if (e instanceof ApiError) notify(e.message || t.errors.generic, 'error');
  else notify(e instanceof Error ? e.message : t.errors.generic, 'error');
}

export function dismiss(id: number) { toasts = toasts.filter((x) => x.id !== id); publish(); }

export function Toasts() {
  const [list, setList] = useState<Toast[]>(toasts);
  useEffect(() => { listeners.add(setList); return () => { listeners.delete(setList); }; }, []);
  return (
    <div class="toasts" aria-live="polite">
      {list.map((x) => (
        <div key={x.id} class={`toast toast-${x.kind}`} role={x.kind === 'error' ? 'alert' : 'status'}>
          <span>{x.text}</span>
          <button type="button" class="link" onClick={() => dismiss(x.id)} aria-label={t.errors.dismiss}>×</button>
        </div>
      ))}
    </div>
  );
}
