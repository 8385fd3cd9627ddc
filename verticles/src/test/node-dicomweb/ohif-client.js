#!/usr/bin/env node
// Drives OHIF's dicomweb-client (0.11.3) against a DICOMweb root the way OHIF's DicomWebDataSource does,
// and prints one JSON object describing what came back (OhifClientTest asserts on it).
// usage: node ohif-client.js ROOT_URL DIR     env: SINFONIA_TOKEN (Bearer token)
//   ROOT_URL  e.g. http://127.0.0.1:8080/dicom-web
//   DIR       *.dcm files to store first with storeInstances
'use strict';
global.XMLHttpRequest = require('xhr2');
const fs = require('node:fs');
const path = require('node:path');
const { api } = require('dicomweb-client');

const [root, dir] = process.argv.slice(2);
const headers = process.env.SINFONIA_TOKEN ? { Authorization: `Bearer ${process.env.SINFONIA_TOKEN}` } : {};
const client = new api.DICOMwebClient({ url: root, headers });

// The study-list query of OHIF's DicomWebDataSource/qido.js (mapParams), with its wildcard and range forms.
function ohifStudyQuery(p) {
  const withWildcard = v => (v ? `*${v}*` : v);
  const q = {
    PatientName: withWildcard(p.patientName),
    '00100020': withWildcard(p.patientId),
    AccessionNumber: withWildcard(p.accessionNumber),
    StudyDescription: withWildcard(p.studyDescription),
    ModalitiesInStudy: p.modalitiesInStudy,
    limit: p.limit || 101,
    offset: p.offset || 0,
    fuzzymatching: p.fuzzy === true,
    includefield: '00081030,00080060,00080090,00100030',
  };
  if (p.startDate && p.endDate) q.StudyDate = `${p.startDate}-${p.endDate}`;
  else if (p.startDate) q.StudyDate = `${p.startDate}-`;
  else if (p.endDate) q.StudyDate = `-${p.endDate}`;
  if (p.studyInstanceUid) {
    let uids = Array.isArray(p.studyInstanceUid) ? p.studyInstanceUid.join() : p.studyInstanceUid;
    q.StudyInstanceUID = uids.replace(/[^0-9.]+/g, '\\');
  }
  Object.keys(q).forEach(k => q[k] === undefined && delete q[k]);
  return q;
}

const value = (ds, tag) => (ds[tag] && ds[tag].Value ? ds[tag].Value[0] : undefined);
const studyUids = list => list.map(s => value(s, '0020000D')).sort();

(async () => {
  const out = {};
  const files = fs.readdirSync(dir).filter(f => f.endsWith('.dcm')).sort();
  const datasets = files.map(f => { const b = fs.readFileSync(path.join(dir, f)); return b.buffer.slice(b.byteOffset, b.byteOffset + b.length); });
  const stored = await client.storeInstances({ datasets });
  out.stored = typeof stored === 'string' ? JSON.parse(stored) : stored;

  const all = await client.searchForStudies({ queryParams: ohifStudyQuery({}) });
  out.allStudies = studyUids(all);
  out.firstStudy = all[0];
  out.byName = studyUids(await client.searchForStudies({ queryParams: ohifStudyQuery({ patientName: 'ohif' }) }));
  out.byNameFuzzy = studyUids(await client.searchForStudies({ queryParams: ohifStudyQuery({ patientName: 'ohif pat', fuzzy: true }) }));
  out.byPatientId = studyUids(await client.searchForStudies({ queryParams: ohifStudyQuery({ patientId: 'OHIF-2' }) }));
  out.byDescription = studyUids(await client.searchForStudies({ queryParams: ohifStudyQuery({ studyDescription: 'aging' }) }));
  out.byAccession = studyUids(await client.searchForStudies({ queryParams: ohifStudyQuery({ accessionNumber: 'ACC' }) }));
  out.byModality = studyUids(await client.searchForStudies({ queryParams: ohifStudyQuery({ modalitiesInStudy: 'MR' }) }));
  out.byDates = studyUids(await client.searchForStudies({ queryParams: ohifStudyQuery({ startDate: '20240101', endDate: '20240131' }) }));
  out.byDatesOutside = studyUids(await client.searchForStudies({ queryParams: ohifStudyQuery({ startDate: '20250101', endDate: '20251231' }) }));
  out.byUids = studyUids(await client.searchForStudies({ queryParams: ohifStudyQuery({ studyInstanceUid: out.allStudies.slice(0, 2) }) }));
  out.paged = studyUids(await client.searchForStudies({ queryParams: ohifStudyQuery({ limit: 1, offset: 1 }) }));

  const study = out.allStudies[0];
  const series = await client.searchForSeries({ studyInstanceUID: study, queryParams: { includefield: '0008103E,00080021' } });
  out.series = series;
  const seriesUid = value(series[0], '0020000E');
  const instances = await client.searchForInstances({ studyInstanceUID: study, seriesInstanceUID: seriesUid });
  out.instances = instances;
  const metadata = await client.retrieveSeriesMetadata({ studyInstanceUID: study, seriesInstanceUID: seriesUid });
  out.metadata = metadata;
  const sop = value(metadata[0], '00080018');
  const frames = await client.retrieveInstanceFrames({ studyInstanceUID: study, seriesInstanceUID: seriesUid,
    sopInstanceUID: sop, frameNumbers: [1] });
  out.frameBytes = frames.map(f => f.byteLength);
  const anyFrames = await client.retrieveInstanceFrames({ studyInstanceUID: study, seriesInstanceUID: seriesUid,
    sopInstanceUID: sop, frameNumbers: [1], mediaTypes: [{ mediaType: 'application/octet-stream', transferSyntaxUID: '*' }] });
  out.anyFrameBytes = anyFrames.map(f => f.byteLength);
  const bulk = metadata[0]['7FE00010'] && metadata[0]['7FE00010'].BulkDataURI;
  if (bulk) {
    const data = await client.retrieveBulkData({ BulkDataURI: bulk });
    out.bulkBytes = data.map(d => d.byteLength);
  }
  const retrieved = await client.retrieveInstance({ studyInstanceUID: study, seriesInstanceUID: seriesUid, sopInstanceUID: sop });
  out.instanceBytes = retrieved.byteLength;
  console.log(JSON.stringify(out));
})().catch(e => {
  console.error('dicomweb-client failed:', e && (e.message || e.status || e), e && e.response ? String(e.response).slice(0, 300) : '');
  process.exit(1);
});
