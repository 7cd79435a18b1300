// Repository behaviour on real databases: SQLite always, PostgreSQL when reachable (always in CI).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, createTestDatabase, type TestDatabase } from '#tests/setup/databases.ts';
import { createLoginFailuresRepo } from './login-failures.repo.ts';
import { createProfilesRepo } from './profiles.repo.ts';
import { createSessionsRepo } from './sessions.repo.ts';
import { createUsersRepo } from './users.repo.ts';
import type { StudentProfile } from '#domain/risk/profile.ts';

const NOW = '2026-11-24T15:00:00.000Z';
const LATER = '2026-11-24T16:00:00.000Z';

const profile: StudentProfile = {
  failCount: '1',
  specialty: 'internal-medicine',
  otherSpecialtyName: null,
  otherTier: null,
  backupSpecialty: null,
  schoolType: 'us-md',
  timeZone: 'America/Chicago',
  examDate: '2027-03-01',
  reviewStartDate: '2027-09-22',
  bufferPoints: 10,
};

describeEachDatabase('repositories', (kind) => {
  let testDb: TestDatabase;
  let users: ReturnType<typeof createUsersRepo>;
  let sessions: ReturnType<typeof createSessionsRepo>;
  let profiles: ReturnType<typeof createProfilesRepo>;
  let failures: ReturnType<typeof createLoginFailuresRepo>;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    users = createUsersRepo(testDb.database.db);
    sessions = createSessionsRepo(testDb.database.db);
    profiles = createProfilesRepo(testDb.database.db);
    failures = createLoginFailuresRepo(testDb.database.db);
  });
  afterAll(() => testDb.drop());

  it('stores a user once per email and refuses a duplicate without throwing', async () => {
    expect(await users.insert({ id: 'u1', email: 'a@school.edu', passwordHash: 'h', role: 'student', now: NOW })).toBe(
      true,
    );
    expect(await users.insert({ id: 'u2', email: 'a@school.edu', passwordHash: 'h', role: 'student', now: NOW })).toBe(
      false,
    );
    expect((await users.findByEmail('a@school.edu'))?.id).toBe('u1');
  });

  it('saves a profile, then updates it in place on a second save', async () => {
    const saved = await profiles.save('u1', profile, NOW);
    expect(saved).toMatchObject({ ...profile, createdAt: NOW, updatedAt: NOW });
    const updated = await profiles.save('u1', { ...profile, bufferPoints: 15, examDate: '2027-04-01' }, LATER);
    expect(updated).toMatchObject({ bufferPoints: 15, examDate: '2027-04-01', createdAt: NOW, updatedAt: LATER });
    expect(await profiles.get('u1')).toMatchObject({ bufferPoints: 15 });
  });

  it('reads only the acting user’s profile', async () => {
    await users.insert({ id: 'u3', email: 'c@school.edu', passwordHash: 'h', role: 'student', now: NOW });
    expect(await profiles.get('u3')).toBeUndefined();
  });

  it('drops the name and tier of "another specialty" when a listed specialty is saved', async () => {
    const saved = await profiles.save('u3', { ...profile, otherSpecialtyName: 'Urology', otherTier: 'community' }, NOW);
    expect(saved.otherSpecialtyName).toBeNull();
    expect(saved.otherTier).toBeNull();
  });

  it('finds an active session and stops finding it after idle or absolute expiry', async () => {
    await sessions.insert({
      id: 's1',
      userId: 'u1',
      passwordVersion: 1,
      tokenHash: 'th1',
      now: NOW,
      expiresAt: '2026-12-24T15:00:00.000Z',
      userAgent: null,
    });
    expect(await sessions.findActive('th1', LATER, '2026-11-17T16:00:00.000Z')).toMatchObject({
      user: { id: 'u1', role: 'student' },
      session: { id: 's1' },
    });
    // Idle: last seen before the idle cut-off.
    expect(await sessions.findActive('th1', LATER, '2026-11-24T15:30:00.000Z')).toBeUndefined();
    // Absolute: past expires_at.
    expect(await sessions.findActive('th1', '2026-12-25T00:00:00.000Z', '2026-11-17T00:00:00.000Z')).toBeUndefined();
  });

  it('ends the other sessions of a user and keeps the current one', async () => {
    await sessions.insert({
      id: 's2',
      userId: 'u1',
      passwordVersion: 1,
      tokenHash: 'th2',
      now: NOW,
      expiresAt: '2026-12-24T15:00:00.000Z',
      userAgent: 'phone',
    });
    await sessions.insert({
      id: 's3',
      userId: 'u3',
      passwordVersion: 1,
      tokenHash: 'th3',
      now: NOW,
      expiresAt: '2026-12-24T15:00:00.000Z',
      userAgent: null,
    });
    expect(await sessions.deleteOthersForUser('u1', 's2')).toBe(1);
    expect((await sessions.listForUser('u1')).map((s) => s.id)).toEqual(['s2']);
    expect((await sessions.listForUser('u3')).map((s) => s.id)).toEqual(['s3']);
  });

  it('counts recent sign-in failures by email and by address, and takes one back', async () => {
    await failures.record({ id: 'f1', email: 'a@school.edu', ip: '10.0.0.1', now: NOW });
    await failures.record({ id: 'f2', email: 'a@school.edu', ip: '10.0.0.2', now: LATER });
    await failures.record({ id: 'f3', email: 'b@school.edu', ip: '10.0.0.1', now: LATER });
    const counts = await failures.countSince('a@school.edu', '10.0.0.1', '2026-11-24T14:00:00.000Z');
    expect(counts.byEmail).toEqual({ count: 2, oldest: NOW });
    expect(counts.byIp).toEqual({ count: 2, oldest: NOW });
    await failures.remove('f1');
    expect((await failures.countSince('a@school.edu', '10.0.0.9', '2026-11-24T14:00:00.000Z')).byEmail.count).toBe(1);
  });

  it('prunes only ended sessions and old sign-in failures', async () => {
    await users.insert({ id: 'u9', email: 'prune@school.edu', passwordHash: 'h', role: 'student', now: NOW });
    await sessions.insert({
      id: 'old',
      userId: 'u9',
      passwordVersion: 1,
      tokenHash: 'th-old',
      now: '2026-10-01T00:00:00.000Z',
      expiresAt: '2026-10-31T00:00:00.000Z',
      userAgent: null,
    });
    await sessions.insert({
      id: 'idle',
      userId: 'u9',
      passwordVersion: 1,
      tokenHash: 'th-idle',
      now: '2026-11-10T00:00:00.000Z',
      expiresAt: '2026-12-10T00:00:00.000Z',
      userAgent: null,
    });
    await sessions.insert({
      id: 'live',
      userId: 'u9',
      passwordVersion: 1,
      tokenHash: 'th-live',
      now: NOW,
      expiresAt: '2026-12-24T00:00:00.000Z',
      userAgent: null,
    });
    await sessions.deleteExpired(NOW, '2026-11-17T15:00:00.000Z');
    expect((await sessions.listForUser('u9')).map((s) => s.id)).toEqual(['live']);
    await failures.record({ id: 'f-old', email: 'prune@school.edu', ip: '1', now: '2026-11-24T10:00:00.000Z' });
    await failures.record({ id: 'f-new', email: 'prune@school.edu', ip: '1', now: NOW });
    await failures.deleteBefore('2026-11-24T14:45:00.000Z');
    expect((await failures.countSince('prune@school.edu', '1', '2026-01-01T00:00:00.000Z')).byEmail.count).toBe(1);
  });

  it('deletes a user with every row they own, and nothing of anyone else', async () => {
    await failures.record({ id: 'f4', email: 'a@school.edu', ip: '10.0.0.1', now: LATER });
    await users.delete('u1');
    expect(await users.findById('u1')).toBeUndefined();
    expect(await profiles.get('u1')).toBeUndefined();
    expect(await sessions.listForUser('u1')).toEqual([]);
    expect((await failures.countSince('a@school.edu', 'x', '2026-11-01T00:00:00.000Z')).byEmail.count).toBe(0);
    expect(await profiles.get('u3')).toBeDefined();
    expect(await sessions.listForUser('u3')).toHaveLength(1);
  });

  it(`runs the migrations on ${kind} and can run them again as a no-op`, async () => {
    const { migrateToLatest } = await import('#server/db/database.ts');
    expect(await migrateToLatest(testDb.database.db)).toEqual([]);
  });
});
