// tus-js-client (the browser/Node reference client) against Sinfonia: a single upload, a resume after an
// abort, and a parallel upload (partial uploads joined by a final one, the concatenation extension).
// Run by TusJsClientTest. Environment: SINFONIA_UPLOADS (the creation URL), SINFONIA_TOKEN, SINFONIA_FOLDER.
// Prints one JSON line: per scenario the file id the server reported and the SHA-256 of the bytes sent.
import { createHash, randomBytes } from 'node:crypto';
import { Upload } from 'tus-js-client';

const endpoint = process.env.SINFONIA_UPLOADS;
const headers = { Authorization: `Bearer ${process.env.SINFONIA_TOKEN}` };
const folderId = process.env.SINFONIA_FOLDER;

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

function options(name, extra) {
  return {
    endpoint,
    headers,
    metadata: { filename: name, folderId, filetype: 'application/octet-stream' },
    chunkSize: 256 * 1024,
    retryDelays: [0, 200, 500, 1000],
    ...extra,
  };
}

/** The file id is in the last PATCH's response; a HEAD of the upload reports it too. */
async function fileIdOf(url) {
  const r = await fetch(url, { method: 'HEAD', headers: { ...headers, 'Tus-Resumable': '1.0.0' } });
  return r.headers.get('sinfonia-file-id');
}

function run(data, opts) {
  return new Promise((resolve, reject) => {
    const upload = new Upload(data, { ...opts, onError: reject, onSuccess: () => resolve(upload) });
    upload.start();
  });
}

async function single() {
  const data = randomBytes(1_500_000);
  const upload = await run(data, options('js-single.bin', {}));
  return { fileId: await fileIdOf(upload.url), sha256: sha256(data) };
}

async function resumed() {
  const data = randomBytes(2_000_000);
  const first = await new Promise((resolve, reject) => {
    const upload = new Upload(data, options('js-resumed.bin', {
      chunkSize: 512 * 1024,
      onError: reject,
      onSuccess: () => reject(new Error('the first upload was meant to be aborted')),
      // Aborted after its first PATCH; the server holds 512 KiB of it.
      onChunkComplete: () => {
        if (!upload.aborting) {
          upload.aborting = true;
          upload.abort().then(() => resolve(upload), reject);
        }
      },
    }));
    upload.start();
  });
  let resumedAt = -1;
  const second = await run(data, options('js-resumed.bin', {
    uploadUrl: first.url,
    onProgress: (sent) => { if (resumedAt < 0) resumedAt = sent; },
  }));
  return { fileId: await fileIdOf(second.url), sha256: sha256(data), sameUrl: second.url === first.url, resumedAt };
}

async function parallel() {
  const data = randomBytes(3_000_000);
  const upload = await run(data, options('js-parallel.bin', { parallelUploads: 3 }));
  return { fileId: await fileIdOf(upload.url), sha256: sha256(data) };
}

const result = { single: await single(), resumed: await resumed(), parallel: await parallel() };
console.log(JSON.stringify(result));
