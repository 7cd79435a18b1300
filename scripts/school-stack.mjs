#!/usr/bin/env node
// The school deployment on this machine, by hand: a private PostgreSQL cluster with a fresh
// database, `npm run migrate`, two app instances and nginx in front (deploy/nginx), all on free
// local ports; Ctrl+C tears everything down. nginx is installed with apt-get when missing (as
// root). The code is bench/school-stack.ts, which the faults suite and `npm run bench:school` use.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/school-stack.ts')], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
