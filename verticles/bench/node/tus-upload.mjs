// node tus-upload.mjs ENDPOINT FILE CHUNK_MB [--metadata k=v,k=v] [--no-verify]
// Uploads FILE with tus-js-client in CHUNK_MB PATCHes and prints one JSON line: bytes, seconds, MiBps.
// Extra request headers come from TUS_HEADERS ("Name: value" per line). Unless --no-verify, a HEAD must
// then report the whole length as Upload-Offset.
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import * as tus from 'tus-js-client';

const [endpoint, file, chunkMb, ...rest] = process.argv.slice(2);
if (!endpoint || !file || !chunkMb) {
  console.error('usage: tus-upload.mjs ENDPOINT FILE CHUNK_MB [--metadata k=v,...] [--no-verify]');
  process.exit(2);
}
const headers = Object.fromEntries((process.env.TUS_HEADERS || '').split('\n').filter(l => l.includes(':'))
  .map(l => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
const metadata = { filename: path.basename(file) };
const m = rest.indexOf('--metadata');
if (m >= 0) {
  for (const pair of rest[m + 1].split(/[,\n]/).filter(Boolean)) {
    metadata[pair.slice(0, pair.indexOf('='))] = pair.slice(pair.indexOf('=') + 1);
  }
}
const size = statSync(file).size;
const started = process.hrtime.bigint();
const location = await new Promise((resolve, reject) => {
  const upload = new tus.Upload(createReadStream(file), {
    endpoint, headers, metadata, uploadSize: size, chunkSize: Number(chunkMb) * 1048576, retryDelays: [],
    onError: reject, onSuccess: () => resolve(upload.url),
  });
  upload.start();
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
if (!rest.includes('--no-verify')) {
  const head = await fetch(location, { method: 'HEAD', headers: { ...headers, 'Tus-Resumable': '1.0.0' } });
  const offset = Number(head.headers.get('upload-offset'));
  if (offset !== size) {
    console.error(`HEAD ${location}: Upload-Offset ${offset}, expected ${size}`);
    process.exit(1);
  }
}
console.log(JSON.stringify({ location, bytes: size, seconds: +seconds.toFixed(2), MiBps: +(size / 1048576 / seconds).toFixed(1) }));
