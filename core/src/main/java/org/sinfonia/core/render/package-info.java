/**
 * Rendering of DICOM images for Sinfonia's previewer (plain Java, no Vert.x): one frame of a stored
 * file to an 8-bit grey or RGB image or PNG, at thumbnail, preview or full size.
 *
 * <ul>
 *   <li>{@link org.sinfonia.core.render.DicomRenderer}: the entry point. Reads only the requested
 *       frame's bytes from the stored file; never throws for bad or unsupported input (placeholder
 *       image + {@link org.sinfonia.core.render.RenderFailure}).
 *   <li>Frame location ({@code frame}): {@code NativeFrameLocator}, {@code
 *       EncapsulatedFrameLocator} (extended or basic offset table, fragment per frame, codestream
 *       starts), {@code DeflatedFrameLocator} (deflated data sets), {@link
 *       org.sinfonia.core.render.StoredFile}.
 *   <li>Decoders ({@code codec}: {@code FrameDecoder}, chosen by {@code FrameDecoders}): native,
 *       RLE, JPEG baseline/extended (8-bit via ImageIO and TwelveMonkeys, 12-bit ours), JPEG
 *       lossless (ours), JPEG-LS (ours), JPEG 2000 when an ImageIO reader for it is on the class
 *       path.
 *   <li>Pixel pipeline ({@code display}: {@code FramePipeline}): stored bits, modality transform,
 *       VOI window and function, MONOCHROME1, YBR and palette to RGB, downscale by halving, PNG
 *       ({@link org.sinfonia.core.render.output.PngEncoder}).
 *   <li>{@link org.sinfonia.core.render.tags.TagListModel}: the previewer's attribute list.
 *   <li>{@link org.sinfonia.core.render.output.PixelFont}: machine-independent text for
 *       placeholders and legends.
 * </ul>
 *
 * See {@code core/RENDER.md} for what is supported, the decisions and how it is tested.
 */
package org.sinfonia.core.render;
