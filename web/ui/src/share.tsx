// The share dialog: users and groups with READ/WRITE/ADMIN, the public switch, "apply to everything below",
// with name completion from /api/v1/directory (when the server has it).
import { useEffect, useState } from 'preact/hooks';
import * as api from './api';
import type { Resource } from './browse';
import { Dialog } from './dialog';
import { Icon } from './icons';
import { t } from './strings';
import { notify, reportError } from './toast';

interface Acl { public: boolean; users: { login: string; level: number }[]; groups: { name: string; level: number }[] }

export function ShareDialog(props: { resource: Resource; onClose: () => void }) {
  const path = `${props.resource.type}s/${props.resource.id}/access`;
  const [acl, setAcl] = useState<Acl | null>(null);
  const [recurse, setRecurse] = useState(false);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'user' | 'group'>('user');
  const [level, setLevel] = useState(0);
  const [hints, setHints] = useState<{ label: string; kind: 'user' | 'group'; value: string }[]>([]);
  useEffect(() => { api.get<Acl>(path).then(setAcl, (e) => { reportError(e); props.onClose(); }); }, [path]);
  useEffect(() => {
    if (name.length < 1) { setHints([]); return; }
    const timer = setTimeout(() => {
      api.get<{ users: { login: string; name?: string }[]; groups: { name: string }[] }>(`directory${api.q({ q: name, limit: 10 })}`)
        .then((d) => setHints([...d.users.map((u) => ({ label: u.name ? `${u.name} (${u.login})` : u.login, kind: 'user' as const, value: u.login })),
          ...d.groups.map((g) => ({ label: `${g.name} (${t.share.group})`, kind: 'group' as const, value: g.name }))]))
        .catch(() => setHints([]));
    }, 200);
    return () => clearTimeout(timer);
  }, [name]);
  if (!acl) return null;

  function add(e: Event) {
    e.preventDefault();
    const v = name.trim();
    if (!v || !acl) return;
    if (kind === 'user') setAcl({ ...acl, users: [...acl.users.filter((u) => u.login !== v), { login: v, level }] });
    else setAcl({ ...acl, groups: [...acl.groups.filter((g) => g.name !== v), { name: v, level }] });
    setName('');
  }
  async function save() {
    try {
      await api.put(`${path}${recurse ? '?recurse=true' : ''}`, acl);
      notify(t.share.saved); props.onClose();
    } catch (e) { reportError(e); }
  }
  const levelSelect = (value: number, onChange: (n: number) => void, label: string) => (
    <select aria-label={label} value={value} onChange={(e) => onChange(Number(e.currentTarget.value))}>
      {t.share.levels.map((l, i) => <option value={i} key={i}>{l}</option>)}
    </select>
  );
  return (
    <Dialog title={t.share.title(props.resource.name)} onClose={props.onClose} wide>
      <table class="grid">
        <thead><tr><th>{t.share.user} / {t.share.group}</th><th>{t.share.level}</th><th></th></tr></thead>
        <tbody>
          {acl.users.map((u) => (
            <tr key={`u${u.login}`}><td><Icon name="user" /> {u.login}</td>
              <td>{levelSelect(u.level, (n) => setAcl({ ...acl, users: acl.users.map((x) => x.login === u.login ? { ...x, level: n } : x) }), `${t.share.level} ${u.login}`)}</td>
              <td><button type="button" class="small" onClick={() => setAcl({ ...acl, users: acl.users.filter((x) => x !== u) })}>{t.browse.remove}</button></td></tr>
          ))}
          {acl.groups.map((g) => (
            <tr key={`g${g.name}`}><td><Icon name="group" /> {g.name}</td>
              <td>{levelSelect(g.level, (n) => setAcl({ ...acl, groups: acl.groups.map((x) => x.name === g.name ? { ...x, level: n } : x) }), `${t.share.level} ${g.name}`)}</td>
              <td><button type="button" class="small" onClick={() => setAcl({ ...acl, groups: acl.groups.filter((x) => x !== g) })}>{t.browse.remove}</button></td></tr>
          ))}
        </tbody>
      </table>
      <form class="row gap share-add" onSubmit={add}>
        <select aria-label={t.share.user + ' / ' + t.share.group} value={kind} onChange={(e) => setKind(e.currentTarget.value as 'user' | 'group')}>
          <option value="user">{t.share.user}</option><option value="group">{t.share.group}</option>
        </select>
        <input aria-label={t.share.addPerson} placeholder={t.share.addPerson} list="share-hints" value={name} onInput={(e) => setName(e.currentTarget.value)} id="share-name" />
        <datalist id="share-hints">{hints.filter((h) => h.kind === kind).map((h) => <option key={h.value} value={h.value}>{h.label}</option>)}</datalist>
        {levelSelect(level, setLevel, t.share.level)}
        <button type="submit">{t.share.add}</button>
      </form>
      <label class="check"><input type="checkbox" checked={acl.public} onChange={(e) => setAcl({ ...acl, public: e.currentTarget.checked })} /> {t.share.public}</label>
      <label class="check"><input type="checkbox" checked={recurse} onChange={(e) => setRecurse(e.currentTarget.checked)} /> {t.share.recurse}</label>
      <div class="row gap end">
        <button type="button" onClick={props.onClose}>{t.browse.cancel}</button>
        <button type="button" class="primary" onClick={save}>{t.share.apply}</button>
      </div>
    </Dialog>
  );
}
