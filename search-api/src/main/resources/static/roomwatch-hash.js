/*
 * roomwatch's hashing in the browser: PDQ (Meta's perceptual hash) and MD5, written for this project from the
 * published algorithms, so a photo is hashed on the device that holds it and only the hashes leave.
 *
 * PDQ follows the project's Java implementation (media/Pdq.java) operation for operation in 32-bit floats
 * (Math.fround after every step, Float32Array for every buffer), so the same pixels give the same bits: float luma,
 * two passes of a Jarosz box filter (rows, then columns) with a window of ceil(dimension/128), decimation to 64x64,
 * the 16x16 low-frequency slice of the 2-D DCT, one bit per coefficient above the median.
 *
 * Works in a page (window.RoomwatchHash) and in Node (module.exports), with no dependency.
 */
(function (root) {
  'use strict';
  const f = Math.fround;
  const LUMA_R = f(0.299);
  const LUMA_G = f(0.587);
  const LUMA_B = f(0.114);
  const WINDOW_DIVISOR = 128;

  // D[i][j] = sqrt(2/64) cos(pi/128 (i+1)(2j+1)), i in 0..15, j in 0..63, computed as Java does (double, then float).
  const DCT = new Float32Array(16 * 64);
  (function () {
    const scale = f(Math.sqrt(2.0 / 64.0));
    for (let i = 0; i < 16; i++) {
      for (let j = 0; j < 64; j++) {
        DCT[i * 64 + j] = f(scale * Math.cos((Math.PI / 2 / 64.0) * (i + 1) * (2 * j + 1)));
      }
    }
  })();

  /** Float luma of RGBA pixels (ImageData.data), row-major; alpha is ignored, as by the Java decoder's RGB. */
  function luma(rgba, width, height) {
    const out = new Float32Array(width * height);
    for (let p = 0, q = 0; p < out.length; p++, q += 4) {
      out[p] = f(f(f(LUMA_R * rgba[q]) + f(LUMA_G * rgba[q + 1])) + f(LUMA_B * rgba[q + 2]));
    }
    return out;
  }

  /** The reference's box filter along one line: the window grows at the start and shrinks at the end. */
  function box(input, output, offset, length, stride, window) {
    const half = Math.trunc((window + 2) / 2);
    const phase1 = half - 1;
    const phase2 = window - half + 1;
    const phase3 = length - window;
    const phase4 = half - 1;
    let li = offset;
    let ri = offset;
    let oi = offset;
    let sum = 0;
    let current = 0;
    for (let i = 0; i < phase1; i++) {
      sum = f(sum + input[ri]);
      current++;
      ri += stride;
    }
    for (let i = 0; i < phase2; i++) {
      sum = f(sum + input[ri]);
      current++;
      output[oi] = f(sum / current);
      ri += stride;
      oi += stride;
    }
    for (let i = 0; i < phase3; i++) {
      sum = f(sum + input[ri]);
      sum = f(sum - input[li]);
      output[oi] = f(sum / current);
      li += stride;
      ri += stride;
      oi += stride;
    }
    for (let i = 0; i < phase4; i++) {
      sum = f(sum - input[li]);
      current--;
      output[oi] = f(sum / current);
      li += stride;
      oi += stride;
    }
  }

  /** Two Jarosz passes (rows then columns, twice) and decimation to 64x64. */
  function blurAndDecimate(lumaRows, rows, cols) {
    const windowAlongRows = Math.trunc((cols + WINDOW_DIVISOR - 1) / WINDOW_DIVISOR);
    const windowAlongCols = Math.trunc((rows + WINDOW_DIVISOR - 1) / WINDOW_DIVISOR);
    let a = lumaRows;
    let b = new Float32Array(rows * cols);
    for (let pass = 0; pass < 2; pass++) {
      for (let r = 0; r < rows; r++) {
        box(a, b, r * cols, cols, 1, windowAlongRows);
      }
      const next = pass === 0 ? new Float32Array(rows * cols) : a;
      for (let c = 0; c < cols; c++) {
        box(b, next, c, rows, cols, windowAlongCols);
      }
      a = next;
    }
    const small = new Float32Array(64 * 64);
    for (let i = 0; i < 64; i++) {
      const row = Math.trunc(((i + 0.5) * rows) / 64);
      for (let j = 0; j < 64; j++) {
        const col = Math.trunc(((j + 0.5) * cols) / 64);
        small[i * 64 + j] = a[row * cols + col];
      }
    }
    return small;
  }

  /** B = D A D^T, the 16x16 coefficients PDQ keeps, summed in the reference's order. */
  function dct64To16(a) {
    const t = new Float32Array(16 * 64);
    for (let i = 0; i < 16; i++) {
      for (let j = 0; j < 64; j++) {
        let sum = 0;
        for (let k = 0; k < 64; k++) {
          sum = f(sum + f(DCT[i * 64 + k] * a[k * 64 + j]));
        }
        t[i * 64 + j] = sum;
      }
    }
    const b = new Float32Array(256);
    for (let i = 0; i < 16; i++) {
      for (let j = 0; j < 16; j++) {
        let sum = 0;
        for (let k = 0; k < 64; k++) {
          sum = f(sum + f(t[i * 64 + k] * DCT[j * 64 + k]));
        }
        b[i * 16 + j] = sum;
      }
    }
    return b;
  }

  /** Sum of significant neighbour gradients of the 64x64 luma, scaled to 0..100. */
  function quality(small) {
    let gradientSum = 0;
    for (let i = 0; i < 63; i++) {
      for (let j = 0; j < 64; j++) {
        gradientSum += Math.abs(Math.trunc(f(f(f(small[i * 64 + j] - small[(i + 1) * 64 + j]) * 100) / 255)));
      }
    }
    for (let i = 0; i < 64; i++) {
      for (let j = 0; j < 63; j++) {
        gradientSum += Math.abs(Math.trunc(f(f(f(small[i * 64 + j] - small[i * 64 + j + 1]) * 100) / 255)));
      }
    }
    return Math.min(100, Math.trunc(gradientSum / 90));
  }

  /** 64 hex digits, word 15 first: bit 16i+j is set where coefficient (i, j) is above the median. */
  function bits(coefficients) {
    const sorted = Float32Array.from(coefficients).sort();
    const median = sorted[127];
    const words = new Array(16).fill(0);
    for (let k = 0; k < 256; k++) {
      if (coefficients[k] > median) {
        words[k >> 4] |= 1 << (k & 15);
      }
    }
    let hex = '';
    for (let w = 15; w >= 0; w--) {
      hex += (words[w] & 0xffff).toString(16).padStart(4, '0');
    }
    return hex;
  }

  /** The seven other dihedral hashes from the same coefficients (sign changes and transposition). */
  function dihedral(a) {
    const variants = {
      rotate90: (i, j, v, b) => { b[j * 16 + i] = (j & 1) !== 0 ? v : -v; },
      rotate180: (i, j, v, b) => { b[i * 16 + j] = ((i + j) & 1) !== 0 ? -v : v; },
      rotate270: (i, j, v, b) => { b[j * 16 + i] = (i & 1) !== 0 ? v : -v; },
      flipX: (i, j, v, b) => { b[i * 16 + j] = (i & 1) !== 0 ? v : -v; },
      flipY: (i, j, v, b) => { b[i * 16 + j] = (j & 1) !== 0 ? v : -v; },
      flipPlus1: (i, j, v, b) => { b[j * 16 + i] = v; },
      flipMinus1: (i, j, v, b) => { b[j * 16 + i] = ((i + j) & 1) !== 0 ? -v : v; },
    };
    const out = {};
    for (const [name, put] of Object.entries(variants)) {
      const b = new Float32Array(256);
      for (let i = 0; i < 16; i++) {
        for (let j = 0; j < 16; j++) {
          put(i, j, a[i * 16 + j], b);
        }
      }
      out[name] = bits(b);
    }
    return out;
  }

  /** PDQ of RGBA pixels: {pdq, quality, dihedral: {rotate90, ...}}. */
  function pdq(rgba, width, height) {
    if (!(width >= 1 && height >= 1)) {
      throw new Error('an image of ' + width + 'x' + height + ' pixels cannot be hashed');
    }
    const small = blurAndDecimate(luma(rgba, width, height), height, width);
    const coefficients = dct64To16(small);
    return { pdq: bits(coefficients), quality: quality(small), dihedral: dihedral(coefficients) };
  }

  // MD5 (RFC 1321) over bytes, for exact matching of the file as it was.
  const MD5_S = [7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
    5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15,
    21, 6, 10, 15, 21];
  const MD5_K = new Int32Array(64);
  for (let i = 0; i < 64; i++) {
    MD5_K[i] = Math.floor(Math.abs(Math.sin(i + 1)) * 4294967296) | 0;
  }

  function md5(bytes) {
    const length = bytes.length;
    const padded = new Uint8Array(((length + 8) >> 6) * 64 + 64);
    padded.set(bytes);
    padded[length] = 0x80;
    const bitsLow = (length * 8) >>> 0;
    const bitsHigh = Math.floor(length / 0x20000000) >>> 0;
    const view = new DataView(padded.buffer);
    view.setUint32(padded.length - 8, bitsLow, true);
    view.setUint32(padded.length - 4, bitsHigh, true);
    let a0 = 0x67452301 | 0;
    let b0 = 0xefcdab89 | 0;
    let c0 = 0x98badcfe | 0;
    let d0 = 0x10325476 | 0;
    const m = new Int32Array(16);
    for (let chunk = 0; chunk < padded.length; chunk += 64) {
      for (let i = 0; i < 16; i++) {
        m[i] = view.getInt32(chunk + i * 4, true);
      }
      let a = a0;
      let b = b0;
      let c = c0;
      let d = d0;
      for (let i = 0; i < 64; i++) {
        let fn;
        let g;
        if (i < 16) {
          fn = (b & c) | (~b & d);
          g = i;
        } else if (i < 32) {
          fn = (d & b) | (~d & c);
          g = (5 * i + 1) & 15;
        } else if (i < 48) {
          fn = b ^ c ^ d;
          g = (3 * i + 5) & 15;
        } else {
          fn = c ^ (b | ~d);
          g = (7 * i) & 15;
        }
        const sum = (a + fn + MD5_K[i] + m[g]) | 0;
        a = d;
        d = c;
        c = b;
        b = (b + ((sum << MD5_S[i]) | (sum >>> (32 - MD5_S[i])))) | 0;
      }
      a0 = (a0 + a) | 0;
      b0 = (b0 + b) | 0;
      c0 = (c0 + c) | 0;
      d0 = (d0 + d) | 0;
    }
    let hex = '';
    for (const word of [a0, b0, c0, d0]) {
      for (let i = 0; i < 4; i++) {
        hex += ((word >>> (i * 8)) & 0xff).toString(16).padStart(2, '0');
      }
    }
    return hex;
  }

  const api = { pdq: pdq, md5: md5 };
  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else {
    root.RoomwatchHash = api;
  }
})(typeof self !== 'undefined' ? self : this);
