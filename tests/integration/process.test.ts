// The real server process: accepted writes (a profile, and a block on the batched logging path)
// survive kill -9 right after the response, and SIGTERM drains and exits cleanly. A kill in the
// middle of a stream of writes, on SQLite and PostgreSQL, is in tests/faults/kill-mid-stream.test.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProfileInput } from '#tests/factories/profile.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'comeback-process-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
// "Now" is pinned (COMEBACK_TEST_CLOCK_FILE), so the dates below hold at any hour.
const NOW = '2026-11-24T15:00:00.000Z';
const TODAY = '2026-11-24';
const clockFile = path.join(dataDir, 'now.txt');
fs.writeFileSync(clockFile, NOW);

async function startServer(): Promise<{ child: ChildProcess; base: string }> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      COMEBACK_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      COMEBACK_TEST_CLOCK_FILE: clockFile,
    },
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
  it('keeps a profile and a logged block acknowledged just before a kill -9', async () => {
    const first = await startServer();
    const signUp = await fetch(`${first.base}/api/auth/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'durable@school.edu', password: 'tidal-marigold-cactus-47' }),
    });
    const cookie = (signUp.headers.get('set-cookie') ?? '').split(';')[0]!;
    const examDate = '2027-03-04';
    const save = await fetch(`${first.base}/api/profile`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(buildProfileInput({ examDate, timeZone: 'UTC', bufferPoints: 13 })),
    });
    expect(save.status).toBe(200);
    const logged = await fetch(`${first.base}/api/evidence/blocks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ bank: 'uworld', mode: 'timed', questions: 40, correct: 30, minutes: 60, date: TODAY }),
    });
    expect(logged.status).toBe(201);
    const { id: blockId } = (await logged.json()) as { id: string };
    const exited = exitOf(first.child);
    first.child.kill('SIGKILL');
    expect((await exited).signal).toBe('SIGKILL');

    const second = await startServer();
    try {
      const read = await fetch(`${second.base}/api/profile`, { headers: { cookie } });
      expect(read.status).toBe(200);
      expect((await read.json()).profile).toMatchObject({ examDate, bufferPoints: 13 });
      const exported = await fetch(`${second.base}/api/account/export`, { headers: { cookie } });
      const { questionBlocks } = (await exported.json()) as { questionBlocks: { id: string }[] };
      expect(questionBlocks.map((b) => b.id)).toContain(blockId);
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
