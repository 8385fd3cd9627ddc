// "Are you sure?" in the portal's own dialog (never window.confirm): a question, a cancel and one named action.
import { useState } from 'preact/hooks';
import { Dialog } from './dialog';
import { t } from './strings';
import { reportError } from './toast';

export function Confirm(props: { title: string; text: string; action: string; onYes: () => Promise<void>; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <p>{props.text}</p>
      <div class="row gap end">
        <button type="button" onClick={props.onClose}>{t.browse.cancel}</button>
        <button type="button" class="danger" disabled={busy} onClick={async () => {
          setBusy(true);
          try { await props.onYes(); props.onClose(); } catch (e) { reportError(e); setBusy(false); }
        }}>{props.action}</button>
      </div>
    </Dialog>
  );
}
