// node stow-client.mjs URL DIR [--concurrency C] [--per-request K]
// Sends every *.dcm in DIR by STOW-RS, K instances per multipart request, C requests at a time over
// keep-alive connections, and prints one JSON line: stored, failed, seconds, instancesPerSec, MBps.
// Extra request headers come from STOW_HEADERS ("Name: value" per line), so tokens stay out of argv.
// Built-in modules only: the same client runs against any server without an npm install.
import { statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';

const [url, dir, ...rest] = process.argv.slice(2);
if (!url || !dir) {
  console.error('usage: stow-client.mjs URL DIR [--concurrency C] [--per-request K]');
  process.exit(2);
}
const option = (name, dflt) => {
  const i = rest.indexOf(name);
  return i >= 0 ? Number(rest[i + 1]) : dflt;
};
const concurrency = option('--concurrency', 4);
const perRequest = option('--per-request', 10);
const extraHeaders = Object.fromEntries((process.env.STOW_HEADERS || '').split('\n').filter(l => l.includes(':'))
  .map(l => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));

const target = new URL(url);
const transport = target.protocol === 'https:' ? https : http;
const agent = new transport.Agent({ keepAlive: true, maxSockets: concurrency });
const files = (await readdir(dir)).filter(f => f.endsWith('.dcm')).sort().map(f => path.join(dir, f));
const batches = [];
for (let i = 0; i < files.length; i += perRequest) batches.push(files.slice(i, i + perRequest));

const boundary = 'sinfonia-bench-' + Math.random().toString(16).slice(2);
async function send(batch) {
  const parts = [];
  for (const f of batch) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), await readFile(f), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const body = Buffer.concat(parts);
  return new Promise((resolve, reject) => {
    const req = transport.request(target, {
      method: 'POST', agent,
      headers: {
        ...extraHeaders,
        'Content-Type': `multipart/related; type="application/dicom"; boundary=${boundary}`,
        'Content-Length': body.length, Accept: 'application/dicom+json',
      },
    }, res => {
      const chunks = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

// Counts failures from the answer: the Failed SOP Sequence (0008,1198) lists each refused instance.
function failedIn(answer, batchSize) {
  if (answer.status === 200) return 0;
  try {
    const failed = JSON.parse(answer.body)['00081198'];
    return failed && failed.Value ? failed.Value.length : (answer.status === 202 ? 0 : batchSize);
  } catch {
    return batchSize;
  }
}

let next = 0, stored = 0, failed = 0, bytes = 0;
const started = process.hrtime.bigint();
async function worker() {
  while (next < batches.length) {
    const batch = batches[next++];
    const answer = await send(batch);
    const f = failedIn(answer, batch.length);
    if (f > 0 && failed === 0) console.error(`first failure: HTTP ${answer.status} ${answer.body.slice(0, 300)}`);
    failed += f;
    stored += batch.length - f;
  }
}
for (const f of files) bytes += statSync(f).size;
await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
agent.destroy();
console.log(JSON.stringify({
  stored, failed, seconds: +seconds.toFixed(2), instancesPerSec: +(stored / seconds).toFixed(1),
  MBps: +(bytes / 1048576 / seconds).toFixed(1), concurrency, perRequest,
}));
process.exit(failed > 0 ? 1 : 0);
