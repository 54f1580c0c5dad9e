/**
 * @file UTF-8 validation that says where the first invalid byte is, so a
 * non-UTF-8 file gets a diagnostic at an exact position.
 */

/**
 * Offset of the first byte that is not part of a well-formed UTF-8 sequence,
 * or -1 when the whole buffer is valid UTF-8.
 * @param {Uint8Array} bytes
 * @returns {number}
 */
export function firstInvalidUtf8Offset(bytes) {
    let i = 0;
    while (i < bytes.length) {
        const lead = bytes[i];
        if (lead < 0x80) {
            i += 1;
            continue;
        }
        const length = sequenceLength(bytes, i);
        if (length === 0) {
            return i;
        }
        i += length;
    }
    return -1;
}

/**
 * Length of the well-formed multi-byte sequence at `i`, or 0 (RFC 3629
 * table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF).
 * @param {Uint8Array} bytes
 * @param {number} i
 * @returns {number}
 */
function sequenceLength(bytes, i) {
    const lead = bytes[i];
    /** @type {[number, number, number]} length, lowest and highest allowed second byte */
    let shape;
    if (lead >= 0xc2 && lead <= 0xdf) {
        shape = [2, 0x80, 0xbf];
    } else if (lead === 0xe0) {
        shape = [3, 0xa0, 0xbf];
    } else if (lead === 0xed) {
        shape = [3, 0x80, 0x9f];
    } else if (lead >= 0xe1 && lead <= 0xef) {
        shape = [3, 0x80, 0xbf];
    } else if (lead === 0xf0) {
        shape = [4, 0x90, 0xbf];
    } else if (lead === 0xf4) {
        shape = [4, 0x80, 0x8f];
    } else if (lead >= 0xf1 && lead <= 0xf3) {
        shape = [4, 0x80, 0xbf];
    } else {
        return 0;
    }
    const [length, low, high] = shape;
    if (i + length > bytes.length || bytes[i + 1] < low || bytes[i + 1] > high) {
        return 0;
    }
    for (let k = 2; k < length; k += 1) {
        if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) {
            return 0;
        }
    }
    return length;
}
