// The wall screen's own handling of a lost live link (the default reconnect dialog is hidden on this page):
// - heartbeat: every `beatMs` the page asks the server for a beat over its circuit (ScreenHeartbeat.Beat). A link
//   that silently holds packets raises no error and Blazor's own timeout takes 20–30 s to notice; the page notices
//   itself: when no beat has come back for `staleMs`, <html> gets the class "screen-stale" and the stale banner
//   covers the figures. The next beat that comes back removes it;
// - Blazor retries first; once it gives up, this script keeps trying forever with back-off (1 s doubling to 30 s);
// - when the server answers again but no longer knows the circuit (it restarted), the page reloads itself.
// It only reloads after the server has answered, so the screen never lands on the browser's own error page.
//
// It also runs the wall's pulse (decision 0181): every element with the class "pulse" (the overdue frames' layer, the
// meeting badge) steps through a few opacity levels. A CSS animation would make the browser produce a frame 60 times a
// second for as long as the page is open, on each wall; these few steps of a composited layer cost a fraction of that.
let started = false;
let staleMs = 8000;
let beatMs = 2000;
let lastBeat = 0;
let beatSentAt = 0;
let beatPending = false;
let retryTimer = null;
let attempt = 0;

// One pulse cycle of 1.6 s: down to 0.35 and back, a step every 200 ms.
const pulseLevels = [1, 0.84, 0.67, 0.5, 0.35, 0.5, 0.67, 0.84];
const pulseStepMs = 200;
let pulseStep = 0;

export function start(staleAfterMs, beatEveryMs) {
  if (started) {
    return;
  }

  started = true;
  staleMs = staleAfterMs;
  beatMs = beatEveryMs;
  lastBeat = Date.now();
  const target = document.getElementById("components-reconnect-modal") ?? document;
  target.addEventListener("components-reconnect-state-changed", event => onState(event.detail.state));
  setInterval(beat, beatMs);
  setInterval(checkStale, 500);
  if (!matchMedia("(prefers-reduced-motion: reduce)").matches) {
    setInterval(pulse, pulseStepMs);
  }
}

function pulse() {
  pulseStep = (pulseStep + 1) % pulseLevels.length;
  for (const element of document.querySelectorAll(".pulse")) {
    element.style.opacity = pulseLevels[pulseStep];
  }
}

function beat() {
  // A beat lost in a held link may never settle: after staleMs it no longer blocks the next one.
  if (beatPending && Date.now() - beatSentAt < staleMs) {
    return;
  }

  beatPending = true;
  beatSentAt = Date.now();
  DotNet.invokeMethodAsync("Liwater.Dashboard", "ScreenHeartbeat")
    .then(() => {
      lastBeat = Date.now();
      document.documentElement.classList.remove("screen-stale");
    })
    .catch(() => {
      // No circuit at the moment: the missing beats make the page stale.
    })
    .finally(() => {
      beatPending = false;
    });
}

function checkStale() {
  const stale = Date.now() - lastBeat > staleMs;
  if (stale && !document.documentElement.classList.contains("screen-stale")) {
    document.documentElement.classList.add("screen-stale");
    document.documentElement.dataset.staleSince = String(Date.now());
  }
}

function onState(state) {
  if (state === "hide") {
    linkUp();
  } else if (state === "show" || state === "retrying") {
    // Blazor is reconnecting by itself; the heartbeat shows the banner if that takes long.
  } else {
    // failed, rejected, paused, resume-failed: Blazor will not get back by itself.
    scheduleRecovery();
  }
}

function linkUp() {
  clearTimeout(retryTimer);
  retryTimer = null;
  attempt = 0;
  beat();
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
