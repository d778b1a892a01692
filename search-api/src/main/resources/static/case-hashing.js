/*
 * The case page's hashing: each chosen photo is read and decoded in this page, hashed (PDQ with its quality, MD5,
 * SHA-256) and forgotten; each chosen video likewise (MD5, SHA-256 and its vPDQ, by video-hashing.js); only the
 * hashes are sent, as JSON. Nothing is sent at all when the browser lacks what this
 * needs: the page says so instead.
 */
(function () {
  'use strict';
  const form = document.getElementById('case-form');
  const input = document.getElementById('photos');
  const table = document.getElementById('hashes');
  const status = document.getElementById('status');
  const submit = document.getElementById('open-case');
  const en = document.documentElement.lang === 'en';
  const say = (ko, english) => (en ? english : ko);
  let hashed = [];
  let pending = 0;

  function missingApis() {
    const missing = [];
    if (!window.File || !window.Blob || !Blob.prototype.arrayBuffer) missing.push('File API');
    if (typeof window.createImageBitmap !== 'function') missing.push('createImageBitmap');
    const canvas = document.createElement('canvas');
    if (!canvas.getContext || !canvas.getContext('2d')) missing.push('canvas 2D');
    if (!window.crypto || !window.crypto.subtle || typeof window.crypto.subtle.digest !== 'function') missing.push('Web Crypto (SHA-256)');
    if (typeof window.fetch !== 'function') missing.push('fetch');
    if (!window.RoomwatchHash) missing.push('roomwatch-hash.js');
    if (!window.RoomwatchVideo) missing.push('video-hashing.js');
    return missing;
  }

  function show(text, error) {
    status.textContent = text;
    status.className = error ? 'error' : '';
    status.setAttribute('role', error ? 'alert' : 'status');
  }

  const missing = missingApis();
  if (missing.length > 0) {
    // Refuse before anything is read: no photo is touched and nothing is sent.
    input.disabled = true;
    submit.disabled = true;
    document.getElementById('unsupported').hidden = false;
    show(say('이 브라우저에서는 사진을 기기 안에서 해시할 수 없어 아무것도 보내지 않습니다. 없는 기능: ',
      'This browser cannot hash the photos on this device, so nothing is sent. Missing: ') + missing.join(', '), true);
    return;
  }

  function hex(buffer) {
    return Array.from(new Uint8Array(buffer), b => b.toString(16).padStart(2, '0')).join('');
  }

  async function hashFile(file, index) {
    if (file.type.startsWith('video/')) {
      const v = await RoomwatchVideo.hashVideo(file);
      // Shown as its frame count and its best frame's quality: a video none of whose frames reach 50 is found only
      // as an exact copy, as a plain photo is.
      return { video: true, label: say('영상 ', 'Video ') + (index + 1), md5: v.md5, sha256: v.sha256, vpdq: v.vpdq,
        pdq: v.frames.length + say('개 장면 (vPDQ)', ' frames (vPDQ)'), quality: Math.max(0, ...v.frames.map(f => f.quality)) };
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const sha256 = hex(await crypto.subtle.digest('SHA-256', bytes));
    const md5 = RoomwatchHash.md5(bytes);
    const bitmap = await createImageBitmap(file, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
    try {
      const canvas = document.createElement('canvas');
      canvas.width = bitmap.width;
      canvas.height = bitmap.height;
      const context = canvas.getContext('2d', { willReadFrequently: true });
      context.drawImage(bitmap, 0, 0);
      const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height);
      const pdq = RoomwatchHash.pdq(pixels.data, bitmap.width, bitmap.height);
      canvas.width = 0; // drop the pixels now rather than whenever the collector runs
      return { label: say('사진 ', 'Photo ') + (index + 1), pdq: pdq.pdq, quality: pdq.quality, md5: md5, sha256: sha256,
        dihedral: pdq.dihedral, width: bitmap.width, height: bitmap.height };
    } finally {
      bitmap.close();
    }
  }

  function row(photo, file) {
    const tr = document.createElement('tr');
    tr.dataset.file = file.name; // shown to the counselor only; never sent
    for (const [key, value] of Object.entries(photo.dihedral || {})) tr.dataset[key] = value;
    const cells = [photo.label, photo.pdq, String(photo.quality), photo.md5, photo.sha256];
    cells.forEach((text, i) => {
      const td = document.createElement('td');
      td.textContent = text;
      if (i > 0 && i !== 2) td.className = 'hash';
      td.dataset.field = ['label', 'pdq', 'quality', 'md5', 'sha256'][i];
      tr.appendChild(td);
    });
    const note = document.createElement('td');
    note.textContent = photo.quality < 50 ? say('품질이 낮아 비슷한 사진 찾기에는 쓰지 않고 정확히 같은 파일만 찾습니다',
      'Too little detail for near-duplicate matching; only exact copies are looked for') : '';
    tr.appendChild(note);
    return tr;
  }

  input.addEventListener('change', async () => {
    hashed = [];
    table.tBodies[0].replaceChildren();
    const files = Array.from(input.files);
    pending = files.length;
    submit.disabled = true;
    show(say('기기 안에서 해시하는 중…', 'Hashing on this device…'), false);
    let failed = 0;
    for (let i = 0; i < files.length; i++) {
      try {
        const photo = await hashFile(files[i], i);
        hashed.push(photo);
        table.tBodies[0].appendChild(row(photo, files[i]));
      } catch (e) {
        failed++;
        const tr = document.createElement('tr');
        tr.className = 'failed';
        const td = document.createElement('td');
        td.colSpan = 6;
        td.textContent = say('읽을 수 없는 사진입니다 (', 'Could not read this photo (') + files[i].name + '): ' + e.message;
        tr.appendChild(td);
        table.tBodies[0].appendChild(tr);
      }
      pending--;
    }
    input.value = ''; // the page keeps no reference to the files
    submit.disabled = hashed.length === 0;
    show(say('해시 ' + hashed.length + '개 준비됨' + (failed ? ', 읽지 못한 사진 ' + failed + '장' : '') + '. 사진은 보내지 않습니다.',
      hashed.length + ' photo(s) hashed' + (failed ? ', ' + failed + ' unreadable' : '') + '. The photos are not sent.'), failed > 0);
    document.body.dataset.hashed = String(hashed.length);
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (pending > 0 || hashed.length === 0) return;
    const notify = form.elements.notify.value.split(/[\s,]+/).filter(Boolean);
    const body = {
      caseNumber: form.elements.caseNumber.value.trim(),
      counselor: form.elements.counselor.value.trim(),
      consentNote: form.elements.consentNote.value.trim(),
      notify: notify,
      photos: hashed.filter(p => !p.video).map(p => ({ label: p.label, pdq: p.pdq, quality: p.quality, md5: p.md5, sha256: p.sha256 })),
      videos: hashed.filter(p => p.video).map(v => ({ label: v.label, md5: v.md5, sha256: v.sha256, vpdq: v.vpdq })),
    };
    submit.disabled = true;
    try {
      const response = await fetch('/api/cases', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': form.dataset.csrf || '' },
        body: JSON.stringify(body),
      });
      if (response.status === 201) {
        window.location.assign('/cases/' + encodeURIComponent(body.caseNumber));
        return;
      }
      const problem = await response.json().catch(() => ({}));
      show((problem.detail || problem.title || response.statusText) + (problem.parameter ? ' (' + problem.parameter + ')' : ''), true);
    } catch (e) {
      show(say('보내지 못했습니다: ', 'Could not send: ') + e.message, true);
    }
    submit.disabled = false;
  });
})();
