/**
 * Rendering of DICOM images for Sinfonia's previewer (plain Java, no Vert.x): one frame of a
 * stored file to an 8-bit grey or RGB image or PNG, at thumbnail, preview or full size.
 *
 * <ul>
 *   <li>{@link org.sinfonia.core.render.DicomRenderer}: the entry point; reads only the frame's
 *       bytes, never throws for bad input (placeholder image + {@link org.sinfonia.core.render.RenderFailure}).</li>
 *   <li>Frame location: {@code NativeFrameLocator}, {@code EncapsulatedFrameLocator} (extended or
 *       basic offset table, fragment per frame, codestream starts), {@code StoredFile}.</li>
 *   <li>Decoders ({@code FrameDecoder}): native, RLE, JPEG baseline/extended via ImageIO and
 *       TwelveMonkeys, JPEG lossless (ours), JPEG 2000 when an ImageIO reader is present.</li>
 *   <li>Pixel pipeline ({@code FramePipeline}): stored bits, modality transform, VOI window and
 *       function, MONOCHROME1, YBR/palette to RGB, downscale by halving, PNG.</li>
 *   <li>{@link org.sinfonia.core.render.TagListModel}: the previewer's attribute list.</li>
 * </ul>
 * See {@code core/RENDER.md} for what is supported and how it is tested.
 */
package org.sinfonia.core.render;
