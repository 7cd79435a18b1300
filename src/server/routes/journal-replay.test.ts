import { afterAll, beforeAll, expect, it } from 'vitest';
import { examWindowOf, replayCard, type ReviewRating } from '#domain/journal/schedule.ts';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { createTestApp, signUpClient, type Client, type TestApp } from '#tests/setup/test-app.ts';

const DAY_MS = 86_400_000;
const ZONE = 'America/Chicago';

// Test clock: 2026-11-24T15:00Z (09:00 in Chicago); the exam starts on 2027-01-20.
describeEachDatabase('journal replay when the exam date changes', (kind) => {
  let t: TestApp;
  let student: Client;
  let entryId = '';
  let createdAtMs = 0;
  const ratings: { atMs: number; rating: ReviewRating }[] = [];

  beforeAll(async () => {
    t = await createTestApp(kind);
    student = await signUpClient(t.app);
    await student.request({
      method: 'PUT',
      url: '/api/profile',
      payload: buildProfileInput({ examDate: '2027-01-20', timeZone: ZONE }),
    });
  });
  afterAll(() => t.close());

  const post = (url: string, payload?: object) =>
    student.request({ method: 'POST', url, ...(payload ? { payload } : {}) });
  const due = async () =>
    (await student.request({ method: 'GET', url: '/api/journal' }))
      .json()
      .entries.find((e: { id: string }) => e.id === entryId).due as string;
  const expected = (examDate: string, upTo = ratings.length) =>
    replayCard({ createdAtMs, reviews: ratings.slice(0, upTo), exam: examWindowOf(examDate, ZONE) }).card.due;
  const rate = async (rating: ReviewRating) => {
    ratings.push({ atMs: t.clock.now().getTime(), rating });
    expect((await post('/api/journal/reviews', { entryId, rating })).statusCode).toBe(201);
  };
  const saveExamDate = async (examDate: string) => {
    const response = await student.request({
      method: 'PUT',
      url: '/api/profile',
      payload: buildProfileInput({ examDate, timeZone: ZONE }),
    });
    expect(response.statusCode).toBe(200);
  };

  it('moves the due dates with a new exam date in the profile, from the stored ratings, and undo follows them', async () => {
    createdAtMs = t.clock.now().getTime();
    const added = await post('/api/journal/entries', {
      bank: 'uworld',
      errorType: 'knowledge-gap',
      keyPoint: 'Painless jaundice with a palpable gallbladder: pancreatic head cancer',
    });
    entryId = added.json().id;
    await rate(3);
    t.clock.advance(15 * 60_000);
    await rate(3);
    t.clock.advance(3 * DAY_MS);
    await rate(4);
    t.clock.advance(6 * DAY_MS);
    await rate(4);
    // Easy twice: FSRS would skip the exam; the last-look rule brings it back on the eve.
    const onFirstExam = await due();
    expect(onFirstExam).toBe(expected('2027-01-20'));
    expect(Date.parse(onFirstExam)).toBe(examWindowOf('2027-01-20', ZONE).eveStartsAtMs);

    await saveExamDate('2027-02-17');
    const onLaterExam = await due();
    expect(onLaterExam).toBe(expected('2027-02-17'));
    expect(Date.parse(onLaterExam)).toBeGreaterThan(Date.parse(onFirstExam));
    expect(Date.parse(onLaterExam)).toBeLessThan(examWindowOf('2027-02-17', ZONE).examStartsAtMs);

    // Saving the profile again with the same date changes nothing.
    await saveExamDate('2027-02-17');
    expect(await due()).toBe(onLaterExam);

    // Undo steps back along the replayed schedule: the card after the third rating under the new date.
    expect((await post('/api/journal/reviews/undo')).statusCode).toBe(200);
    ratings.pop();
    expect(await due()).toBe(expected('2027-02-17'));
    await rate(4);
    expect(await due()).toBe(expected('2027-02-17'));
  });

  it('moves them with an accepted delay too', async () => {
    // Two practice exams in the 170s, 57 days out: a delay is on offer (see evidence.routes.test.ts).
    await saveExamDate('2027-01-20');
    expect(await due()).toBe(expected('2027-01-20'));
    await post('/api/evidence/practice-exams', { form: 'NBME13', date: '2026-12-01', score: 172, breakdown: [] });
    await post('/api/evidence/practice-exams', { form: 'UWSA1', date: '2026-12-05', score: 176 });
    const evidence = (await student.request({ method: 'GET', url: '/api/evidence' })).json();
    const proposal = evidence.readiness.delayProposal;
    expect(proposal).not.toBeNull();
    const accepted = await post('/api/readiness/accept-delay', { proposedExamDate: proposal.newExamDate });
    expect(accepted.statusCode).toBe(200);
    expect(await due()).toBe(expected(proposal.newExamDate));
    expect(await due()).not.toBe(expected('2027-01-20'));
  });
});
