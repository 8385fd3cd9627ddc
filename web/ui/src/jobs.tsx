// The caller's jobs, polled every 2 s while the panel is open (polling: the jobs API has no event stream, and
// a 2 s refresh of one small list is cheap), with per-entry errors and cancel.
import { useEffect, useState } from 'preact/hooks';
import * as api from './api';
import { formatDate } from './format';
import { t } from './strings';
import { reportError } from './toast';

interface Job {
  id: string; kind: string; state: string; cancelRequested?: boolean; created?: string; failure?: string;
  progress?: { entriesDone?: number; entriesTotal?: number; bytesDone?: number; bytesTotal?: number };
  errors?: { entry?: string; error?: string; message?: string }[];
}

const finished = (s: string) => ['done', 'failed', 'cancelled'].includes(s);

export function JobsPanel() {
  const [jobs, setJobs] = useState<Job[] | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    api.get<Job[]>('jobs?limit=100').then(setJobs, reportError);
    const timer = setTimeout(() => setTick((n) => n + 1), 2000);
    return () => clearTimeout(timer);
  }, [tick]);
  async function cancel(id: string) {
    try { await api.del(`jobs/${id}`); setTick((n) => n + 1); } catch (e) { reportError(e); }
  }
  return (
    <section>
      <h1>{t.jobs.title}</h1>
      {!jobs ? <p class="muted">{t.viewer.loading}</p> : jobs.length === 0 ? <p class="muted">{t.jobs.none}</p> : (
        <table class="grid jobs">
          <thead><tr><th>{t.jobs.kind}</th><th>{t.jobs.state}</th><th>{t.jobs.progress}</th><th>{t.jobs.created}</th><th>{t.jobs.errors}</th><th></th></tr></thead>
          <tbody>
            {jobs.map((j) => {
              const p = j.progress ?? {};
              const total = p.entriesTotal ?? 0, done = p.entriesDone ?? 0;
              return (
                <tr key={j.id} data-state={j.state}>
                  <td>{j.kind}</td>
                  <td>{j.state}{j.cancelRequested && !finished(j.state) ? ` ${t.jobs.cancelling}` : ''}</td>
                  <td>{total ? <><progress max={total} value={done} aria-label={`${j.kind} ${t.jobs.progress}`} /> {done}/{total}</> : ''}</td>
                  <td>{formatDate(j.created)}</td>
                  <td>{j.failure && <div class="error">{j.failure}</div>}
                    {(j.errors ?? []).slice(0, 5).map((e, i) => <div key={i} class="error">{e.entry}: {e.message ?? e.error}</div>)}
                    {(j.errors?.length ?? 0) > 5 && <div class="muted">+{(j.errors!.length - 5)}</div>}</td>
                  <td>{!finished(j.state) && <button type="button" class="small" onClick={() => cancel(j.id)}>{t.jobs.cancel}</button>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
