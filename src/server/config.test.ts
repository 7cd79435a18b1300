import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('config', () => {
  it('runs on SQLite in ./data on 127.0.0.1:3000 with no configuration at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', cookieSecure: false });
    expect(config.database).toEqual({ kind: 'sqlite', file: path.resolve('data/comeback.sqlite') });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('chooses PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/comeback' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@db:5432/comeback',
    });
  });

  it('uses COMEBACK_DATA_DIR for the SQLite file', () => {
    expect(loadConfig({ COMEBACK_DATA_DIR: '/tmp/cb' }).database).toEqual({
      kind: 'sqlite',
      file: '/tmp/cb/comeback.sqlite',
    });
  });

  it('turns on Secure cookies behind an https public origin', () => {
    expect(loadConfig({ PUBLIC_ORIGIN: 'https://comeback.school.edu' }).cookieSecure).toBe(true);
  });

  it('keeps only the origin of PUBLIC_ORIGIN, so a trailing slash does not break the origin check', () => {
    expect(loadConfig({ PUBLIC_ORIGIN: 'https://comeback.school.edu/' }).publicOrigin).toBe(
      'https://comeback.school.edu',
    );
  });

  it('refuses the test clock in production', () => {
    expect(() => loadConfig({ COMEBACK_TEST_CLOCK_FILE: '/tmp/clock', NODE_ENV: 'production' })).toThrow(
      /COMEBACK_TEST_CLOCK_FILE/,
    );
    expect(loadConfig({ COMEBACK_TEST_CLOCK_FILE: '/tmp/clock' }).testClockFile).toBe('/tmp/clock');
  });

  it('stops with a message naming each bad key', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/DATABASE_URL/);
    }
  });
});
