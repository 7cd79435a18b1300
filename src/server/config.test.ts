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
      applicationName: 'comeback',
    });
  });

  it('names the PostgreSQL connections with DATABASE_APPLICATION_NAME', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@db:5432/comeback',
      DATABASE_APPLICATION_NAME: 'comeback-a',
    });
    expect(config.database).toMatchObject({ applicationName: 'comeback-a' });
    expect(() => loadConfig({ DATABASE_APPLICATION_NAME: '' })).toThrow(/DATABASE_APPLICATION_NAME/);
  });

  it('sets server timeouts against trickling clients, configurable by key', () => {
    expect(loadConfig({}).http).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      idleTimeoutMs: 60_000,
      keepAliveTimeoutMs: 72_000,
      maxConnections: 10_000,
    });
    expect(loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '5000', HTTP_MAX_CONNECTIONS: '500' }).http).toMatchObject({
      headersTimeoutMs: 5000,
      maxConnections: 500,
    });
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '40000', HTTP_REQUEST_TIMEOUT_MS: '30000' })).toThrow(
      /HTTP_HEADERS_TIMEOUT_MS/,
    );
    expect(() => loadConfig({ HTTP_KEEP_ALIVE_TIMEOUT_MS: 'soon' })).toThrow(/HTTP_KEEP_ALIVE_TIMEOUT_MS/);
  });

  it('allows 20 sign-ups per address an hour unless SIGN_UPS_PER_ADDRESS_PER_HOUR says otherwise', () => {
    expect(loadConfig({}).signUpsPerAddressPerHour).toBe(20);
    expect(loadConfig({ SIGN_UPS_PER_ADDRESS_PER_HOUR: '200' }).signUpsPerAddressPerHour).toBe(200);
    expect(() => loadConfig({ SIGN_UPS_PER_ADDRESS_PER_HOUR: '0' })).toThrow(/SIGN_UPS_PER_ADDRESS_PER_HOUR/);
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

  it('trusts no proxy by default, a number of hops, or a list of proxy addresses', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.0.1.0/24,::1,loopback' }).trustProxy).toEqual([
      '10.0.0.5',
      '10.0.1.0/24',
      '::1',
      'loopback',
    ]);
  });

  it('refuses TRUST_PROXY=true (every hop believed) and anything that is not an address, naming the key', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: must be the number of proxies/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.5,nginx' })).toThrow(/TRUST_PROXY: .*not an address: "nginx"/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '11' })).toThrow(/TRUST_PROXY: must be at most 10/);
  });

  it('migrates at start unless MIGRATE_ON_START=false', () => {
    expect(loadConfig({}).migrateOnStart).toBe(true);
    expect(loadConfig({ MIGRATE_ON_START: 'true' }).migrateOnStart).toBe(true);
    expect(loadConfig({ MIGRATE_ON_START: 'false' }).migrateOnStart).toBe(false);
    expect(loadConfig({ MIGRATE_ON_START: '0' }).migrateOnStart).toBe(false);
    expect(() => loadConfig({ MIGRATE_ON_START: 'no' })).toThrow(/MIGRATE_ON_START/);
  });

  it('drains on SIGTERM after a 5 s grace, for at most 25 s, configurable by key', () => {
    expect(loadConfig({}).shutdown).toEqual({ graceMs: 5_000, timeoutMs: 25_000 });
    expect(loadConfig({ SHUTDOWN_GRACE_MS: '0', SHUTDOWN_TIMEOUT_MS: '3000' }).shutdown).toEqual({
      graceMs: 0,
      timeoutMs: 3_000,
    });
    expect(() => loadConfig({ SHUTDOWN_GRACE_MS: '-1' })).toThrow(/SHUTDOWN_GRACE_MS/);
    expect(() => loadConfig({ SHUTDOWN_TIMEOUT_MS: 'later' })).toThrow(/SHUTDOWN_TIMEOUT_MS/);
  });
});
