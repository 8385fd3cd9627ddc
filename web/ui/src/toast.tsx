// Messages for the person: errors carry the server's JSON message; they stay until dismissed or pushed out by newer
// ones; info messages go by themselves. The rules (how many, repeats counted) are in toasts.ts.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from './api';
import { t } from './strings';
import { Toast, ToastStore } from './toasts';

export type { Toast } from './toasts';

const store = new ToastStore();

export function notify(text: string, kind: Toast['kind'] = 'info') { store.notify(text, kind); }

export function reportError(e: unknown) {
  if (e instanceof ApiError) notify(e.message || t.errors.generic, 'error');
  else notify(e instanceof Error ? e.message : t.errors.generic, 'error');
}

export function dismiss(id: number) { store.dismiss(id); }

export function Toasts() {
  const [list, setList] = useState<Toast[]>(store.toasts);
  useEffect(() => store.subscribe(setList), []);
  return (
    <div class="toasts" aria-live="polite">
      {list.map((x) => (
        <div key={x.id} class={`toast toast-${x.kind}`} role={x.kind === 'error' ? 'alert' : 'status'} data-count={x.count}>
          <span>{x.text}</span>
          {x.count > 1 && <span class="toast-count" aria-label={t.errors.repeated(x.count)}>{x.count}</span>}
          <button type="button" class="link" onClick={() => dismiss(x.id)} aria-label={t.errors.dismiss}>×</button>
        </div>
      ))}
    </div>
  );
}
