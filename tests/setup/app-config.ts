import { Writable } from 'node:stream';
import type { Config } from '#server/config.ts';

/** The config test apps run with, on the given database; `overrides` for the setting under test. */
export function testConfig(database: Config['database'], overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: '/nonexistent',
    database,
    publicOrigin: null,
    cookieSecure: false,
    trustProxy: false,
    logLevel: 'silent',
    session: { idleMs: 7 * 86_400_000, absoluteMs: 30 * 86_400_000 },
    webRoot: '/nonexistent',
    testClockFile: null,
    ...overrides,
  };
}

/** A stream to pass as the app's log destination: every line written, as text and as JSON. */
export function createLogCapture() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  return {
    stream,
    text: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
