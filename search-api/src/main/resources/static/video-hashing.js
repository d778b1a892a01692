/*
 * vPDQ in the browser: a video chosen on this device is decoded by the browser's own <video> element from the file
 * (nothing is sent), and the frame shown at each whole second is drawn on a canvas and hashed with roomwatch's PDQ
 * (roomwatch-hash.js, the same operations as the server's). The result is ThreatExchange's vPDQ: one line
 * frame,quality,hex,timestamp per hashed second. The server hashes frame n when n % round(fps) == 0, which is the
 * frame shown at second n / fps; the browser cannot read the frame rate, so it seeks to each second and numbers the
 * frames by second. Matching uses the hashes only, so both match each other under the vPDQ rule.
 *
 * Also MD5 and SHA-256 of the file's bytes. The pixels and the bytes are dropped as soon as each is hashed.
 */
(function (root) {
  'use strict';

  function waitFor(video, event) {
    return new Promise((resolve, reject) => {
      const done = () => { cleanup(); resolve(); };
      const failed = () => { cleanup(); reject(new Error('the browser cannot decode this video')); };
      const cleanup = () => { video.removeEventListener(event, done); video.removeEventListener('error', failed); };
      video.addEventListener(event, done);
      video.addEventListener('error', failed);
    });
  }

  /** The vPDQ of a video file: {frames: [{frame, quality, pdq, timestamp}], duration, width, height}. */
  async function vpdq(file, options) {
    const secondsPerHash = (options && options.secondsPerHash) || 1;
    const maxSeconds = (options && options.maxSeconds) || 1800;
    if (!root.RoomwatchHash) throw new Error('roomwatch-hash.js is missing');
    const url = URL.createObjectURL(file);
    const video = document.createElement('video');
    video.muted = true;
    video.preload = 'auto';
    video.playsInline = true;
    try {
      const loaded = waitFor(video, 'loadeddata');
      video.src = url;
      await loaded;
      const width = video.videoWidth;
      const height = video.videoHeight;
      const duration = video.duration;
      if (!width || !height) throw new Error('the file has no picture');
      if (!isFinite(duration) || duration <= 0) throw new Error('the video states no length');
      if (duration > maxSeconds) throw new Error('the video runs ' + Math.round(duration) + ' s, longer than the ' + maxSeconds + ' s hashed');
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext('2d', { willReadFrequently: true });
      const frames = [];
      for (let k = 0; k * secondsPerHash < duration; k++) {
        const t = k * secondsPerHash;
        const seeked = waitFor(video, 'seeked');
        video.currentTime = t;
        await seeked;
        context.drawImage(video, 0, 0, width, height);
        const hash = root.RoomwatchHash.pdq(context.getImageData(0, 0, width, height).data, width, height);
        frames.push({ frame: k, quality: hash.quality, pdq: hash.pdq, timestamp: t });
      }
      canvas.width = 0; // drop the pixels now rather than whenever the collector runs
      return { frames: frames, duration: duration, width: width, height: height };
    } finally {
      video.removeAttribute('src');
      video.load();
      URL.revokeObjectURL(url);
    }
  }

  /** One frame as a line of ThreatExchange's format. */
  function line(f) {
    return f.frame + ',' + f.quality + ',' + f.pdq + ',' + f.timestamp.toFixed(3);
  }

  function hex(buffer) {
    return Array.from(new Uint8Array(buffer), b => b.toString(16).padStart(2, '0')).join('');
  }

  /** MD5, SHA-256 and vPDQ of a video file, hashed here: {md5, sha256, vpdq: [lines], duration, frames}. */
  async function hashVideo(file, options) {
    let bytes = new Uint8Array(await file.arrayBuffer());
    const sha256 = hex(await crypto.subtle.digest('SHA-256', bytes));
    const md5 = root.RoomwatchHash.md5(bytes);
    bytes = null;
    const v = await vpdq(file, options);
    return { md5: md5, sha256: sha256, vpdq: v.frames.map(line), duration: v.duration, frames: v.frames };
  }

  root.RoomwatchVideo = { vpdq: vpdq, line: line, hashVideo: hashVideo };
})(typeof self !== 'undefined' ? self : this);
