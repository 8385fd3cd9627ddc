// My account: who I am, my groups, and personal API tokens for scripts (create / list / revoke).
import { useEffect, useState } from 'preact/hooks';
import * as api from './api';
import { Session } from './api';
import { formatDate } from './format';
import { t } from './strings';
import { reportError } from './toast';

interface Token { id: string; name: string; createdAt?: string; lastUsedAt?: string; expiresAt?: string }

export function AccountPage(props: { session: Session }) {
  const u = props.session.user;
  const [tokens, setTokens] = useState<Token[] | null>(null);
  const [unavailable, setUnavailable] = useState<string | undefined>();
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const [secret, setSecret] = useState<string | undefined>();
  const load = () => api.get<Token[]>('users/me/tokens').then(setTokens, (e) => setUnavailable((e as api.ApiError).status === 404 ? t.account.tokensUnavailable : (e as Error).message));
  useEffect(() => { load(); }, []);
  async function create(e: Event) {
    e.preventDefault();
    try {
      const made = await api.post<{ token: string }>('users/me/tokens', { name, expiresInDays: days ? Number(days) : undefined });
      setSecret(made.token); setName(''); load();
    } catch (err) { reportError(err); }
  }
  return (
    <section class="account">
      <h1>{t.account.title}</h1>
      <dl class="meta-list">
        <dt>{t.account.login}</dt><dd>{u.login}</dd>
        {u.name && <><dt>{t.browse.name}</dt><dd>{u.name}</dd></>}
        {u.email && <><dt>{t.account.email}</dt><dd>{u.email}</dd></>}
        <dt>{t.account.groups}</dt><dd>{u.groups?.length ? u.groups.join(', ') : t.account.none}</dd>
        {u.admin && <><dt>{t.account.admin}</dt><dd>✓</dd></>}
      </dl>
      <h2>{t.account.tokens}</h2>
      {unavailable ? <p class="muted">{unavailable}</p> : (
        <>
          {secret && <p class="notice" role="status">{t.account.tokenOnce} <code class="secret">{secret}</code></p>}
          <table class="grid">
            <thead><tr><th>{t.browse.name}</th><th>{t.browse.created}</th><th>{t.account.lastUsed}</th><th>{t.account.expires}</th><th></th></tr></thead>
            <tbody>
              {(tokens ?? []).map((k) => (
                <tr key={k.id}><td>{k.name}</td><td>{formatDate(k.createdAt)}</td><td>{k.lastUsedAt ? formatDate(k.lastUsedAt) : t.account.never}</td><td>{formatDate(k.expiresAt)}</td>
                  <td><button type="button" class="small danger" onClick={async () => { try { await api.del(`users/me/tokens/${k.id}`); load(); } catch (e) { reportError(e); } }}>{t.account.revoke}</button></td></tr>
              ))}
            </tbody>
          </table>
          <form class="row gap" onSubmit={create}>
            <label class="inline">{t.account.tokenName} <input value={name} required onInput={(e) => setName(e.currentTarget.value)} /></label>
            <label class="inline">{t.account.expires} <input type="number" min={1} value={days} onInput={(e) => setDays(e.currentTarget.value)} /></label>
            <button type="submit" class="primary">{t.account.create}</button>
          </form>
        </>
      )}
    </section>
  );
}
