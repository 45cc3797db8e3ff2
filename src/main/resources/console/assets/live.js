// The incident list's live updates: the hub sends "changed" on an event stream and htmx re-fetches the table's
// rows with the page's filters (the tbody's hx-get). While there is no stream (refused, failed, or no
// EventSource in this browser), the rows are re-fetched every data-fallback-poll milliseconds instead.
(function () {
  'use strict';
  var table = document.getElementById('incident-table');
  if (!table || !window.htmx) {
    return;
  }
  var state = document.getElementById('live-state');
  var pollEvery = Number(table.getAttribute('data-fallback-poll')) || 15000;
  var poller = null;

  function refresh() {
    var rows = document.getElementById('incident-rows');
    if (rows) {
      htmx.trigger(rows, 'incidents-changed');
    }
  }

  function live(on) {
    table.setAttribute('data-live', on ? 'stream' : 'polling');
    state.textContent = on ? 'Live.' : 'Live updates unavailable; refreshing every ' + Math.round(pollEvery / 1000) + ' s.';
    if (on && poller) {
      clearInterval(poller);
      poller = null;
    } else if (!on && !poller) {
      poller = setInterval(refresh, pollEvery);
    }
  }

  // A fragment request answered 401 means the session ended: show the login page instead of a stale list.
  document.body.addEventListener('htmx:responseError', function (event) {
    if (event.detail.xhr && event.detail.xhr.status === 401) {
      window.location.reload();
    }
  });

  if (!window.EventSource) {
    live(false);
    return;
  }
  var source = new EventSource(table.getAttribute('data-live-events'));
  source.addEventListener('changed', refresh);
  // On every (re)open: whatever changed while there was no stream is fetched once.
  source.onopen = function () {
    live(true);
    refresh();
  };
  // The browser retries by itself unless the stream was refused (CLOSED); either way poll meanwhile.
  source.onerror = function () {
    live(false);
  };
})();
