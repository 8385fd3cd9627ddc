import { describe, expect, it } from 'vitest';
import { foldersOf, formatBytes, retryDecision, shownState, SpeedMeter, Transfer, TransferEvents, UploadEntry, UploadQueue } from './queue';

function harness(concurrency = 2) {
  let clock = 0;
  const started: { entry: UploadEntry; events: TransferEvents; calls: string[] }[] = [];
  const queue = new UploadQueue((entry, events) => {
    const record = { entry, events, calls: [] as string[] };
    started.push(record);
    const t: Transfer = { pause: () => record.calls.push('pause'), resume: () => record.calls.push('resume'), cancel: () => record.calls.push('cancel') };
    return t;
  }, concurrency, () => clock);
  return { queue, started, tick: (ms: number) => { clock += ms; } };
}

const files = (n: number, size = 100) => Array.from({ length: n }, (_, i) => ({ name: `f${i}`, relativePath: `d/f${i}`, size }));

describe('UploadQueue', () => {
  it('runs at most `concurrency` uploads and starts the next when one finishes', () => {
    const { queue, started } = harness(2);
    queue.add(files(5));
    expect(started.map((s) => s.entry.name)).toEqual(['f0', 'f1']);
    started[0].events.done();
    expect(started.map((s) => s.entry.name)).toEqual(['f0', 'f1', 'f2']);
    expect(queue.entries[0].state).toBe('done');
  });

  it('counts batch progress over all files and reaches 100 when all are done', () => {
    const { queue, started } = harness(5);
    queue.add(files(4, 250));
    started[0].events.progress(250);
    started[1].events.progress(125);
    expect(queue.status().percent).toBe(37);
    started.forEach((s) => s.events.done());
    expect(queue.status()).toMatchObject({ percent: 100, done: 4, sent: 1000, total: 1000 });
  });

  it('pause frees a slot, resume continues the same transfer, cancel leaves the batch', () => {
    const { queue, started } = harness(1);
    queue.add(files(2));
    queue.pause(1);
    expect(started[0].calls).toEqual(['pause']);
    expect(started.length).toBe(2);
    queue.resume(1);
    expect(started[0].calls).toEqual(['pause', 'resume']);
    expect(queue.entries[0].state).toBe('uploading');
    queue.cancel(2);
    expect(started[1].calls).toEqual(['cancel']);
    expect(queue.status().files).toBe(1);
  });

  it('a failed upload can be retried and is started again', () => {
    const { queue, started } = harness(1);
    queue.add(files(1));
    started[0].events.failed('network');
    expect(queue.entries[0]).toMatchObject({ state: 'failed', error: 'network' });
    queue.retry(1);
    expect(started.length).toBe(2);
    expect(queue.entries[0].state).toBe('uploading');
  });

  it('a resumed upload starts at the server offset', () => {
    const { queue, started } = harness(1);
    queue.add(files(1, 1000));
    started[0].events.resumed(600);
    expect(queue.entries[0]).toMatchObject({ sent: 600, resumedFrom: 600 });
    expect(queue.status().percent).toBe(60);
  });

  it('computes speed and time left from progress over time', () => {
    const { queue, started, tick } = harness(1);
    queue.add(files(1, 10_000));
    tick(1000); started[0].events.progress(1000);
    tick(1000); started[0].events.progress(2000);
    const s = queue.status();
    expect(Math.round(s.bytesPerSecond)).toBe(1000);
    expect(s.etaSeconds).toBe(8);
  });

  it('ignores progress after a cancel', () => {
    const { queue, started } = harness(1);
    queue.add(files(1));
    queue.cancel(1);
    started[0].events.progress(50);
    started[0].events.failed('aborted');
    expect(queue.entries[0]).toMatchObject({ state: 'cancelled', sent: 0 });
  });
});

describe('helpers', () => {
  it('lists the folders of a tree parents first', () => {
    expect(foldersOf(['a/b/c.dcm', 'a/x.txt', 'top.txt', 'a/b/d/e'])).toEqual(['a', 'a/b', 'a/b/d']);
  });
  it('speed meter drops old samples', () => {
    const m = new SpeedMeter(1000);
    m.add(0, 0); m.add(500, 10_000); m.add(5000, 10_000); m.add(5500, 10_500);
    expect(Math.round(m.bytesPerSecond())).toBe(1000);
  });
  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(200 * 1024 * 1024)).toBe('200 MiB');
  });
});

describe('offline uploads', () => {
  it('an upload waiting for the network stays uploading, and no time left is promised for it', () => {
    const { queue, started, tick } = harness(1);
    queue.add(files(1, 10_000));
    tick(1000); started[0].events.progress(1000);
    tick(1000); started[0].events.progress(2000);
    started[0].events.offline!(true);
    expect(queue.entries[0]).toMatchObject({ state: 'uploading', offline: true });
    expect(queue.status().etaSeconds).toBeUndefined();
    started[0].events.offline!(false);
    expect(queue.status().active).toBe(1);
  });

  it('an upload waiting for the network has a state label of its own, and loses it when the network is back', () => {
    const { queue, started } = harness(1);
    queue.add(files(2, 100));
    expect(queue.entries.map(shownState)).toEqual(['uploading', 'queued']);
    started[0].events.offline!(true);
    expect(shownState(queue.entries[0])).toBe('offline');
    expect(shownState(queue.entries[1])).toBe('queued');
    started[0].events.offline!(false);
    expect(shownState(queue.entries[0])).toBe('uploading');
    started[0].events.offline!(true);
    started[0].events.done();
    expect(shownState(queue.entries[0])).toBe('done');
  });

  it('a paused upload is shown paused even if the network went away', () => {
    expect(shownState({ state: 'paused', offline: true })).toBe('paused');
  });
});

describe('retryDecision', () => {
  it('offline waits for the network instead of spending a retry', () => {
    expect(retryDecision(false, 0, 0, 6)).toBe('wait');
    expect(retryDecision(false, 0, 6, 6)).toBe('wait');
  });
  it('online retries network and server errors while attempts remain', () => {
    expect(retryDecision(true, 0, 0, 6)).toBe('retry');
    expect(retryDecision(true, 503, 5, 6)).toBe('retry');
    expect(retryDecision(true, 409, 1, 6)).toBe('retry');
    expect(retryDecision(true, 503, 6, 6)).toBe('fail');
  });
  it('a refusal fails at once', () => {
    expect(retryDecision(true, 403, 0, 6)).toBe('fail');
    expect(retryDecision(true, 413, 0, 6)).toBe('fail');
  });
});
