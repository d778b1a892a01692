/*
 * The image search page's hashing: the chosen picture is decoded and hashed (PDQ) in this page, and only the hash is
 * sent, through the search form's PDQ field. The picture itself never leaves the device. A browser without what
 * this needs is told so, and the page's plain upload (labelled as sending the picture) stays available.
 */
(function () {
  'use strict';
  const input = document.getElementById('local-image');
  const form = document.getElementById('pdq-form');
  const field = document.getElementById('pdq');
  const status = document.getElementById('local-status');
  if (!input || !form) return;
  const en = document.documentElement.lang === 'en';
  const say = (ko, english) => (en ? english : ko);

  function show(text, error) {
    status.textContent = text;
    status.className = error ? 'error' : '';
    status.setAttribute('role', error ? 'alert' : 'status');
  }

  const canvasOk = (() => {
    const c = document.createElement('canvas');
    return !!(c.getContext && c.getContext('2d'));
  })();
  if (typeof window.createImageBitmap !== 'function' || !canvasOk || !window.RoomwatchHash) {
    input.disabled = true;
    show(say('이 브라우저에서는 기기 안에서 해시할 수 없습니다. 아래의 서버 업로드를 쓰십시오(사진이 서버로 갑니다).',
      'This browser cannot hash on this device. Use the server upload below (the picture is sent).'), true);
    return;
  }

  input.addEventListener('change', async () => {
    const file = input.files[0];
    if (!file) return;
    show(say('기기 안에서 해시하는 중…', 'Hashing on this device…'), false);
    try {
      const bitmap = await createImageBitmap(file, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
      let hash;
      try {
        const canvas = document.createElement('canvas');
        canvas.width = bitmap.width;
        canvas.height = bitmap.height;
        const context = canvas.getContext('2d', { willReadFrequently: true });
        context.drawImage(bitmap, 0, 0);
        hash = RoomwatchHash.pdq(context.getImageData(0, 0, bitmap.width, bitmap.height).data, bitmap.width, bitmap.height);
        canvas.width = 0;
      } finally {
        bitmap.close();
      }
      // The file input has no name and sits outside the form: only the hash goes.
      input.value = '';
      field.value = hash.pdq;
      document.body.dataset.localPdq = hash.pdq;
      show(say('해시 완료 (품질 ', 'Hashed (quality ') + hash.quality + say('). 해시로 찾는 중…', '). Searching by the hash…'), false);
      form.requestSubmit();
    } catch (e) {
      show(say('이 사진을 읽을 수 없습니다: ', 'This picture cannot be read: ') + e.message, true);
    }
  });
})();
