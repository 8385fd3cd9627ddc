// The browser session ends by itself after the configured idle time. Polling (jobs, previews) keeps the server's
// session alive, so the page has to notice by itself that nobody has touched it; a running upload counts as
// activity, since it is work the person asked for and must not be cut off.

/** When the person last did something; `expired` says whether the idle time has run out. */
export class IdleClock {
  private last: number;

  constructor(private readonly timeoutMs: number, now: number) {
    this.last = now;
  }

  touch(now: number) { this.last = now; }

  expired(now: number, busy: boolean): boolean {
    if (busy) { this.last = now; return false; }
    return now - this.last >= this.timeoutMs;
  }
}

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/** Calls `onIdle` once when the page has been left alone for `timeoutSeconds`; returns the function that stops it. */
export function watchIdle(timeoutSeconds: number, busy: () => boolean, onIdle: () => void): () => void {
  const clock = new IdleClock(timeoutSeconds * 1000, Date.now());
  const touch = () => clock.touch(Date.now());
  ACTIVITY.forEach((e) => window.addEventListener(e, touch, { capture: true, passive: true }));
  const timer = window.setInterval(() => {
    if (clock.expired(Date.now(), busy())) { stop(); onIdle(); }
  }, 1000);
  function stop() {
    window.clearInterval(timer);
    ACTIVITY.forEach((e) => window.removeEventListener(e, touch, { capture: true }));
  }
  return stop;
}
