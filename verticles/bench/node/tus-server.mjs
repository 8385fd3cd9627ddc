// node tus-server.mjs PORT DIR: the reference Node tus server (@tus/server with @tus/file-store) on
// 127.0.0.1:PORT, storing uploads in DIR. Prints "listening" once bound.
import http from 'node:http';
import { Server } from '@tus/server';
import { FileStore } from '@tus/file-store';

const [port, dir] = process.argv.slice(2);
if (!port || !dir) {
  console.error('usage: tus-server.mjs PORT DIR');
  process.exit(2);
}
const tus = new Server({ path: '/files', datastore: new FileStore({ directory: dir }) });
http.createServer((req, res) => tus.handle(req, res)).listen(Number(port), '127.0.0.1', () => console.log('listening'));
