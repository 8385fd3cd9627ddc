// A modal dialog on the native <dialog> element: focus moves in, Escape closes, focus returns to the opener.
import { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from './strings';

export function Dialog(props: { title: string; onClose: () => void; children: ComponentChildren; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const d = ref.current!;
    if (!d.open) d.showModal();
    const first = d.querySelector<HTMLElement>('input, select, textarea, button:not(.dialog-close)');
    first?.focus();
    return () => opener?.focus?.();
  }, []);
  return (
    <dialog ref={ref} class={props.wide ? 'dialog wide' : 'dialog'} aria-labelledby="dialog-title"
      onCancel={(e) => { e.preventDefault(); props.onClose(); }}>
      <header class="dialog-head">
        <h2 id="dialog-title">{props.title}</h2>
        <button type="button" class="dialog-close link" aria-label={t.browse.cancel} onClick={props.onClose}>×</button>
      </header>
      {props.children}
    </dialog>
  );
}
