package org.sinfonia.core.render;

import java.util.Optional;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomElement;
import org.sinfonia.core.dicom.DicomTags;

/**
 * The window a greyscale rendering uses, and where it came from: the request's, else the file's
 * first Window Center/Width pair with its VOI LUT Function, else the frame's own range of
 * modality values (a min-max window, as dcmtk's {@code +Wm}).
 *
 * @param window   centre and width in modality units
 * @param function how the window maps values
 * @param source   which of the three it was
 */
record VoiSelection(Window window, VoiFunction function, Source source) {

    enum Source { REQUEST, FILE, PIXEL_RANGE }

    static VoiSelection choose(Optional<Window> requested, DicomDataset header, ModalityTransform modality,
                               int[] storedSamples, SampleRange storedRange) {
        VoiFunction function = VoiFunction.ofDicomName(header.string(PixelTags.VOI_LUT_FUNCTION));
        if (requested.isPresent()) {
            return new VoiSelection(requested.get(), function, Source.REQUEST);
        }
        double[] centers = header.find(DicomTags.WINDOW_CENTER).map(DicomElement::doubles).orElse(new double[0]);
        double[] widths = header.find(DicomTags.WINDOW_WIDTH).map(DicomElement::doubles).orElse(new double[0]);
        if (centers.length > 0 && widths.length > 0 && Double.isFinite(centers[0]) && widths[0] >= 1
                && Double.isFinite(widths[0])) {
            return new VoiSelection(new Window(centers[0], widths[0]), function, Source.FILE);
        }
        return new VoiSelection(modalityRange(modality, storedSamples, storedRange), VoiFunction.LINEAR,
                Source.PIXEL_RANGE);
    }

    private static Window modalityRange(ModalityTransform modality, int[] samples, SampleRange stored) {
        if (modality.isIncreasing()) {
            return Window.spanning(modality.apply(stored.min()), modality.apply(stored.max()));
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int sample : samples) {
            double value = modality.apply(sample);
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return Window.spanning(min, max);
    }
}
