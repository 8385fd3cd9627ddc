package org.sinfonia.core.render.codec;

/**
 * The bytes of one frame as stored: a native frame, or the concatenated fragments of a compressed
 * one.
 *
 * @param bytes the frame's bytes
 * @param bitOffset where the frame starts in the first byte (1-bit native images only; else 0)
 */
public record EncodedFrame(byte[] bytes, int bitOffset) {}
