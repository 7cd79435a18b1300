import { afterEach, describe, expect, it, vi } from 'vitest';

/** A fresh copy of the module (its state is module-wide), with the device on- or offline. */
async function connectionWith(onLine: boolean) {
  vi.resetModules();
  vi.stubGlobal('navigator', { onLine });
  return import('./connection.ts');
}

describe('the connection marker', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('stays offline when an answer sent before the device went offline arrives after it did', async () => {
    const connection = await connectionWith(false);
    expect(connection.getConnectionState().isOffline).toBe(true);
    connection.noteServerAnswered();
    const state = connection.getConnectionState();
    expect(state.isOffline).toBe(true);
    expect(state.lastSyncedAt).not.toBeNull();
  });

  it('goes online at an answer from the server while the device is online', async () => {
    const connection = await connectionWith(true);
    connection.noteReadFailed();
    expect(connection.getConnectionState().isOffline).toBe(true);
    connection.noteServerAnswered();
    expect(connection.getConnectionState().isOffline).toBe(false);
  });

  it('marks the page offline when a read is answered by the service worker’s copy', async () => {
    const connection = await connectionWith(true);
    connection.noteReadAnswered(true);
    expect(connection.getConnectionState().isOffline).toBe(true);
  });
});
