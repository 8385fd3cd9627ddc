// A study browser over QIDO-RS: studies (patient, date, modalities, description, counts) > series > instances,
// filtered by patient ID, name, modality, date range and description; a series opens in the stack viewer.
import { useEffect, useState } from 'preact/hooks';
import * as api from './api';
import { navigate } from './router';
import { MODALITIES } from './search';
import { t } from './strings';
import { reportError } from './toast';
import { ohifLink, useViewers } from './viewers';

type DicomJson = Record<string, { vr: string; Value?: unknown[] }>;

/** The first value of a DICOM JSON attribute as text (person names by their alphabetic form). */
export function dicomValue(ds: DicomJson, tag: string): string {
  const v = ds[tag]?.Value?.[0];
  if (v === undefined || v === null) return '';
  if (typeof v === 'object' && 'Alphabetic' in (v as object)) return String((v as { Alphabetic: string }).Alphabetic).replace(/\^/g, ' ').trim();
  return ds[tag].Value!.map(String).join(', ');
}

export interface StudyFilters { patientId: string; patientName: string; modality: string; dateFrom: string; dateTo: string; description: string }
export const NO_FILTERS: StudyFilters = { patientId: '', patientName: '', modality: '', dateFrom: '', dateTo: '', description: '' };

const dicomDate = (d: string) => d.replace(/-/g, '');
/** Free text becomes a QIDO-RS wildcard match ("*text*") unless it has wildcards of its own. */
const contains = (s: string) => (s.trim() === '' ? '' : /[*?]/.test(s) ? s.trim() : `*${s.trim()}*`);

/** QIDO-RS study query keys for the filters; the description is asked for with includefield. */
export function studyQuery(f: StudyFilters): Record<string, string | number> {
  const out: Record<string, string | number> = { includefield: '00081030', limit: 200 };
  if (f.patientId.trim()) out.PatientID = f.patientId.trim();
  if (f.patientName.trim()) out.PatientName = contains(f.patientName);
  if (f.modality.trim()) out.ModalitiesInStudy = f.modality.trim().toUpperCase();
  if (f.dateFrom || f.dateTo) out.StudyDate = `${dicomDate(f.dateFrom)}-${dicomDate(f.dateTo)}`;
  if (f.description.trim()) out.StudyDescription = contains(f.description);
  return out;
}

const qido = async (path: string) => {
  const res = await api.request('GET', `/dicom-web/${path}`, undefined, { headers: { Accept: 'application/dicom+json' } });
  return res.status === 204 ? [] : ((await res.json()) as DicomJson[]);
};

const date = (d: string) => (d.length === 8 ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}` : d);
const num = (ds: DicomJson, tag: string) => Number(dicomValue(ds, tag)) || 0;

/** A series' instances in instance-number order. */
const instancesOf = async (study: string, series: string) => {
  const list = await qido(`studies/${study}/series/${series}/instances${api.q({ includefield: '00200013' })}`);
  return list.sort((a, b) => num(a, '00200013') - num(b, '00200013'));
};

/** Opens an instance's file page (for an image series, the stack viewer), found by SOP Instance UID. */
async function openInstance(sop: string) {
  try {
    const where = await api.get<{ fileId: string }>(`dicom/instances/${encodeURIComponent(sop)}`);
    navigate('file', where.fileId);
  } catch (err) { reportError(err); }
}

/** Opens a series in the stack viewer: the file page of its first instance. */
async function openSeries(study: string, series: string) {
  try {
    const first = (await instancesOf(study, series))[0];
    if (first) await openInstance(dicomValue(first, '00080018'));
  } catch (err) { reportError(err); }
}

export function StudiesPage() {
  const [studies, setStudies] = useState<DicomJson[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [series, setSeries] = useState<DicomJson[]>([]);
  const [filters, setFilters] = useState<StudyFilters>(NO_FILTERS);
  const viewers = useViewers();
  const [openSe, setOpenSe] = useState<string | null>(null);
  const [instances, setInstances] = useState<DicomJson[]>([]);
  const search = () => qido(`studies${api.q(studyQuery(filters))}`).then((s) => { setStudies(s); setOpen(null); }, reportError);
  useEffect(() => { search(); }, []);
  useEffect(() => { setSeries([]); setOpenSe(null); if (open) qido(`studies/${open}/series`).then(setSeries, reportError); }, [open]);
  useEffect(() => { setInstances([]); if (open && openSe) instancesOf(open, openSe).then(setInstances, reportError); }, [openSe]);
  const withViewer = !!ohifLink(viewers, { study: '' });
  const set = (k: keyof StudyFilters) => (e: { currentTarget: HTMLInputElement }) => setFilters({ ...filters, [k]: e.currentTarget.value });
  return (
    <section>
      <h1>{t.studies.title}</h1>
      <form class="row gap search-form" onSubmit={(e) => { e.preventDefault(); search(); }}>
        <label class="inline">{t.studies.patientId} <input name="PatientID" value={filters.patientId} onInput={set('patientId')} /></label>
        <label class="inline">{t.studies.patientName} <input name="PatientName" value={filters.patientName} onInput={set('patientName')} /></label>
        <label class="inline">{t.studies.modalityFilter} <input name="ModalitiesInStudy" list="study-modalities" size={8} value={filters.modality} onInput={set('modality')} /></label>
        <datalist id="study-modalities">{MODALITIES.map((m) => <option key={m} value={m} />)}</datalist>
        <label class="inline">{t.studies.dateFrom} <input type="date" value={filters.dateFrom} onInput={set('dateFrom')} /></label>
        <label class="inline">{t.studies.dateTo} <input type="date" value={filters.dateTo} onInput={set('dateTo')} /></label>
        <label class="inline">{t.studies.description} <input name="StudyDescription" value={filters.description} onInput={set('description')} /></label>
        <button type="submit" class="primary">{t.search.submit}</button>
      </form>
      {studies && studies.length === 0 && <p class="muted">{t.studies.none}</p>}
      {studies && studies.length > 0 && (
        // The viewer column only when some study has a viewer link: no empty column at the end.
        <table class="grid studies">
          <thead><tr><th>{t.studies.patient}</th><th>{t.studies.patientId}</th><th>{t.studies.date}</th><th>{t.studies.modality}</th><th>{t.studies.description}</th><th>{t.studies.series}</th><th>{t.studies.instances}</th>
            {withViewer && <th><span class="sr-only">{t.studies.ohif}</span></th>}</tr></thead>
          <tbody>
            {studies.map((s) => {
              const uid = dicomValue(s, '0020000D');
              const ohif = ohifLink(viewers, { study: uid });
              return (
                <>
                  <tr key={uid}>
                    <td><button type="button" class="link" aria-expanded={open === uid} onClick={() => setOpen(open === uid ? null : uid)}>{dicomValue(s, '00100010') || '—'}</button></td>
                    <td>{dicomValue(s, '00100020')}</td><td>{date(dicomValue(s, '00080020'))}</td><td>{dicomValue(s, '00080061')}</td>
                    <td>{dicomValue(s, '00081030')}</td><td>{dicomValue(s, '00201206')}</td><td>{dicomValue(s, '00201208')}</td>
                    {withViewer && <td>{ohif && <a class="button" href={ohif} target="_blank" rel="noopener"
                      aria-label={t.studies.ohifStudy(dicomValue(s, '00081030') || uid)}>{t.studies.ohif}</a>}</td>}
                  </tr>
                  {open === uid && (
                    <tr key={`${uid}-series`}><td colSpan={withViewer ? 8 : 7}>
                      <table class="grid series">
                        <thead><tr><th>{t.studies.number}</th><th>{t.studies.modalityFilter}</th><th>{t.studies.description}</th><th>{t.studies.instances}</th><th><span class="sr-only">{t.studies.open}</span></th>
                          {withViewer && <th><span class="sr-only">{t.studies.ohif}</span></th>}</tr></thead>
                        <tbody>{series.map((se) => {
                          const seUid = dicomValue(se, '0020000E');
                          return (
                            <>
                              <tr key={seUid}><td>{dicomValue(se, '00200011')}</td><td>{dicomValue(se, '00080060')}</td><td>{dicomValue(se, '0008103E')}</td>
                                <td><button type="button" class="link" aria-expanded={openSe === seUid} onClick={() => setOpenSe(openSe === seUid ? null : seUid)}
                                  aria-label={t.studies.showInstances(dicomValue(se, '00201209'), dicomValue(se, '00200011'))}>{dicomValue(se, '00201209')}</button></td>
                                <td><button type="button" onClick={() => openSeries(uid, seUid)}
                                  aria-label={t.studies.openSeries(dicomValue(se, '00080060'), dicomValue(se, '00200011'))}>{t.studies.open}</button></td>
                                {withViewer && <td><a class="button small" href={ohifLink(viewers, { study: uid, series: seUid }) ?? undefined} target="_blank" rel="noopener"
                                  aria-label={t.studies.ohifSeries(dicomValue(se, '00080060'), dicomValue(se, '00200011'))}>{t.studies.ohif}</a></td>}</tr>
                              {openSe === seUid && (
                                <tr key={`${seUid}-instances`}><td colSpan={withViewer ? 6 : 5}>
                                  <ul class="plain instances">{instances.map((i) => {
                                    const sop = dicomValue(i, '00080018');
                                    return (
                                      <li key={sop}><button type="button" class="link" onClick={() => openInstance(sop)}>
                                        {t.studies.instance(dicomValue(i, '00200013'))}</button> <span class="muted">{sop}</span></li>
                                    );
                                  })}</ul>
                                </td></tr>
                              )}
                            </>
                          );
                        })}</tbody>
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
