// The story repository on real databases: SQLite always, PostgreSQL when reachable (always in CI).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from '#tests/factories/users.ts';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '#tests/setup/databases.ts';
import { createStoryRepo } from './story.repo.ts';
import { createUsersRepo } from './users.repo.ts';

const NOW = '2026-11-24T15:00:00.000Z';
const LATER = '2026-11-24T16:00:00.000Z';

describeEachDatabase('story repository', (kind) => {
  let testDb: TestDatabase;
  let story: ReturnType<typeof createStoryRepo>;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    story = createStoryRepo(testDb.database.db);
    await insertUser(testDb.database.db, 'student-a');
    await insertUser(testDb.database.db, 'student-b');
  });
  afterAll(() => testDb.drop());

  describe('texts', () => {
    it('keeps one text per kind, replaced on save with its first creation time, and only for its owner', async () => {
      await story.saveText('student-a', 'statement', 'First version.', NOW);
      await story.saveText('student-a', 'statement', 'Second version,\nwith a line break and “quotes”.', LATER);
      await story.saveText('student-a', 'interview', 'Spoken answer.', NOW);
      expect(await story.listTexts('student-a')).toEqual([
        { kind: 'interview', text: 'Spoken answer.', createdAt: NOW, updatedAt: NOW },
        {
          kind: 'statement',
          text: 'Second version,\nwith a line break and “quotes”.',
          createdAt: NOW,
          updatedAt: LATER,
        },
      ]);
      expect(await story.listTexts('student-b')).toEqual([]);
    });
  });

  describe('placement', () => {
    it('saves the choice and the note, replaces both, and clears the note with null', async () => {
      await story.savePlacement('student-a', 'eras-field', 'Ask Dr. Ruiz on Friday.', NOW);
      await story.savePlacement('student-a', 'interview-only', null, LATER);
      expect(await story.getPlacement('student-a')).toEqual({
        choice: 'interview-only',
        advisorNote: null,
        createdAt: NOW,
        updatedAt: LATER,
      });
      expect(await story.getPlacement('student-b')).toBeUndefined();
    });
  });

  describe('attempts', () => {
    it('lists newest first and keeps only the latest `keep` per question', async () => {
      for (let i = 0; i < 5; i += 1) {
        await story.addAttempt(
          'student-a',
          {
            id: `a-${i}`,
            promptId: 'what-changed',
            text: `Attempt ${i}`,
            words: 2,
            secondsTaken: 60 + i,
            createdAt: `2026-11-24T15:0${i}:00.000Z`,
          },
          3,
        );
      }
      await story.addAttempt(
        'student-a',
        { id: 'b-0', promptId: 'biggest-weakness', text: 'Other', words: 1, secondsTaken: null, createdAt: LATER },
        3,
      );
      const attempts = await story.listAttempts('student-a');
      expect(attempts.map((a) => a.id)).toEqual(['b-0', 'a-4', 'a-3', 'a-2']);
      expect(attempts[1]).toEqual({
        id: 'a-4',
        promptId: 'what-changed',
        text: 'Attempt 4',
        words: 2,
        secondsTaken: 64,
        createdAt: '2026-11-24T15:04:00.000Z',
      });
      expect(await story.listAttempts('student-b')).toEqual([]);
    });
  });

  describe('deletion', () => {
    it('deleteAll removes only the student’s own story rows', async () => {
      await story.saveText('student-b', 'statement', 'B keeps this.', NOW);
      await story.deleteAll('student-a');
      expect(await story.listTexts('student-a')).toEqual([]);
      expect(await story.getPlacement('student-a')).toBeUndefined();
      expect(await story.listAttempts('student-a')).toEqual([]);
      expect((await story.listTexts('student-b')).map((t) => t.text)).toEqual(['B keeps this.']);
    });

    it('goes with the account', async () => {
      await insertUser(testDb.database.db, 'student-c');
      await story.saveText('student-c', 'interview', 'Answer.', NOW);
      await story.savePlacement('student-c', 'statement-paragraph', 'Note', NOW);
      await story.addAttempt(
        'student-c',
        { id: 'c-0', promptId: 'walk-me-through', text: 'x', words: 1, secondsTaken: 5, createdAt: NOW },
        20,
      );
      await createUsersRepo(testDb.database.db).delete('student-c');
      expect(await story.listTexts('student-c')).toEqual([]);
      expect(await story.getPlacement('student-c')).toBeUndefined();
      expect(await story.listAttempts('student-c')).toEqual([]);
    });
  });
});
