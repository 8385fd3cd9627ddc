// The shell: sign-in, the header with its user menu, routing to the screens, idle-timeout handling.
import { useEffect, useState } from 'preact/hooks';
import * as api from './api';
import { Session } from './api';
import { AccountPage } from './account';
import { AuditPage } from './audit';
import { Browser } from './browse';
import { JobsPanel } from './jobs';
import { FilePreview } from './preview';
import { href, navigate, useRoute } from './router';
import { SearchPage } from './search';
import { StudiesPage } from './studies';
import { t } from './strings';
import { Toasts } from './toast';
import { queue, UploadsPanel } from './uploads';
import { watchIdle } from './idle';
import { nextAfterLogin } from './viewers';

function Login(props: { message?: string; onLogin: (s: Session) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true); setError(undefined);
    try { props.onLogin(await api.login(username, password)); }
    catch (err) {
      const status = (err as api.ApiError).status;
      setError(status === 401 ? t.login.failed : (err as Error).message);
    } finally { setBusy(false); }
  }
  return (
    <main class="login">
      <form class="login-card" onSubmit={submit} aria-labelledby="login-title">
        <div class="brand-big">{t.appName}</div>
        <p class="muted">{t.tagline}</p>
        <h1 id="login-title">{t.login.title}</h1>
        {props.message && <p class="notice" role="status">{props.message}</p>}
        <label for="login-user">{t.login.username}</label>
        <input id="login-user" name="username" autocomplete="username" required value={username}
          onInput={(e) => setUsername(e.currentTarget.value)} autofocus />
        <label for="login-password">{t.login.password}</label>
        <input id="login-password" name="password" type="password" autocomplete="current-password" required value={password}
          onInput={(e) => setPassword(e.currentTarget.value)} />
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" class="primary" disabled={busy}>{busy ? t.login.busy : t.login.submit}</button>
      </form>
    </main>
  );
}

function Header(props: { session: Session; onLogout: () => void }) {
  const [open, setOpen] = useState(false);
  const route = useRoute();
  const link = (to: string, label: string) => (
    <a href={href(to)} class={route[0] === to ? 'active' : ''} aria-current={route[0] === to ? 'page' : undefined}>{label}</a>
  );
  return (
    <header class="top">
      <a class="brand" href={href('browse')}>{t.appName}</a>
      <nav aria-label="Main">
        {link('browse', t.nav.browse)}
        {link('search', t.nav.search)}
        {link('studies', t.nav.studies)}
        {link('uploads', t.nav.uploads)}
        {link('jobs', t.nav.jobs)}
        {props.session.user.admin && link('audit', t.nav.audit)}
      </nav>
      <div class="user-menu">
        <button type="button" aria-haspopup="true" aria-expanded={open} aria-label={t.nav.userMenu}
          onClick={() => setOpen(!open)} class="user-button">{props.session.user.name || props.session.user.login} ▾</button>
        {open && (
          <ul class="menu" role="menu" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
            <li role="none"><a role="menuitem" href={href('account')} onClick={() => setOpen(false)} class="menu-link">{t.nav.account}</a></li>
            <li role="none"><button role="menuitem" type="button" class="link" onClick={() => { setOpen(false); props.onLogout(); }}>{t.nav.logout}</button></li>
          </ul>
        )}
      </div>
    </header>
  );
}

export function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [message, setMessage] = useState<string | undefined>();
  const route = useRoute();

  useEffect(() => {
    api.setUnauthorizedHandler((code) => {
      api.forgetCredentials();
      setMessage(code === 'SESSION_EXPIRED' ? t.login.expired : t.login.expired);
      setSession(null);
    });
    api.currentSession().then(setSession).catch(() => setSession(null));
  }, []);

  useEffect(() => {
    if (!session?.idleTimeoutSeconds) return undefined;
    return watchIdle(session.idleTimeoutSeconds, () => queue.entries.some((e) => e.state === 'uploading'), async () => {
      await api.logout().catch(() => {});
      api.forgetCredentials();
      setMessage(t.login.expired);
      setSession(null);
    });
  }, [session]);

  if (session === undefined) return <div class="loading" aria-busy="true">{t.viewer.loading}</div>;
  if (session === null) return (<><Login message={message} onLogin={(s) => { const next = nextAfterLogin(location.search); if (next) { location.assign(next); return; } setMessage(undefined); setSession(s); if (!location.hash) navigate('browse'); }} /><Toasts /></>);

  async function logout() {
    await api.logout();
    setMessage(t.login.loggedOut);
    setSession(null);
  }

  let screen;
  switch (route[0]) {
    case 'search': screen = <SearchPage />; break;
    case 'uploads': screen = <UploadsPanel />; break;
    case 'file': screen = <FilePreview id={route[1]} />; break;
    case 'jobs': screen = <JobsPanel />; break;
    case 'studies': screen = <StudiesPage />; break;
    case 'audit': screen = <AuditPage />; break;
    case 'account': screen = <AccountPage session={session} />; break;
    default: screen = <Browser route={route} session={session} />;
  }
  return (
    <>
      <Header session={session} onLogout={logout} />
      <main id="main" tabIndex={-1}>{screen}</main>
      <Toasts />
    </>
  );
}
