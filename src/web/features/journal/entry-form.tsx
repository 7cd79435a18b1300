import { useState, type FormEvent } from 'react';
import { toApiError } from '../../api/client.ts';
import { ErrorSummary, Field, inputProps } from '../../components/form.tsx';
import { journalApi } from './journal-api.ts';
import {
  BANK_OPTIONS,
  CONFIDENCE_OPTIONS,
  DISCIPLINE_OPTIONS,
  ERROR_TYPE_OPTIONS,
  SYSTEM_OPTIONS,
} from './journal-labels.ts';

export type EntryValues = {
  bank: string;
  questionId: string;
  system: string;
  discipline: string;
  errorType: string;
  keyPoint: string;
  wrongOptions: string;
  teachingPoint: string;
  ruleWhen: string;
  ruleThen: string;
  ruleBecause: string;
  confidence: string;
};

export const EMPTY_ENTRY: EntryValues = {
  bank: 'uworld',
  questionId: '',
  system: '',
  discipline: '',
  errorType: '',
  keyPoint: '',
  wrongOptions: '',
  teachingPoint: '',
  ruleWhen: '',
  ruleThen: '',
  ruleBecause: '',
  confidence: '',
};

const OPTION_LINE = /^\s*([^:]{1,3}):\s*(.+)$/;

/**
 * The request body for the form's values: one wrong option a line ("B: why"); a line without a label
 * is sent with an empty label so the server names it. Empty optional fields are sent as null.
 */
export function entryBody(values: EntryValues) {
  const wrongOptions = values.wrongOptions
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const match = OPTION_LINE.exec(line);
      return match ? { option: match[1]!.trim(), why: match[2]!.trim() } : { option: '', why: line.trim() };
    });
  const orNull = (v: string) => (v.trim() === '' ? null : v);
  const hasRule = [values.ruleWhen, values.ruleThen, values.ruleBecause].some((v) => v.trim() !== '');
  return {
    bank: values.bank,
    questionId: orNull(values.questionId),
    system: orNull(values.system),
    discipline: orNull(values.discipline),
    errorType: values.errorType,
    keyPoint: values.keyPoint,
    wrongOptions,
    teachingPoint: orNull(values.teachingPoint),
    rule: hasRule ? { when: values.ruleWhen, then: values.ruleThen, because: values.ruleBecause } : null,
    confidence: orNull(values.confidence),
  };
}

/** The form field a server field path belongs to ("rule.when" → ruleWhen, "wrongOptions.1.why" → wrongOptions). */
export function fieldOfPath(path: string): keyof EntryValues | null {
  if (path.startsWith('wrongOptions')) return 'wrongOptions';
  if (path === 'rule.when') return 'ruleWhen';
  if (path === 'rule.then') return 'ruleThen';
  if (path === 'rule.because') return 'ruleBecause';
  return path in EMPTY_ENTRY ? (path as keyof EntryValues) : null;
}

function Select({
  id,
  value,
  options,
  empty,
  error,
  onChange,
}: {
  id: string;
  value: string;
  options: readonly { id: string; name: string }[];
  empty?: string;
  error?: string | undefined;
  onChange: (v: string) => void;
}) {
  return (
    <select {...inputProps(id, { error })} value={value} onChange={(e) => onChange(e.target.value)}>
      {empty !== undefined ? <option value="">{empty}</option> : null}
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </select>
  );
}

/**
 * One journal entry: the quick part first (bank, why, key point: enough to save on a phone), the
 * dissection under "More" (wrong options, teaching point, the rule, confidence).
 */
export function EntryForm({
  initial = EMPTY_ENTRY,
  entryId,
  onSaved,
  onCancel,
}: {
  initial?: EntryValues;
  entryId?: string;
  onSaved: () => void;
  onCancel?: () => void;
}) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<keyof EntryValues, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [isBusy, setIsBusy] = useState(false);
  const set = (key: keyof EntryValues) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const idOf = (key: string) => `journal-${entryId ?? 'new'}-${key}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setIsBusy(true);
    setAttempt((n) => n + 1);
    try {
      if (entryId) await journalApi.edit(entryId, entryBody(values));
      else await journalApi.add(entryBody(values));
      setErrors({});
      setMessage(null);
      if (!entryId) setValues({ ...EMPTY_ENTRY, bank: values.bank, system: values.system });
      onSaved();
    } catch (caught) {
      const error = toApiError(caught);
      const next: Partial<Record<keyof EntryValues, string>> = {};
      for (const [path, text] of Object.entries(error.fields)) {
        const field = fieldOfPath(path);
        if (field && !next[field]) next[field] = text;
      }
      setErrors(next);
      setMessage(Object.keys(next).length > 0 ? null : error.message);
    } finally {
      setIsBusy(false);
    }
  }

  const items = Object.entries(errors).map(([field, text]) => ({ fieldId: idOf(field), message: text ?? '' }));
  return (
    <form className="journal-form" onSubmit={submit} noValidate aria-label={entryId ? 'Edit entry' : 'Add entry'}>
      <ErrorSummary message={message} items={items} focusKey={attempt} />
      <div className="field-row">
        <Field id={idOf('bank')} label="Bank" error={errors.bank}>
          <Select
            id={idOf('bank')}
            value={values.bank}
            options={BANK_OPTIONS}
            onChange={set('bank')}
            error={errors.bank}
          />
        </Field>
        <Field id={idOf('questionId')} label="Question id" error={errors.questionId}>
          <input
            {...inputProps(idOf('questionId'), { error: errors.questionId })}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            value={values.questionId}
            onChange={(e) => set('questionId')(e.target.value)}
          />
        </Field>
      </div>
      <Field id={idOf('errorType')} label="Why you missed it" error={errors.errorType}>
        <Select
          id={idOf('errorType')}
          value={values.errorType}
          options={ERROR_TYPE_OPTIONS}
          empty="Choose…"
          onChange={set('errorType')}
          error={errors.errorType}
        />
      </Field>
      <Field
        id={idOf('keyPoint')}
        label="Key point"
        hint="The one fact that would have got it right. It is hidden in review until you show it."
        error={errors.keyPoint}
      >
        <textarea
          {...inputProps(idOf('keyPoint'), { hasHint: true, error: errors.keyPoint })}
          rows={2}
          value={values.keyPoint}
          onChange={(e) => set('keyPoint')(e.target.value)}
        />
      </Field>
      <div className="field-row">
        <Field id={idOf('system')} label="System" error={errors.system}>
          <Select
            id={idOf('system')}
            value={values.system}
            options={SYSTEM_OPTIONS}
            empty="—"
            onChange={set('system')}
            error={errors.system}
          />
        </Field>
        <Field id={idOf('discipline')} label="Discipline" error={errors.discipline}>
          <Select
            id={idOf('discipline')}
            value={values.discipline}
            options={DISCIPLINE_OPTIONS}
            empty="—"
            onChange={set('discipline')}
            error={errors.discipline}
          />
        </Field>
      </div>
      <details className="journal-more" open={Boolean(entryId) || undefined}>
        <summary>More: wrong options, teaching point, your rule</summary>
        <Field
          id={idOf('wrongOptions')}
          label="Wrong options"
          hint="One line each, like “B: painless, so not a stone”."
          error={errors.wrongOptions}
        >
          <textarea
            {...inputProps(idOf('wrongOptions'), { hasHint: true, error: errors.wrongOptions })}
            rows={3}
            value={values.wrongOptions}
            onChange={(e) => set('wrongOptions')(e.target.value)}
          />
        </Field>
        <Field id={idOf('teachingPoint')} label="Hidden teaching point" error={errors.teachingPoint}>
          <textarea
            {...inputProps(idOf('teachingPoint'), { error: errors.teachingPoint })}
            rows={2}
            value={values.teachingPoint}
            onChange={(e) => set('teachingPoint')(e.target.value)}
          />
        </Field>
        <fieldset className="field-group">
          <legend>Your rule: when you see X, do Y because Z</legend>
          {(['ruleWhen', 'ruleThen', 'ruleBecause'] as const).map((key) => (
            <Field
              key={key}
              id={idOf(key)}
              label={key === 'ruleWhen' ? 'When you see' : key === 'ruleThen' ? 'Do' : 'Because'}
              error={errors[key]}
            >
              <input
                {...inputProps(idOf(key), { error: errors[key] })}
                type="text"
                value={values[key]}
                onChange={(e) => set(key)(e.target.value)}
              />
            </Field>
          ))}
        </fieldset>
        <Field id={idOf('confidence')} label="How sure you were" error={errors.confidence}>
          <Select
            id={idOf('confidence')}
            value={values.confidence}
            options={CONFIDENCE_OPTIONS}
            empty="—"
            onChange={set('confidence')}
            error={errors.confidence}
          />
        </Field>
      </details>
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={isBusy}>
          {isBusy ? 'Saving…' : entryId ? 'Save changes' : 'Add to journal'}
        </button>
        {onCancel ? (
          <button type="button" className="button button--quiet" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
