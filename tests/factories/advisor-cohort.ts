/**
 * An advisor's cohort written straight into the database, for the dashboard's scale test and bench:
 * each student with a profile, a plan with three weeks of items behind today and one ahead, four
 * practice exams, a week of check-ins, and a live link to the advisor. Some students are made to
 * raise each flag, so the dashboard does all its work: every 4th has falling scores, every 5th low
 * adherence, every 7th a plan shortfall, every 6th hard check-ins (shared by every 2nd student).
 */
import type { Kysely } from 'kysely';
import { addDays, type LocalDate } from '#domain/common/dates.ts';
import type { DB } from '#server/db/schema.ts';

const CHUNK = 500;

async function insertChunked<T extends keyof DB & string>(db: Kysely<DB>, table: T, rows: readonly object[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK) as never)
      .execute();
  }
}

export async function seedAdvisorCohort(
  db: Kysely<DB>,
  input: { advisorId: string; students: number; today: LocalDate; now: string; prefix?: string },
): Promise<string[]> {
  const { today, now } = input;
  const prefix = input.prefix ?? 'cohort';
  const ids = Array.from({ length: input.students }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}`);
  const users = ids.map((id) => ({
    id,
    email: `${id}@school.edu`,
    password_hash: 'not-a-hash',
    role: 'student' as const,
    created_at: now,
    password_changed_at: now,
  }));
  const profiles = ids.map((id) => ({
    user_id: id,
    fail_count: '1',
    specialty: 'internal-medicine',
    other_specialty_name: null,
    other_tier: null,
    backup_specialty: null,
    school_type: 'us-md',
    time_zone: 'America/Chicago',
    exam_date: addDays(today, 60),
    review_start_date: '2027-09-22',
    buffer_points: 10,
    created_at: now,
    updated_at: now,
  }));
  const shortfall = {
    week: 2,
    kind: 'question-bank',
    plannedMinutes: 600,
    askedMinutes: 1500,
    cause: 'rotation hours',
    waysOut: [],
  };
  const plans = ids.map((id, i) => ({
    user_id: id,
    start_date: addDays(today, -21),
    exam_date: addDays(today, 60),
    settings_json: '{}',
    summary_json: JSON.stringify({ shortfalls: i % 7 === 0 ? [shortfall] : [], fullLengthDates: [] }),
    warnings_json: '[]',
    created_at: now,
    updated_at: now,
  }));
  const items: object[] = [];
  const exams: object[] = [];
  const checkIns: object[] = [];
  ids.forEach((id, i) => {
    const isBehind = i % 5 === 0;
    for (let d = -21; d <= 7; d += 1) {
      const date = addDays(today, d);
      const isPast = d < 0;
      const kinds: [string, number, string | null][] =
        d % 7 === 0
          ? [['practice-exam', 480, i % 3 === 0 ? 'NBME13' : 'UWSA1']]
          : [
              ['qbank-block', 60, null],
              ['qbank-review', 60, null],
              ['content-review', 90, null],
            ];
      kinds.forEach(([kind, minutes, form], n) => {
        const isDone = isPast && (!isBehind || n === 0) && !(kind === 'practice-exam' && i % 9 === 0);
        items.push({
          user_id: id,
          id: `${id}-${date}-${kind}-${n}`,
          date,
          kind,
          title: kind,
          start_time: '09:00',
          end_time: '10:00',
          minutes,
          questions: kind === 'qbank-block' ? 40 : null,
          form,
          status: isDone ? 'done' : null,
          status_at: isDone ? now : null,
          sequence: 0,
          changed_at: now,
        });
      });
    }
    const falling = i % 4 === 0;
    ['NBME11', 'NBME12', 'NBME14', 'NBME15'].forEach((form, n) => {
      exams.push({
        id: `${id}-exam-${n}`,
        user_id: id,
        form,
        date: addDays(today, -49 + n * 14),
        score: falling ? 236 - n * 6 : 222 + n * 5,
        percent_correct: null,
        breakdown_json: JSON.stringify({ breakdown: [], isPredictive: true }),
        created_at: now,
      });
    });
    for (let d = -6; d <= 0; d += 1) {
      const isHard = i % 6 === 0;
      checkIns.push({
        id: `${id}-checkin-${d}`,
        user_id: id,
        date: addDays(today, d),
        sleep_hours: isHard ? 5 : 7.5,
        stress: isHard ? 4 : 2,
        mood: isHard ? 2 : 4,
        note: null,
        created_at: now,
      });
    }
  });
  const links = ids.map((id, i) => ({
    id: `${id}-link`,
    student_id: id,
    advisor_id: input.advisorId,
    invitation_id: null,
    scope_scores: 1,
    scope_plan: 1,
    scope_wellbeing: i % 2 === 0 ? 1 : 0,
    scope_journal: 0,
    scope_story: 0,
    created_at: now,
    updated_at: now,
    revoked_at: null,
  }));
  await insertChunked(db, 'users', users);
  await insertChunked(db, 'profiles', profiles);
  await insertChunked(db, 'plans', plans);
  await insertChunked(db, 'plan_items', items);
  await insertChunked(db, 'practice_exams', exams);
  await insertChunked(db, 'wellbeing_checkins', checkIns);
  await insertChunked(db, 'advisor_links', links);
  return ids;
}
