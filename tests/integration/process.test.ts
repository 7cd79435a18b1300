// The real server process: an accepted write survives kill -9 right after the response, and
// SIGTERM drains and exits cleanly.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProfileInput } from '#tests/factories/profile.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'comeback-process-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function startServer(): Promise<{ child: ChildProcess; base: string }> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', COMEBACK_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { child, base };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start in 10 s');
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('server process', () => {
  it('keeps a profile acknowledged just before a kill -9', async () => {
    const first = await startServer();
    const signUp = await fetch(`${first.base}/api/auth/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'durable@school.edu', password: 'tidal-marigold-cactus-47' }),
    });
    const cookie = (signUp.headers.get('set-cookie') ?? '').split(';')[0]!;
    const examDate = new Date(Date.now() + 100 * 86_400_000).toISOString().slice(0, 10);
    const save = await fetch(`${first.base}/api/profile`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(buildProfileInput({ examDate, timeZone: 'UTC', bufferPoints: 13 })),
    });
    expect(save.status).toBe(200);
    const exited = exitOf(first.child);
    first.child.kill('SIGKILL');
    expect((await exited).signal).toBe('SIGKILL');

    const second = await startServer();
    try {
      const read = await fetch(`${second.base}/api/profile`, { headers: { cookie } });
      expect(read.status).toBe(200);
      expect((await read.json()).profile).toMatchObject({ examDate, bufferPoints: 13 });
    } finally {
      const stopped = exitOf(second.child);
      second.child.kill('SIGTERM');
      await stopped;
    }
  });

  it('drains and exits with code 0 on SIGTERM', async () => {
    const { child, base } = await startServer();
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const exited = exitOf(child);
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
  });
});
