import { useState, type FormEvent } from 'react';
import { draftEntriesFromBlock } from '#domain/journal/entry.ts';
import type { EvidenceResponse } from '#shared/contracts/evidence-api.ts';
import { toApiError } from '../../api/client.ts';
import { ErrorSummary, Field, inputProps } from '../../components/form.tsx';
import { journalApi } from './journal-api.ts';
import { ERROR_TYPE_OPTIONS, SYSTEM_OPTIONS, labelOf } from './journal-labels.ts';

type Block = EvidenceResponse['blocks']['recent'][number];
type Draft = { system: string | null; discipline: string | null; errorType: string; keyPoint: string };

/**
 * One short row per miss of a just-logged block, its system already tagged from the block: the
 * student writes why and the key point, and adds them all at once (all or none).
 */
export function BlockDrafts({ block, onSaved }: { block: Block; onSaved: (count: number) => void }) {
  const [drafts, setDrafts] = useState<Draft[]>(() =>
    draftEntriesFromBlock(block).map((d) => ({ ...d, errorType: '', keyPoint: '' })),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [isBusy, setIsBusy] = useState(false);
  const update = (index: number, patch: Partial<Draft>) =>
    setDrafts((list) => list.map((d, i) => (i === index ? { ...d, ...patch } : d)));

  if (drafts.length === 0) {
    return <p className="muted">This block has no missed systems tagged; add its misses one by one below.</p>;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setIsBusy(true);
    setAttempt((n) => n + 1);
    try {
      const { ids } = await journalApi.addMany({
        entries: drafts.map((d) => ({ bank: block.bank, blockId: block.id, ...d })),
      });
      onSaved(ids.length);
    } catch (caught) {
      const error = toApiError(caught);
      setErrors(error.fields);
      setMessage(error.hasFieldErrors ? null : error.message);
    } finally {
      setIsBusy(false);
    }
  }

  const idOf = (index: number, field: string) => `draft-${index}-${field}`;
  const items = Object.entries(errors).flatMap(([path, text]) => {
    const match = /^entries\.(\d+)\.(\w+)/.exec(path);
    return match
      ? [{ fieldId: idOf(Number(match[1]), match[2]!), message: `Miss ${Number(match[1]) + 1}: ${text}` }]
      : [];
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Add the block's misses">
      <ErrorSummary message={message} items={items} focusKey={attempt} />
      <ol className="draft-list">
        {drafts.map((draft, index) => (
          <li key={index} className="draft" data-testid="block-draft">
            <p className="draft-title">
              Miss {index + 1}: {labelOf(SYSTEM_OPTIONS, draft.system) || 'no system tagged'}
            </p>
            <Field id={idOf(index, 'errorType')} label="Why you missed it" error={errors[`entries.${index}.errorType`]}>
              <select
                {...inputProps(idOf(index, 'errorType'), { error: errors[`entries.${index}.errorType`] })}
                value={draft.errorType}
                onChange={(e) => update(index, { errorType: e.target.value })}
              >
                <option value="">Choose…</option>
                {ERROR_TYPE_OPTIONS.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field id={idOf(index, 'keyPoint')} label="Key point" error={errors[`entries.${index}.keyPoint`]}>
              <textarea
                {...inputProps(idOf(index, 'keyPoint'), { error: errors[`entries.${index}.keyPoint`] })}
                rows={2}
                value={draft.keyPoint}
                onChange={(e) => update(index, { keyPoint: e.target.value })}
              />
            </Field>
          </li>
        ))}
      </ol>
      <button type="submit" className="button button--primary" disabled={isBusy}>
        {isBusy ? 'Adding…' : `Add ${drafts.length} ${drafts.length === 1 ? 'entry' : 'entries'}`}
      </button>
    </form>
  );
}
