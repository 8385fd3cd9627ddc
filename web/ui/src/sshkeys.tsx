// My account: the SSH public keys the user signs in to SFTP with (GET/POST/DELETE /users/me/ssh-keys).
import { useEffect, useState } from 'preact/hooks';
import * as api from './api';
import { Confirm } from './confirm';
import { formatDate } from './format';
import { t } from './strings';
import { reportError } from './toast';

export interface SshKey { id: string; fingerprint: string; type: string; comment?: string; added?: string }

export function SshKeys() {
  const [keys, setKeys] = useState<SshKey[] | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [removing, setRemoving] = useState<SshKey | null>(null);
  const load = () => api.get<SshKey[]>('users/me/ssh-keys').then(setKeys, reportError);
  useEffect(() => { load(); }, []);
  async function add(e: Event) {
    e.preventDefault();
    setError(undefined);
    try {
      await api.post('users/me/ssh-keys', { key: text.trim() });
      setText(''); load();
    } catch (err) {
      // The server says what is wrong with the key (type, encoding, already there): shown beside the field.
      setError((err as Error).message);
    }
  }
  async function remove(k: SshKey) {
    await api.del(`users/me/ssh-keys/${encodeURIComponent(k.id)}`);
    load();
  }
  return (
    <section class="panel" aria-labelledby="ssh-keys-title">
      <h2 id="ssh-keys-title">{t.sshKeys.title}</h2>
      <p class="muted">{t.sshKeys.intro}</p>
      <table class="grid" aria-labelledby="ssh-keys-title">
        <thead><tr><th>{t.sshKeys.type}</th><th>{t.sshKeys.comment}</th><th>{t.sshKeys.fingerprint}</th><th>{t.sshKeys.added}</th><th><span class="sr-only">{t.sshKeys.remove}</span></th></tr></thead>
        <tbody>
          {keys && keys.length === 0 && <tr><td colSpan={5} class="empty-row">{t.sshKeys.none}</td></tr>}
          {(keys ?? []).map((k) => (
            <tr key={k.id}>
              <td>{k.type}</td><td>{k.comment}</td><td><code class="fingerprint">{k.fingerprint}</code></td><td>{formatDate(k.added)}</td>
              <td><button type="button" class="small danger" onClick={() => setRemoving(k)} aria-label={t.sshKeys.removeLabel(k.comment || k.fingerprint)}>{t.sshKeys.remove}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="key-form" onSubmit={add}>
        <label for="ssh-key-text">{t.sshKeys.key}</label>
        <textarea id="ssh-key-text" class="key-text" rows={3} required spellcheck={false} value={text}
          placeholder="ssh-ed25519 AAAA… me@laptop" aria-invalid={error ? true : undefined} aria-describedby={error ? 'ssh-key-error' : undefined}
          onInput={(e) => { setText(e.currentTarget.value); setError(undefined); }} />
        {error && <p id="ssh-key-error" class="error" role="alert">{error}</p>}
        <div><button type="submit" class="primary">{t.sshKeys.add}</button></div>
      </form>
      {removing && <Confirm title={t.sshKeys.confirmTitle} text={t.sshKeys.confirm(removing.comment || removing.fingerprint)} action={t.sshKeys.remove}
        onYes={() => remove(removing)} onClose={() => setRemoving(null)} />}
    </section>
  );
}
