package org.sinfonia.core.render;

/**
 * A JPEG Huffman table (T.81 Annex C) built from a DHT segment's 16 code counts and values, decoded
 * through a 9-bit lookup for the short codes and the per-length maximum codes (F.2.2.3) for the rest.
 */
final class HuffmanTable {

    private static final int LOOKUP_BITS = 9;

    private final int[] lookup = new int[1 << LOOKUP_BITS];
    private final int[] maxCode = new int[18];
    private final int[] valueOffset = new int[17];
    private final int[] values;

    /** @param counts counts[l-1] codes of length l, for l = 1..16 */
    HuffmanTable(int[] counts, int[] values) throws RenderException {
        this.values = values;
        int code = 0;
        int k = 0;
        for (int length = 1; length <= 16; length++) {
            valueOffset[length] = k - code;
            for (int i = 0; i < counts[length - 1]; i++, k++, code++) {
                if (k >= values.length) {
                    throw new RenderException(RenderFailure.Code.DECODING_FAILED, "Huffman table counts exceed its values");
                }
                if (length <= LOOKUP_BITS) {
                    int shift = LOOKUP_BITS - length;
                    for (int fill = 0; fill < 1 << shift; fill++) {
                        lookup[code << shift | fill] = length << 16 | values[k];
                    }
                }
            }
            maxCode[length] = counts[length - 1] == 0 ? -1 : code - 1;
            code <<= 1;
        }
        maxCode[17] = Integer.MAX_VALUE;
    }

    /** The next value (a difference category) coded in {@code bits}. */
    int decode(JpegBitReader bits) throws RenderException {
        int entry = lookup[bits.peek(LOOKUP_BITS)];
        if (entry != 0) {
            bits.skip(entry >>> 16);
            return entry & 0xFFFF;
        }
        int code = bits.peek(16);
        for (int length = LOOKUP_BITS + 1; length <= 16; length++) {
            int prefix = code >>> (16 - length);
            if (prefix <= maxCode[length]) {
                bits.skip(length);
                return values[valueOffset[length] + prefix];
            }
        }
        throw new RenderException(RenderFailure.Code.DECODING_FAILED, "no Huffman code matches the data");
    }
}
