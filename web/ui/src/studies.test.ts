import { describe, expect, it } from 'vitest';
import { NO_DICOM, searchQuery } from './search';
import { NO_FILTERS, studyQuery } from './studies';
import { nextAfterLogin, ohifLink } from './viewers';

describe('study browser query', () => {
  it('sends QIDO-RS keys for the filters, asks for the description, leaves empty ones out', () => {
    expect(studyQuery(NO_FILTERS)).toEqual({ includefield: '00081030', limit: 200 });
    expect(studyQuery({ patientId: ' PH-001 ', patientName: 'doe', modality: 'ct', dateFrom: '2024-01-01', dateTo: '2024-01-31', description: 'thorax' }))
      .toEqual({ includefield: '00081030', limit: 200, PatientID: 'PH-001', PatientName: '*doe*', ModalitiesInStudy: 'CT', StudyDate: '20240101-20240131', StudyDescription: '*thorax*' });
  });
  it('keeps wildcards the person typed and open-ended date ranges', () => {
    const q = studyQuery({ ...NO_FILTERS, patientName: 'Do?^J*', dateTo: '2024-02-01' });
    expect(q.PatientName).toBe('Do?^J*');
    expect(q.StudyDate).toBe('-20240201');
    expect(studyQuery({ ...NO_FILTERS, dateFrom: '2024-02-01' }).StudyDate).toBe('20240201-');
  });
});

describe('Open in OHIF', () => {
  it('is offered only when /viewers says OHIF is available, with its address', () => {
    const links = { study: '/viewer/viewer?StudyInstanceUIDs={study}', series: '/viewer/viewer?StudyInstanceUIDs={study}&initialSeriesInstanceUID={series}', folder: '/viewer/?datasources=sinfonia-folder&folder={folder}' };
    expect(ohifLink(null, { study: '1.2.3' })).toBeNull();
    expect(ohifLink({}, { study: '1.2.3' })).toBeNull();
    expect(ohifLink({ ohif: { available: false, links } }, { study: '1.2.3' })).toBeNull();
    expect(ohifLink({ ohif: { available: true, url: '/viewer/' } }, { study: '1.2.3' })).toBeNull();
    const v = { ohif: { available: true, url: '/viewer/', links } };
    expect(ohifLink(v, { study: '1.2.3' })).toBe('/viewer/viewer?StudyInstanceUIDs=1.2.3');
    expect(ohifLink(v, { study: '1.2.3', series: '1.2.3.4' })).toBe('/viewer/viewer?StudyInstanceUIDs=1.2.3&initialSeriesInstanceUID=1.2.3.4');
    expect(ohifLink(v, { folder: 'a b&c' })).toBe('/viewer/?datasources=sinfonia-folder&folder=a%20b%26c');
  });
  it('sends the user back into the viewer after sign-in, and nowhere else', () => {
    expect(nextAfterLogin('?next=%2Fviewer%2Fviewer%3FStudyInstanceUIDs%3D1.2')).toBe('/viewer/viewer?StudyInstanceUIDs=1.2');
    expect(nextAfterLogin('')).toBeNull();
    expect(nextAfterLogin('?next=https%3A%2F%2Fevil.example%2Fviewer%2F')).toBeNull();
    expect(nextAfterLogin('?next=%2F%2Fevil.example%2Fviewer%2F')).toBeNull();
    expect(nextAfterLogin('?next=%2Fviewer%2F%2Fevil')).toBeNull();
    expect(nextAfterLogin('?next=%2Fapi%2Fv1%2Fsession')).toBeNull();
  });
});

describe('search query', () => {
  it('sends the DICOM filters as the search API parameters', () => {
    const p = new URLSearchParams(searchQuery('', [], '', { patientId: 'PH-001', modality: 'CT', dateFrom: '2024-01-01', dateTo: '', description: ' thorax ' }).slice(1));
    expect(p.get('patientId')).toBe('PH-001');
    expect(p.get('modality')).toBe('CT');
    expect(p.get('studyDateFrom')).toBe('2024-01-01');
    expect(p.has('studyDateTo')).toBe(false);
    expect(p.get('studyDescription')).toBe('thorax');
    expect(p.has('q')).toBe(false);
    expect(new URLSearchParams(searchQuery('lung', ['file'], 'a=b', NO_DICOM).slice(1)).get('meta.a')).toBe('b');
  });
});
