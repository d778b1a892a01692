/*
 * The officer's selection: messages ticked on any result page or message page are kept in this tab's session
 * storage, so a selection can grow across pages and searches, and go into one evidence bundle. Only message ids are
 * kept, never text. Without this script a page's own ticks are still sent (the checkboxes belong to the form).
 */
(function () {
  'use strict';
  const KEY = 'roomwatch.selection';
  const form = document.getElementById('bundle');
  if (!form) return;
  const count = document.getElementById('selection-count');
  const clear = document.getElementById('clear-selection');
  const button = document.getElementById('make-bundle');

  function load() {
    try {
      const ids = JSON.parse(sessionStorage.getItem(KEY) || '[]');
      return Array.isArray(ids) ? ids.filter(id => typeof id === 'string') : [];
    } catch (e) {
      return [];
    }
  }

  function save(ids) {
    sessionStorage.setItem(KEY, JSON.stringify(ids));
    count.textContent = String(ids.length);
    document.body.dataset.selected = String(ids.length);
  }

  const picks = Array.from(document.querySelectorAll('input.pick[data-id]'));
  let selection = load();
  // A page that came back from a refused bundle holds the selection as the server kept it: that is the truth now.
  const kept = picks.filter(p => p.closest('#bundle'));
  if (kept.length > 0 || document.querySelector('#bundle ~ .error, main > .error')) {
    selection = kept.filter(p => p.checked).map(p => p.dataset.id);
  }
  picks.forEach(p => {
    p.checked = selection.includes(p.dataset.id);
    p.addEventListener('change', () => {
      const id = p.dataset.id;
      selection = selection.filter(x => x !== id);
      if (p.checked) selection.push(id);
      picks.filter(o => o !== p && o.dataset.id === id).forEach(o => { o.checked = p.checked; });
      save(selection);
    });
  });
  save(selection);

  clear.addEventListener('click', () => {
    selection = [];
    picks.forEach(p => { p.checked = false; });
    save(selection);
  });

  form.addEventListener('submit', event => {
    if (selection.length === 0) {
      event.preventDefault();
      alert(document.documentElement.lang === 'en' ? 'Select at least one message first.' : '먼저 메시지를 하나 이상 선택하세요.');
      return;
    }
    // Ids picked on other pages go as hidden fields; those on this page go through their own checkboxes.
    form.querySelectorAll('input.carried').forEach(i => i.remove());
    const here = new Set(picks.filter(p => p.checked).map(p => p.dataset.id));
    selection.filter(id => !here.has(id)).forEach(id => {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = 'm';
      input.value = id;
      input.className = 'carried';
      form.appendChild(input);
    });
    // The answer is a download and the page stays: a second click within a few seconds would make the bundle twice.
    button.disabled = true;
    setTimeout(() => { button.disabled = false; }, 4000);
  });
})();
