// Copies the prebuilt OHIF viewer (node_modules/@ohif/app/dist) to the directory given as the only
// argument, without source maps (*.map, about 40 MB that no browser needs). Sinfonia serves that
// directory at /viewer/ and rewrites its index.html and app-config.js itself (see docs/viewer.md).
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Where Sinfonia serves the viewer (ViewerSite.PATH). OHIF 3.13.2's bundles set webpack's public path to
// the literal "/" (not window.PUBLIC_URL, whatever OHIF's docs say), so chunks, CSS chunks, workers and
// WASM would load from the site's root; their runtime line is rewritten to this path.
const MOUNT = '/viewer/';
const PUBLIC_PATH = '__webpack_require__.p = "/";';

const dest = process.argv[2];
if (!dest) {
  console.error('usage: node copy-dist.mjs <destination directory>');
  process.exit(2);
}
const pkg = 'node_modules/@ohif/app';
const src = join(pkg, 'dist');
if (!existsSync(join(src, 'index.html'))) {
  console.error(`${src}/index.html is missing: run 'npm ci' in web/viewer first`);
  process.exit(1);
}
const version = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version;
const marker = join(dest, 'sinfonia-viewer.json');
if (existsSync(marker) && JSON.parse(readFileSync(marker, 'utf8')).version === version
  && JSON.parse(readFileSync(marker, 'utf8')).mount === MOUNT) {
  console.log(`OHIF viewer ${version} already in ${dest}`);
  process.exit(0);
}
rmSync(dest, { recursive: true, force: true });
cpSync(src, dest, {
  recursive: true,
  filter: (path) => !path.endsWith('.map'),
});
let rewritten = 0;
for (const name of readdirSync(dest)) {
  if (!name.endsWith('.js')) continue;
  const file = join(dest, name);
  const js = readFileSync(file, 'utf8');
  if (js.includes(PUBLIC_PATH)) {
    writeFileSync(file, js.replace(PUBLIC_PATH, `__webpack_require__.p = ${JSON.stringify(MOUNT)};`));
    rewritten++;
  }
}
if (rewritten === 0) {
  console.error(`no bundle sets webpack's public path to "/": this OHIF version needs another rewrite`);
  process.exit(1);
}
cpSync(join(pkg, 'LICENSE'), join(dest, 'LICENSE.ohif'));
writeFileSync(marker, JSON.stringify({ package: '@ohif/app', version, mount: MOUNT, rewritten }) + '\n');
console.log(`OHIF viewer ${version} copied to ${dest}`);
