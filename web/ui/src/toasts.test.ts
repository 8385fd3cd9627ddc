import { describe, expect, it } from 'vitest';
import { INFO_MS, ToastStore } from './toasts';

/** A store on a hand-driven clock. */
function harness(max = 3) {
  let now = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  let handle = 0;
  const store = new ToastStore(max, {
    set: (fn, ms) => { pending.set(++handle, { at: now + ms, fn }); return handle; },
    clear: (h) => { pending.delete(h as number); },
  });
  const advance = (ms: number) => {
    now += ms;
    for (const [h, p] of [...pending]) if (p.at <= now) { pending.delete(h); p.fn(); }
  };
  return { store, advance, pending };
}

const texts = (s: ToastStore) => s.toasts.map((x) => (x.count > 1 ? `${x.text}×${x.count}` : x.text));

describe('ToastStore', () => {
  it('shows at most three, newest last, dismissing the oldest', () => {
    const { store, pending } = harness();
    ['a', 'b', 'c', 'd', 'e'].forEach((x) => store.notify(x, 'info'));
    expect(texts(store)).toEqual(['c', 'd', 'e']);
    expect(pending.size).toBe(3); // the pushed-out ones have no timer left
  });

  it('counts the same message again right after itself on one toast', () => {
    const { store } = harness();
    store.notify('Saved');
    store.notify('Saved');
    store.notify('Saved');
    expect(texts(store)).toEqual(['Saved×3']);
    store.notify('Moved');
    store.notify('Saved');
    expect(texts(store)).toEqual(['Saved×3', 'Moved', 'Saved']);
  });

  it('does not coalesce an error with an info of the same text', () => {
    const { store } = harness();
    store.notify('Locked', 'info');
    store.notify('Locked', 'error');
    expect(store.toasts.map((x) => x.kind)).toEqual(['info', 'error']);
  });

  it('dismisses info messages after a while, the time starting again on a repeat; errors stay', () => {
    const { store, advance } = harness();
    store.notify('Broken', 'error');
    store.notify('Saved');
    advance(INFO_MS - 1000);
    store.notify('Saved');
    advance(INFO_MS - 1000);
    expect(texts(store)).toEqual(['Broken', 'Saved×2']);
    advance(1000);
    expect(texts(store)).toEqual(['Broken']);
    advance(10 * INFO_MS);
    expect(texts(store)).toEqual(['Broken']);
  });

  it('tells its listeners, and a dismissed toast is gone with its timer', () => {
    const { store, pending } = harness();
    const seen: number[] = [];
    const stop = store.subscribe((l) => seen.push(l.length));
    const id = store.notify('One');
    store.dismiss(id);
    store.dismiss(id);
    expect(seen).toEqual([1, 0]);
    expect(pending.size).toBe(0);
    stop();
    store.notify('Two');
    expect(seen).toEqual([1, 0]);
  });
});
