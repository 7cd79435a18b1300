import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.ts';
import { respondIdempotent } from '../idempotency.ts';
import { actorOf, requireStudent } from '../plugins/auth.ts';
import { addJournalEntries } from '../use-cases/add-journal-entries.ts';
import { addJournalEntry } from '../use-cases/add-journal-entry.ts';
import { deleteJournalEntry } from '../use-cases/delete-journal-entry.ts';
import { editJournalEntry } from '../use-cases/edit-journal-entry.ts';
import { exportJournalCsv } from '../use-cases/export-journal-csv.ts';
import { getJournalSummary } from '../use-cases/get-journal-summary.ts';
import { getReviewQueue } from '../use-cases/get-review-queue.ts';
import { importJournalCsv } from '../use-cases/import-journal-csv.ts';
import { listJournal } from '../use-cases/list-journal.ts';
import { reviewJournalEntry } from '../use-cases/review-journal-entry.ts';
import { undoJournalReview } from '../use-cases/undo-journal-review.ts';
import { respond } from './respond.ts';

/** Room for 120 full entries in one batch (the app-wide body limit is 64 KiB). */
const BATCH_BODY_LIMIT = 1024 * 1024;
/** A 1,000,000-character CSV as JSON: up to 3 bytes a character, plus escapes. */
const IMPORT_BODY_LIMIT = 4 * 1024 * 1024;

/** The wrong-answer journal (capability F): entries, reviews, the queue and forecast, CSV in and out. */
export async function journalRoutes(app: FastifyInstance, { ctx }: { ctx: Context }) {
  app.addHook('preHandler', requireStudent);

  app.get('/journal', async (request) => listJournal(ctx, actorOf(request)));
  app.get('/journal/summary', async (request) => getJournalSummary(ctx, actorOf(request)));

  app.post('/journal/entries', async (request, reply) =>
    respondIdempotent(
      ctx,
      request,
      reply,
      (key) => addJournalEntry(ctx, actorOf(request), request.body, key),
      (v) => v,
      201,
    ),
  );
  app.post('/journal/entries/batch', { bodyLimit: BATCH_BODY_LIMIT }, async (request, reply) =>
    respond(request, reply, await addJournalEntries(ctx, actorOf(request), request.body), (v) => v, 201),
  );
  app.put<{ Params: { id: string } }>('/journal/entries/:id', async (request, reply) =>
    respond(
      request,
      reply,
      await editJournalEntry(ctx, actorOf(request), request.params.id, request.body),
      () => undefined,
      204,
    ),
  );
  app.delete<{ Params: { id: string } }>('/journal/entries/:id', async (request, reply) =>
    respond(request, reply, await deleteJournalEntry(ctx, actorOf(request), request.params.id), () => undefined, 204),
  );

  app.get('/journal/review', async (request) => getReviewQueue(ctx, actorOf(request)));
  app.post('/journal/reviews', async (request, reply) =>
    respondIdempotent(
      ctx,
      request,
      reply,
      (key) => reviewJournalEntry(ctx, actorOf(request), request.body, key),
      (v) => v,
      201,
    ),
  );
  app.post('/journal/reviews/undo', async (request, reply) =>
    respond(request, reply, await undoJournalReview(ctx, actorOf(request)), (v) => v),
  );

  app.get('/journal/export.csv', async (request, reply) => {
    const body = await exportJournalCsv(ctx, actorOf(request));
    reply.header('content-disposition', 'attachment; filename="comeback-journal.csv"');
    return reply.type('text/csv; charset=utf-8').send(body);
  });
  app.post('/journal/import', { bodyLimit: IMPORT_BODY_LIMIT }, async (request, reply) =>
    respond(request, reply, await importJournalCsv(ctx, actorOf(request), request.body), (v) => v),
  );
}
