/*
 * The video search page's hashing: the chosen video is decoded and hashed (vPDQ) in this page by video-hashing.js,
 * and only its vPDQ lines are sent, through the search form. The video never leaves the device. A browser that
 * cannot decode it is told so, and the page's plain upload (labelled as sending the video) stays available.
 */
(function () {
  'use strict';
  const input = document.getElementById('local-video');
  const form = document.getElementById('vpdq-form');
  const field = document.getElementById('vpdq');
  const status = document.getElementById('local-status');
  if (!input || !form) return;
  const en = document.documentElement.lang === 'en';
  const say = (ko, english) => (en ? english : ko);

  function show(text, error) {
    status.textContent = text;
    status.className = error ? 'error' : '';
    status.setAttribute('role', error ? 'alert' : 'status');
  }

  if (!window.RoomwatchVideo || !window.RoomwatchHash || typeof document.createElement('video').canPlayType !== 'function') {
    input.disabled = true;
    show(say('이 브라우저에서는 기기 안에서 해시할 수 없습니다. 아래의 서버 업로드를 쓰십시오(동영상이 서버로 갑니다).',
      'This browser cannot hash on this device. Use the server upload below (the video is sent).'), true);
    return;
  }

  input.addEventListener('change', async () => {
    const file = input.files[0];
    if (!file) return;
    show(say('기기 안에서 해시하는 중…', 'Hashing on this device…'), false);
    try {
      const v = await RoomwatchVideo.vpdq(file);
      field.value = v.frames.map(RoomwatchVideo.line).join('\n');
      input.value = ''; // the page keeps no reference to the file
      show(say('장면 ' + v.frames.length + '개를 해시했습니다. 해시만 보냅니다.', v.frames.length + ' frames hashed; only the hashes are sent.'), false);
      document.body.dataset.hashed = String(v.frames.length);
      form.requestSubmit();
    } catch (e) {
      show(say('이 동영상을 기기 안에서 해시할 수 없습니다: ', 'Could not hash this video on this device: ') + e.message, true);
    }
  });
})();
