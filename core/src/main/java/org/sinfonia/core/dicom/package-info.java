/**
 * Sinfonia's own DICOM codec (dcm4che is not on Maven Central): plain Java, no dependencies.
 *
 * <h2>Reading</h2>
 *
 * <ul>
 *   <li>{@link org.sinfonia.core.dicom.DicomStreamParser}: push-fed, incremental Part 10 parser.
 *       {@code feed(ByteBuffer)} / {@code feed(byte[], int, int)} take any split of the bytes,
 *       {@code end()} closes the stream; one instance per stream. Reports to a {@link
 *       org.sinfonia.core.dicom.DicomStreamListener}; fails only with the checked {@link
 *       org.sinfonia.core.dicom.DicomParseException} (offset and tag path).
 *   <li>{@link org.sinfonia.core.dicom.DicomParserOptions}: bulk data threshold (64 KiB) and
 *       nesting limit (64).
 *   <li>{@link org.sinfonia.core.dicom.DicomDatasetCollector}: a listener that builds the {@link
 *       org.sinfonia.core.dicom.DicomDataset} of header attributes ({@link
 *       org.sinfonia.core.dicom.DicomElement}, {@link org.sinfonia.core.dicom.DicomValue}); pixel
 *       data and large values are kept as file offsets and lengths, never copied.
 *   <li>{@link org.sinfonia.core.dicom.DicomHeaderReader}: the two above over an InputStream.
 * </ul>
 *
 * <h2>Writing and tools</h2>
 *
 * <ul>
 *   <li>{@link org.sinfonia.core.dicom.DicomJsonWriter}: DICOM JSON (PS3.18 Annex F), with
 *       BulkDataURIs from a {@link org.sinfonia.core.dicom.BulkDataUriFactory}.
 *   <li>{@link org.sinfonia.core.dicom.DicomDump}: the {@code dump} command.
 * </ul>
 *
 * <h2>Reference data</h2>
 *
 * {@link org.sinfonia.core.dicom.DicomDictionary} (generated from dcmtk's dicom.dic by {@code
 * core/tools/gen-dicom-dictionary.py}), {@link org.sinfonia.core.dicom.DicomTags}, {@link
 * org.sinfonia.core.dicom.Vr}, {@link org.sinfonia.core.dicom.TransferSyntax}, {@link
 * org.sinfonia.core.dicom.SpecificCharacterSet}.
 */
package org.sinfonia.core.dicom;
