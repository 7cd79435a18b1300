/**
 * Fills a PostgreSQL database with a few students' real data through the app, for
 * scripts/backup-restore-check.sh: one instance (migrating at start) on DATABASE_URL, N students
 * with a profile, a plan, a calendar feed, block logs and ticks; then the instance is stopped.
 *
 *   node --import tsx bench/school-seed.ts postgres://…/db [students]
 */
import { freePort } from '#tests/faults/lib/instance.ts';
import { setUpStudents } from './school-load.ts';
import { spawnApp } from './school-stack.ts';

const [url, count = '20'] = process.argv.slice(2);
if (!url) {
  process.stderr.write('usage: node --import tsx bench/school-seed.ts <postgres url> [students]\n');
  process.exit(2);
}
const app = await spawnApp('seed', await freePort(), {
  DATABASE_URL: url,
  MIGRATE_ON_START: 'true',
  SIGN_UPS_PER_ADDRESS_PER_HOUR: '100000',
  NODE_ENV: 'production',
});
try {
  const students = await setUpStudents(app, Number(count), { concurrency: 4 });
  let blocks = 0;
  let ticks = 0;
  for (const student of students) {
    for (let i = 0; i < 3; i++) {
      const reply = await student.user.request(app, 'POST', '/api/evidence/blocks', {
        body: {
          bank: 'uworld',
          mode: 'timed',
          questions: 40,
          correct: 24 + i * 3,
          minutes: 60,
          date: student.today,
          missedSystems: ['renal-urinary'],
          missedDisciplines: ['surgery'],
        },
      });
      if (reply.status !== 201) throw new Error(`block log: ${reply.status} ${JSON.stringify(reply.body)}`);
      blocks++;
    }
    const item = student.tickable.at(-1);
    if (item) {
      const reply = await student.user.request(app, 'POST', `/api/plan/items/${item}`, { body: { status: 'done' } });
      if (reply.status === 200) ticks++;
    }
  }
  process.stdout.write(`seeded ${students.length} students, ${blocks} blocks, ${ticks} ticks\n`);
} finally {
  await app.stop();
}
