// A study browser over QIDO-RS: studies (patient, date, modalities, description, counts) > series > instances.
import { useEffect, useState } from 'preact/hooks';
import * as api from './api';
import { t } from './strings';
import { reportError } from './toast';

type DicomJson = Record<string, { vr: string; Value?: unknown[] }>;

/** The first value of a DICOM JSON attribute as text (person names by their alphabetic form). */
export function dicomValue(ds: DicomJson, tag: string): string {
  const v = ds[tag]?.Value?.[0];
  if (v === undefined || v === null) return '';
  if (typeof v === 'object' && 'Alphabetic' in (v as object)) return String((v as { Alphabetic: string }).Alphabetic).replace(/\^/g, ' ').trim();
  return ds[tag].Value!.map(String).join(', ');
}

const qido = async (path: string) => {
  const res = await api.request('GET', `/dicom-web/${path}`, undefined, { headers: { Accept: 'application/dicom+json' } });
  return res.status === 204 ? [] : ((await res.json()) as DicomJson[]);
};

const date = (d: string) => (d.length === 8 ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}` : d);

export function StudiesPage() {
  const [studies, setStudies] = useState<DicomJson[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [series, setSeries] = useState<DicomJson[]>([]);
  const [patient, setPatient] = useState('');
  const search = () => qido(`studies${api.q({ PatientID: patient, limit: 200 })}`).then(setStudies, reportError);
  useEffect(() => { search(); }, []);
  useEffect(() => { if (open) qido(`studies/${open}/series`).then(setSeries, reportError); }, [open]);
  return (
    <section>
      <h1>{t.studies.title}</h1>
      <form class="row gap search-form" onSubmit={(e) => { e.preventDefault(); search(); }}>
        <label class="inline">{t.studies.patientId} <input value={patient} onInput={(e) => setPatient(e.currentTarget.value)} /></label>
        <button type="submit" class="primary">{t.search.submit}</button>
      </form>
      {studies && studies.length === 0 && <p class="muted">{t.studies.none}</p>}
      {studies && studies.length > 0 && (
        <table class="grid studies">
          <thead><tr><th>{t.studies.patient}</th><th>{t.studies.patientId}</th><th>{t.studies.date}</th><th>{t.studies.modality}</th><th>{t.studies.description}</th><th>{t.studies.series}</th><th>{t.studies.instances}</th></tr></thead>
          <tbody>
            {studies.map((s) => {
              const uid = dicomValue(s, '0020000D');
              return (
                <>
                  <tr key={uid}>
                    <td><button type="button" class="link" aria-expanded={open === uid} onClick={() => setOpen(open === uid ? null : uid)}>{dicomValue(s, '00100010') || '—'}</button></td>
                    <td>{dicomValue(s, '00100020')}</td><td>{date(dicomValue(s, '00080020'))}</td><td>{dicomValue(s, '00080061')}</td>
                    <td>{dicomValue(s, '00081030')}</td><td>{dicomValue(s, '00201206')}</td><td>{dicomValue(s, '00201208')}</td>
                  </tr>
                  {open === uid && (
                    <tr key={`${uid}-series`}><td colSpan={7}>
                      <table class="grid">
                        <thead><tr><th>{t.studies.number}</th><th>{t.studies.modality}</th><th>{t.studies.description}</th><th>{t.studies.instances}</th></tr></thead>
                        <tbody>{series.map((se) => (
                          <tr key={dicomValue(se, '0020000E')}><td>{dicomValue(se, '00200011')}</td><td>{dicomValue(se, '00080060')}</td><td>{dicomValue(se, '0008103E')}</td><td>{dicomValue(se, '00201209')}</td></tr>
                        ))}</tbody>
                      </table>
                    </td></tr>
                  )}
                </>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
