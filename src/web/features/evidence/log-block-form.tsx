import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { BlockMode, QuestionBank } from '#domain/evidence/logging.ts';
import { api, type LoggedBlock } from '../../api/endpoints.ts';
import { ErrorSummary, FieldError, SubmitButton, inputProps } from '../../components/form.tsx';
import { NO_ERRORS, collectFormErrors, type FormErrors } from '../../components/form-errors.ts';
import { Segmented } from '../../components/segmented.tsx';
import { BANK_OPTIONS, DISCIPLINE_CHIPS, MODE_OPTIONS, SYSTEM_CHIPS, type AreaChip } from './evidence-labels.ts';
import {
  QUICK_SIZES,
  countTags,
  defaultMinutes,
  initialBlockValues,
  missedCount,
  prefillSize,
  prefsFrom,
  readPrefs,
  savePrefs,
  toBlockBody,
  toNumberOrNull,
  type BlockValues,
  type PlannedBlocks,
} from './log-block-values.ts';

const FIELD_IDS: Record<string, string> = {
  bank: 'log-bank',
  mode: 'log-mode',
  questions: 'log-questions',
  correct: 'log-correct',
  minutes: 'log-minutes',
  date: 'log-date',
  missedSystems: 'log-missed-systems',
  missedDisciplines: 'log-missed-disciplines',
};

function fieldIdOf(path: string): string | null {
  return FIELD_IDS[path.split('.')[0]!] ?? null;
}

export type LoggedBlockSummary = LoggedBlock & { values: BlockValues };

const BANK_SEGMENTS = BANK_OPTIONS.map((option) => ({ value: option.id, label: option.label }));
const MODE_SEGMENTS = MODE_OPTIONS.map((option) => ({ value: option.id, label: option.label }));

/** Tappable areas: each tap adds one missed question; the count shows on the chip, and "−" takes one back. */
function MissChips<T extends string>({
  id,
  title,
  chips,
  counts,
  onChange,
  limit,
  error,
}: {
  id: string;
  title: string;
  chips: readonly AreaChip<T>[];
  counts: Partial<Record<T, number>>;
  onChange: (counts: Partial<Record<T, number>>) => void;
  /** Questions missed, when known: no more tags than that. */
  limit: number | null;
  error: string | undefined;
}) {
  const total = countTags(counts);
  const isFull = limit !== null && total >= limit;
  const change = (area: T, by: 1 | -1) => onChange({ ...counts, [area]: Math.max(0, (counts[area] ?? 0) + by) });
  return (
    <fieldset
      className={`field miss-group${error ? ' field--invalid' : ''}`}
      aria-describedby={[`${id}-count`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
    >
      <legend className="field-label field-label--small">{title}</legend>
      <ul className="miss-chips" id={id} tabIndex={-1}>
        {chips.map((chip) => {
          const count = counts[chip.id] ?? 0;
          return (
            <li key={chip.id} className={`miss-chip${count > 0 ? ' is-on' : ''}`} data-area={chip.id}>
              <button
                type="button"
                className="miss-chip-add"
                onClick={() => change(chip.id, 1)}
                disabled={isFull}
                aria-label={`${chip.short}: add a missed ${chip.name} question${count > 0 ? ` (${count} tagged)` : ''}`}
              >
                {chip.short}
                {count > 0 ? (
                  <span className="miss-chip-count" aria-hidden="true">
                    {count}
                  </span>
                ) : null}
              </button>
              {count > 0 ? (
                <button
                  type="button"
                  className="miss-chip-remove"
                  onClick={() => change(chip.id, -1)}
                  aria-label={`Remove one ${chip.name} miss`}
                >
                  <span aria-hidden="true">−</span>
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      <p className="chip-count" id={`${id}-count`} aria-live="polite">
        {limit === null
          ? `${total} tagged`
          : isFull && limit > 0
            ? `All ${limit} misses tagged`
            : `${total} of ${limit} misses tagged`}
      </p>
      <FieldError id={id} error={error} />
    </fieldset>
  );
}

/**
 * Logging a question-bank block from a phone: bank and mode remembered from last time; the size and
 * minutes of the day's planned block (or of the last block, or the plan's block format); the date;
 * the misses tagged by tapping. One thumb, a few seconds: a 40-question block with three missed
 * systems is the Correct field, the count, three chips and the button.
 */
export function LogBlockForm({
  today,
  initialDate,
  planned,
  onLogged,
  confirmToday,
}: {
  today: string;
  initialDate?: string | undefined;
  /** The day's plan once loaded; undefined while it loads or cannot be read (offline). */
  planned?: PlannedBlocks | undefined;
  onLogged: (logged: LoggedBlockSummary) => void;
  /**
   * The server's today once its answer is in, when `today` came from this device's last copy: a
   * block sent before the answer arrived must not go to yesterday (the first visit after midnight).
   */
  confirmToday?: (() => Promise<string>) | undefined;
}) {
  const [prefs] = useState(readPrefs);
  const [values, setValues] = useState<BlockValues>(() => ({
    ...initialBlockValues(today, prefs, planned),
    date: initialDate ?? today,
  }));
  const [isMinutesTouched, setIsMinutesTouched] = useState(false);
  const [isSizeTouched, setIsSizeTouched] = useState(false);

  // The plan arrives after the form shows: its block fills the size and minutes the student has not changed.
  useEffect(() => {
    if (!planned || isSizeTouched) return;
    const size = prefillSize(prefs, planned);
    setValues((v) => ({
      ...v,
      questions: String(size.questions),
      minutes: isMinutesTouched ? v.minutes : String(size.minutes),
    }));
    // Only a newly loaded plan refills (hence the one dependency); the student's own changes stay.
  }, [planned]);
  // Shown from this device's last copy, the day can be yesterday's until the server answers: a new
  // today moves the date the student has not changed (a date they picked stays).
  const shownToday = useRef(today);
  useEffect(() => {
    const before = shownToday.current;
    shownToday.current = today;
    if (before === today) return;
    setValues((v) => (v.date === before && initialDate === undefined ? { ...v, date: today } : v));
  }, [today, initialDate]);
  const [isBusy, setIsBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const correctRef = useRef<HTMLInputElement>(null);

  const set = <K extends keyof BlockValues>(key: K, value: BlockValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (errors.fields[FIELD_IDS[key] ?? '']) {
      setErrors((e) => ({ ...e, fields: { ...e.fields, [FIELD_IDS[key]!]: '' } }));
    }
  };

  const setQuestions = (questions: string) => {
    setIsSizeTouched(true);
    setValues((v) => {
      const n = toNumberOrNull(questions);
      const minutes =
        !isMinutesTouched && n !== null && Number.isInteger(n) && n > 0 ? String(defaultMinutes(n)) : v.minutes;
      return { ...v, questions, minutes };
    });
  };

  const questions = toNumberOrNull(values.questions);
  const correct = toNumberOrNull(values.correct);
  const missed = missedCount(values);
  const percent =
    missed !== null && questions !== null && questions > 0 && correct !== null
      ? Math.round((correct / questions) * 100)
      : null;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsBusy(true);
    setErrors(NO_ERRORS);
    setAttempt((n) => n + 1);
    try {
      let sent = values;
      if (confirmToday) {
        const serverToday = await confirmToday();
        if (serverToday !== today && values.date === today && initialDate === undefined) {
          // The day the form showed was yesterday's copy and the student kept its date: today's it is.
          sent = { ...values, date: serverToday };
          setValues((v) => ({ ...v, date: serverToday }));
        }
      }
      const logged = await api.logBlock(toBlockBody(sent));
      savePrefs(prefsFrom(sent));
      onLogged({ ...logged, values: sent });
      // Ready for the next block: same bank, mode, size, minutes and date; the count and misses cleared.
      setValues((v) => ({ ...v, correct: '', missedSystems: {}, missedDisciplines: {} }));
      correctRef.current?.focus({ preventScroll: true });
    } catch (caught) {
      setErrors(collectFormErrors(caught, fieldIdOf));
    } finally {
      setIsBusy(false);
    }
  }

  const fieldError = (key: keyof typeof FIELD_IDS) => errors.fields[FIELD_IDS[key]!] || undefined;

  return (
    <form className="quick-log" onSubmit={onSubmit} noValidate aria-label="Log a block">
      <ErrorSummary message={errors.message} items={errors.items} focusKey={attempt} />
      <Segmented<QuestionBank>
        id="log-bank"
        legend="Bank"
        idOn="first-option"
        fill
        options={BANK_SEGMENTS}
        value={values.bank}
        onChange={(bank) => set('bank', bank)}
        error={fieldError('bank')}
      />
      <Segmented<BlockMode>
        id="log-mode"
        legend="Mode"
        idOn="first-option"
        fill
        options={MODE_SEGMENTS}
        value={values.mode}
        onChange={(mode) => set('mode', mode)}
        error={fieldError('mode')}
      />

      <div className="quick-log-numbers">
        <div className={`field quick-log-questions${fieldError('questions') ? ' field--invalid' : ''}`}>
          <label className="field-label" htmlFor="log-questions">
            Questions
          </label>
          <div className="size-picker">
            {QUICK_SIZES.map((size) => (
              <button
                key={size}
                type="button"
                className={`size-chip${values.questions === String(size) ? ' is-on' : ''}`}
                aria-pressed={values.questions === String(size)}
                onClick={() => setQuestions(String(size))}
              >
                {size}
                <span className="visually-hidden"> questions</span>
              </button>
            ))}
            <input
              {...inputProps('log-questions', { error: fieldError('questions') })}
              type="number"
              inputMode="numeric"
              min={1}
              max={120}
              className="input--count"
              value={values.questions}
              onChange={(e) => setQuestions(e.target.value)}
            />
          </div>
          <FieldError id="log-questions" error={fieldError('questions')} />
        </div>

        <div className={`field quick-log-correct${fieldError('correct') ? ' field--invalid' : ''}`}>
          <label className="field-label" htmlFor="log-correct">
            Correct
          </label>
          <div className="input-with-unit">
            <input
              {...inputProps('log-correct', { hasHint: true, error: fieldError('correct') })}
              ref={correctRef}
              type="number"
              inputMode="numeric"
              min={0}
              className="input--count input--big"
              value={values.correct}
              onChange={(e) => set('correct', e.target.value)}
            />
            <span className="input-unit" id="log-correct-hint">
              of {questions !== null && Number.isFinite(questions) ? questions : '–'}
              {percent !== null ? <strong className="quick-log-percent"> · {percent} %</strong> : null}
            </span>
          </div>
          <FieldError id="log-correct" error={fieldError('correct')} />
        </div>

        <div className={`field quick-log-minutes${fieldError('minutes') ? ' field--invalid' : ''}`}>
          <label className="field-label" htmlFor="log-minutes">
            Minutes
          </label>
          <div className="input-with-unit">
            <input
              {...inputProps('log-minutes', { error: fieldError('minutes') })}
              type="number"
              inputMode="numeric"
              min={1}
              className="input--count"
              value={values.minutes}
              onChange={(e) => {
                setIsMinutesTouched(true);
                set('minutes', e.target.value);
              }}
            />
            <span className="input-unit">min</span>
          </div>
          <FieldError id="log-minutes" error={fieldError('minutes')} />
        </div>

        <div className={`field quick-log-date${fieldError('date') ? ' field--invalid' : ''}`}>
          <label className="field-label" htmlFor="log-date">
            Date
          </label>
          <input
            {...inputProps('log-date', { error: fieldError('date') })}
            type="date"
            max={today}
            className="input--date"
            value={values.date}
            onChange={(e) => set('date', e.target.value)}
          />
          <FieldError id="log-date" error={fieldError('date')} />
        </div>
      </div>

      <section className="quick-log-misses" aria-labelledby="log-misses-title">
        <h2 className="quick-log-misses-title" id="log-misses-title">
          What did you miss? <span className="optional">(optional)</span>
        </h2>
        <p className="field-hint">
          Tap once per missed question. These feed your weak areas, and a delay aims at them.
        </p>
        <MissChips
          id="log-missed-disciplines"
          title="By discipline"
          chips={DISCIPLINE_CHIPS}
          counts={values.missedDisciplines}
          onChange={(counts) => set('missedDisciplines', counts)}
          limit={missed}
          error={fieldError('missedDisciplines')}
        />
        <MissChips
          id="log-missed-systems"
          title="By system"
          chips={SYSTEM_CHIPS}
          counts={values.missedSystems}
          onChange={(counts) => set('missedSystems', counts)}
          limit={missed}
          error={fieldError('missedSystems')}
        />
      </section>

      <div className="quick-log-submit">
        <SubmitButton isBusy={isBusy} busyLabel="Logging…">
          Log block
        </SubmitButton>
      </div>
    </form>
  );
}
