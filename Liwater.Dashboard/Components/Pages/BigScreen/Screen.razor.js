// The wall screen's own handling of a lost live link (the default reconnect dialog is hidden on this page):
// - after `staleMs` without a link, <html> gets the class "screen-stale" and the stale banner covers the figures;
// - Blazor retries first; once it gives up, this script keeps trying forever with back-off (1 s doubling to 30 s);
// - when the server answers again but no longer knows the circuit (it restarted), the page reloads itself.
// It only reloads after the server has answered, so the screen never lands on the browser's own error page.
let started = false;
let staleMs = 10000;
let staleTimer = null;
let retryTimer = null;
let attempt = 0;

export function start(staleAfterMs) {
  if (started) {
    return;
  }

  started = true;
  staleMs = staleAfterMs;
  const target = document.getElementById("components-reconnect-modal") ?? document;
  target.addEventListener("components-reconnect-state-changed", event => onState(event.detail.state));
}

function onState(state) {
  if (state === "hide") {
    linkUp();
  } else if (state === "show" || state === "retrying") {
    linkDown();
  } else {
    // failed, rejected, paused, resume-failed: Blazor will not get back by itself.
    linkDown();
    scheduleRecovery();
  }
}

function linkDown() {
  if (staleTimer === null && !document.documentElement.classList.contains("screen-stale")) {
    staleTimer = setTimeout(() => document.documentElement.classList.add("screen-stale"), staleMs);
  }
}

function linkUp() {
  clearTimeout(staleTimer);
  staleTimer = null;
  clearTimeout(retryTimer);
  retryTimer = null;
  attempt = 0;
  document.documentElement.classList.remove("screen-stale");
}

function scheduleRecovery() {
  if (retryTimer !== null) {
    return;
  }

  const delay = Math.min(30000, 1000 * 2 ** Math.min(attempt, 5));
  attempt++;
  retryTimer = setTimeout(recover, delay);
}

async function recover() {
  retryTimer = null;
  try {
    if (await Blazor.reconnect()) {
      linkUp();
      return;
    }
  } catch {
    // The server is not reachable yet.
  }

  try {
    const response = await fetch(location.href, { cache: "no-store" });
    if (response.ok) {
      location.reload();
      return;
    }
  } catch {
    // Still down: try again later.
  }

  scheduleRecovery();
}
