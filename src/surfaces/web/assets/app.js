// Dateline web UI: progressive enhancement only. Every page works without this file; it
// adds focus management for fact links, arrow-key movement in the timeline and live
// progress on the ingest job page. It never writes HTML: page data reaches the DOM only
// through textContent and attributes, so article text cannot become markup here either.
(function () {
  'use strict';

  // Moving focus (not just scrolling) puts screen readers and keyboard users at the passage.
  function focusPassage(id) {
    if (!id) return;
    var el = document.getElementById(id);
    if (!el) return;
    var current = document.querySelectorAll('mark.current');
    for (var i = 0; i < current.length; i++) current[i].classList.remove('current');
    el.classList.add('current');
    if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  }

  function hashId() {
    var h = decodeURIComponent(location.hash.slice(1));
    return /^(span|raw)-\d+-\d+$/.test(h) ? h : null;
  }

  function initPassages() {
    if (hashId()) focusPassage(hashId());
    window.addEventListener('hashchange', function () {
      focusPassage(hashId());
    });
    // Choosing the same fact twice fires no hashchange; handle the click directly.
    document.addEventListener('click', function (ev) {
      var a = ev.target instanceof Element ? ev.target.closest('a[data-span]') : null;
      if (!a || !a.getAttribute('data-span')) return;
      if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
      ev.preventDefault();
      var id = a.getAttribute('data-span');
      history.replaceState(null, '', '#' + id);
      focusPassage(id);
    });
  }

  function initTimeline() {
    var list = document.querySelector('ol.timeline');
    if (!list) return;
    var links = Array.prototype.slice.call(list.querySelectorAll('a.event-link'));
    list.addEventListener('keydown', function (ev) {
      var i = links.indexOf(document.activeElement);
      if (i < 0) return;
      var next = -1;
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowRight') next = Math.min(links.length - 1, i + 1);
      else if (ev.key === 'ArrowUp' || ev.key === 'ArrowLeft') next = Math.max(0, i - 1);
      else if (ev.key === 'Home') next = 0;
      else if (ev.key === 'End') next = links.length - 1;
      if (next < 0) return;
      ev.preventDefault();
      links[next].focus();
    });
    list.addEventListener('focusin', function (ev) {
      var li = ev.target instanceof Element ? ev.target.closest('li.event') : null;
      setActive(li ? li.id : null);
    });
    var markers = document.querySelectorAll('svg.timeline-axis a.marker');
    for (var m = 0; m < markers.length; m++) {
      markers[m].addEventListener('click', function (ev) {
        ev.preventDefault();
        var li = document.getElementById(this.getAttribute('data-event'));
        var link = li && li.querySelector('a.event-link');
        (link || li).focus();
        li.scrollIntoView({ block: 'nearest' });
      });
    }
    function setActive(id) {
      var all = document.querySelectorAll('[data-event], li.event');
      for (var k = 0; k < all.length; k++) {
        var key = all[k].getAttribute('data-event') || all[k].id;
        all[k].classList.toggle('active', key === id);
      }
    }
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function renderJob(job) {
    var status = document.getElementById('job-status');
    var progress = document.getElementById('job-progress');
    var finished = job.state === 'done' || job.state === 'failed';
    progress.max = Math.max(1, job.total);
    progress.value = job.done;
    progress.textContent = job.done + ' of ' + job.total;
    var text = finished
      ? (job.state === 'done' ? 'Finished' : 'Stopped') + ': ' + job.inserted + ' new, ' + job.duplicates + ' already stored, ' + job.failures.length + ' failed.'
      : job.state === 'queued'
        ? 'Waiting for earlier batches…'
        : (job.phase === 'fetching' ? 'Fetching' : 'Processing') + ': ' + job.done + ' of ' + job.total + '.';
    // Rewriting the live region on every poll would make screen readers repeat it.
    if (status.textContent !== text) status.textContent = text;
    var docs = document.getElementById('job-documents');
    if (docs.children.length !== job.documents.length) {
      docs.replaceChildren();
      job.documents.forEach(function (d) {
        var li = el('li');
        var a = el('a', d.title || '(untitled)');
        a.href = '/documents/' + encodeURIComponent(d.id);
        li.append(a, ' ', el('span', d.source + (d.duplicate ? ' · already stored' : ''), 'meta'));
        docs.append(li);
      });
    }
    var fails = document.getElementById('job-failures');
    if (fails.children.length !== job.failures.length) {
      fails.replaceChildren();
      job.failures.forEach(function (f) {
        var li = el('li');
        li.append(el('span', f.source, 'src'), ': ' + f.reason);
        fails.append(li);
      });
    }
    document.getElementById('job').setAttribute('data-state', job.state);
    if (finished) document.getElementById('job-next').hidden = false;
    return finished;
  }

  function initJob() {
    var section = document.getElementById('job');
    if (!section) return;
    var id = section.getAttribute('data-job');
    var delay = 500;
    function poll() {
      fetch('/api/jobs/' + encodeURIComponent(id), { headers: { accept: 'application/json' } })
        .then(function (r) {
          if (!r.ok) throw new Error('HTTP ' + r.status);
          return r.json();
        })
        .then(function (job) {
          if (!renderJob(job)) setTimeout(poll, delay);
        })
        .catch(function () {
          delay = Math.min(delay * 2, 10000);
          setTimeout(poll, delay);
        });
    }
    var state = section.getAttribute('data-state');
    if (state !== 'done' && state !== 'failed') poll();
  }

  function init() {
    initPassages();
    initTimeline();
    initJob();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
