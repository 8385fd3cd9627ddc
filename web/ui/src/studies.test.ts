import { describe, expect, it } from 'vitest';
import { NO_DICOM, searchQuery } from './search';
import { NO_FILTERS, ohifLink, studyQuery } from './studies';

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
    expect(ohifLink(null, '1.2.3')).toBeNull();
    expect(ohifLink({}, '1.2.3')).toBeNull();
    expect(ohifLink({ ohif: { available: false } }, '1.2.3')).toBeNull();
    expect(ohifLink({ ohif: { available: true } }, '1.2.3')).toBeNull();
    expect(ohifLink({ ohif: { available: true, url: '/viewer/' } }, '1.2.3')).toBe('/viewer/?StudyInstanceUIDs=1.2.3');
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
