package io.topogan.formats;

/**
 * Element types supported by {@link Npy}, with the NumPy type code ({@code f4}, {@code u1}, ...)
 * and the size of one element in bytes.
 */
public enum NpyDtype {
    FLOAT32("f4", 4),
    FLOAT64("f8", 8),
    UINT8("u1", 1),
    INT32("i4", 4),
    INT64("i8", 8);

    private final String typeCode;
    private final int itemSize;

    NpyDtype(String typeCode, int itemSize) {
        this.typeCode = typeCode;
        this.itemSize = itemSize;
    }

    /** NumPy type code without the byte-order character, e.g. {@code "f4"}. */
    public String typeCode() {
        return typeCode;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /**
     * Returns the little-endian NumPy {@code descr} string that {@link Npy} writes, e.g.
     * {@code "<f4"}, or {@code "|u1"} for single bytes, which have no byte order.
     */
    public String littleEndianDescr() {
        return (itemSize == 1 ? "|" : "<") + typeCode;
    }

    /** Returns the dtype whose type code is {@code typeCode}, or null if none is supported. */
    static NpyDtype fromTypeCode(String typeCode) {
        for (NpyDtype dtype : values()) {
            if (dtype.typeCode.equals(typeCode)) {
                return dtype;
            }
        }
        return null;
    }
}
