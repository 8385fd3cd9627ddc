// My account: who I am, my groups, personal API tokens for scripts (create / list / revoke), SSH public keys and
// SFTP drop folders.
import { useEffect, useState } from 'preact/hooks';
import * as api from './api';
import { Session } from './api';
import { Confirm } from './confirm';
import { formatDate } from './format';
import { SftpMappings } from './mappings';
import { SshKeys } from './sshkeys';
import { t } from './strings';
import { notify, reportError } from './toast';

interface Token { id: string; name: string; createdAt?: string; lastUsedAt?: string; expiresAt?: string }

function Tokens() {
  const [tokens, setTokens] = useState<Token[] | null>(null);
  const [unavailable, setUnavailable] = useState<string | undefined>();
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const [secret, setSecret] = useState<{ name: string; token: string } | undefined>();
  const [revoking, setRevoking] = useState<Token | null>(null);
  const load = () => api.get<Token[]>('users/me/tokens').then(setTokens, (e) => setUnavailable((e as api.ApiError).status === 404 ? t.account.tokensUnavailable : (e as Error).message));
  useEffect(() => { load(); }, []);
  async function create(e: Event) {
    e.preventDefault();
    try {
      const made = await api.post<{ token: string; name: string }>('users/me/tokens', { name: name.trim(), expiresInDays: days ? Number(days) : undefined });
      setSecret({ name: made.name, token: made.token }); setName(''); load();
    } catch (err) { reportError(err); }
  }
  async function revoke(k: Token) {
    await api.del(`users/me/tokens/${encodeURIComponent(k.id)}`);
    load();
  }
  async function copy(text: string) {
    try { await navigator.clipboard.writeText(text); notify(t.tokens.copied); } catch (e) { reportError(e); }
  }
  return (
    <section class="panel" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t.account.tokens}</h2>
      <p class="muted">{t.tokens.intro}</p>
      {unavailable ? <p class="muted">{unavailable}</p> : (
        <>
          {secret && <p class="notice" role="status">{t.account.tokenOnce} <code class="secret">{secret.token}</code>{' '}
            <button type="button" class="small" onClick={() => copy(secret.token)}>{t.tokens.copy}</button></p>}
          <table class="grid" aria-labelledby="tokens-title">
            <thead><tr><th>{t.browse.name}</th><th>{t.browse.created}</th><th>{t.account.lastUsed}</th><th>{t.tokens.expiresAt}</th><th><span class="sr-only">{t.account.revoke}</span></th></tr></thead>
            <tbody>
              {tokens && tokens.length === 0 && <tr><td colSpan={5} class="empty-row">{t.tokens.none}</td></tr>}
              {(tokens ?? []).map((k) => (
                <tr key={k.id}><td>{k.name}</td><td>{formatDate(k.createdAt)}</td><td>{k.lastUsedAt && k.lastUsedAt !== k.createdAt ? formatDate(k.lastUsedAt) : t.account.never}</td><td>{formatDate(k.expiresAt)}</td>
                  <td><button type="button" class="small danger" onClick={() => setRevoking(k)} aria-label={t.tokens.revokeLabel(k.name)}>{t.account.revoke}</button></td></tr>
              ))}
            </tbody>
          </table>
          <form class="row gap" onSubmit={create}>
            <label class="inline">{t.account.tokenName} <input value={name} required maxLength={100} onInput={(e) => setName(e.currentTarget.value)} /></label>
            <label class="inline">{t.account.expires} <input type="number" min={1} class="days" value={days} onInput={(e) => setDays(e.currentTarget.value)} /></label>
            <button type="submit" class="primary">{t.account.create}</button>
          </form>
        </>
      )}
      {revoking && <Confirm title={t.tokens.confirmTitle} text={t.tokens.confirm(revoking.name)} action={t.account.revoke}
        onYes={() => revoke(revoking)} onClose={() => setRevoking(null)} />}
    </section>
  );
}

export function AccountPage(props: { session: Session }) {
  const u = props.session.user;
  return (
    <section class="account">
      <h1>{t.account.title}</h1>
      <section class="panel">
        <dl class="meta-list">
          <dt>{t.account.login}</dt><dd>{u.login}</dd>
          {u.name && <><dt>{t.browse.name}</dt><dd>{u.name}</dd></>}
          {u.email && <><dt>{t.account.email}</dt><dd>{u.email}</dd></>}
          <dt>{t.account.groups}</dt>
          <dd>{u.groups?.length ? <ul class="chips" aria-label={t.account.groups}>{u.groups.map((g) => <li key={g}>{g}</li>)}</ul> : t.account.none}</dd>
          {u.admin && <><dt>{t.account.admin}</dt><dd>{t.mappings.yes}</dd></>}
        </dl>
      </section>
      <Tokens />
      <SshKeys />
      <SftpMappings home={u.homeFolderId} />
    </section>
  );
}
