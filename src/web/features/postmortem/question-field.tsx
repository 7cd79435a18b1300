import type { ReactNode } from 'react';
import type { Question } from '#domain/postmortem/questionnaire.ts';
import { FieldError, describedBy } from '../../components/form.tsx';
import { newScoreRow, questionDomId, type AnswerValue, type ScoreRow } from './postmortem-values.ts';

type Props = {
  question: Question;
  value: AnswerValue | undefined;
  onChange: (value: AnswerValue) => void;
  /** Every error on the form, by dot path; this question shows its own and its rows'. */
  errors: Readonly<Record<string, string>>;
};

function fieldClass(error: string | undefined, extra = '') {
  return ['field', 'question', error ? 'field--invalid' : '', extra].filter(Boolean).join(' ');
}

function Hint({ id, text }: { id: string; text: string }) {
  return (
    <p className="field-hint" id={`${id}-hint`}>
      {text}
    </p>
  );
}

/** A question whose answer is a group of inputs: a fieldset named by the prompt. */
function GroupQuestion({
  question,
  error,
  children,
  extraClass,
}: {
  question: Question;
  error: string | undefined;
  children: ReactNode;
  extraClass?: string;
}) {
  const id = questionDomId(question.id);
  return (
    <fieldset
      className={fieldClass(error, extraClass)}
      id={id}
      tabIndex={-1}
      aria-describedby={describedBy(id, { hasHint: Boolean(question.help), error })}
      data-question={question.id}
    >
      <legend className="field-label">
        {question.prompt}
        {question.isRequired ? null : <span className="optional"> (optional)</span>}
      </legend>
      {question.help ? <Hint id={id} text={question.help} /> : null}
      {children}
      <FieldError id={id} error={error} />
    </fieldset>
  );
}

function SingleChoice({ question, value, onChange, errors }: Props) {
  if (question.answer.kind !== 'single-choice') return null;
  const error = errors[question.id];
  const id = questionDomId(question.id);
  return (
    <GroupQuestion question={question} error={error}>
      <div className="choice-list">
        {question.answer.options.map((option, index) => (
          <label key={option.value} className="choice">
            <input
              type="radio"
              name={id}
              id={`${id}-${index}`}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </GroupQuestion>
  );
}

function YesNo({ question, value, onChange, errors }: Props) {
  const error = errors[question.id];
  const id = questionDomId(question.id);
  return (
    <GroupQuestion question={question} error={error}>
      <div className="segmented">
        {(['yes', 'no'] as const).map((choice) => (
          <label key={choice} className="segmented-option">
            <input
              type="radio"
              name={id}
              id={`${id}-${choice}`}
              value={choice}
              checked={value === choice}
              onChange={() => onChange(choice)}
            />
            <span>{choice === 'yes' ? 'Yes' : 'No'}</span>
          </label>
        ))}
      </div>
    </GroupQuestion>
  );
}

function MultiChoice({ question, value, onChange, errors }: Props) {
  if (question.answer.kind !== 'multi-choice') return null;
  const error = errors[question.id];
  const id = questionDomId(question.id);
  const chosen = Array.isArray(value) ? (value as string[]) : [];
  const { maxSelected, options } = question.answer;
  const isFull = chosen.length >= maxSelected;
  const showCount = maxSelected < options.length;
  return (
    <GroupQuestion question={question} error={error}>
      <div className="chips">
        {options.map((option, index) => {
          const isChecked = chosen.includes(option.value);
          return (
            <label key={option.value} className={`chip${isChecked ? ' chip--on' : ''}`}>
              <input
                type="checkbox"
                id={`${id}-${index}`}
                value={option.value}
                checked={isChecked}
                disabled={!isChecked && isFull}
                onChange={(event) =>
                  onChange(
                    event.target.checked
                      ? [...chosen, option.value]
                      : chosen.filter((picked) => picked !== option.value),
                  )
                }
              />
              <span>{option.label}</span>
            </label>
          );
        })}
      </div>
      {showCount ? (
        <p className="chip-count" aria-live="polite">
          {chosen.length} of at most {maxSelected} chosen
          {isFull ? '. That is the most: untick one to choose another.' : '.'}
        </p>
      ) : null}
    </GroupQuestion>
  );
}

function NumberQuestion({ question, value, onChange, errors }: Props) {
  if (question.answer.kind !== 'number') return null;
  const error = errors[question.id];
  const id = questionDomId(question.id);
  const { min, max, step, unit } = question.answer;
  return (
    <div className={fieldClass(error)} data-question={question.id}>
      <label className="field-label" htmlFor={id}>
        {question.prompt}
      </label>
      {question.help ? <Hint id={id} text={question.help} /> : null}
      <div className="input-with-unit">
        <input
          id={id}
          name={id}
          type="number"
          inputMode={Number.isInteger(step) ? 'numeric' : 'decimal'}
          min={min}
          max={max}
          step={step}
          className="input--short"
          value={typeof value === 'string' ? value : ''}
          aria-describedby={describedBy(id, { hasHint: Boolean(question.help), error })}
          aria-invalid={error ? true : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
        <span className="input-unit">{unit}</span>
      </div>
      <FieldError id={id} error={error} />
    </div>
  );
}

const POSITION_LABELS = ['Most recent', 'The one before', 'Before that'];

function PracticeScores({ question, value, onChange, errors }: Props) {
  if (question.answer.kind !== 'practice-scores') return null;
  const error = errors[question.id];
  const id = questionDomId(question.id);
  const rows = Array.isArray(value) ? (value as ScoreRow[]) : [];
  const { maxEntries, scales } = question.answer;

  function update(index: number, change: Partial<ScoreRow>) {
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  }

  return (
    <GroupQuestion question={question} error={error}>
      {rows.length === 0 ? <p className="muted small">No scores yet. Add your most recent one first.</p> : null}
      <ol className="score-rows">
        {rows.map((row, index) => {
          const rowId = `${id}-${index}`;
          const rowError = errors[`${question.id}.${index}.value`] ?? errors[`${question.id}.${index}`];
          const position = POSITION_LABELS[index] ?? `Score ${index + 1}`;
          return (
            <li key={row.key} className={`score-row${rowError ? ' field--invalid' : ''}`}>
              <div className="score-row-head">
                <p className="score-row-title">{position}</p>
                <button
                  type="button"
                  className="button button--link score-row-remove"
                  onClick={() => onChange(rows.filter((_, i) => i !== index))}
                >
                  Remove<span className="visually-hidden"> {position.toLowerCase()} score</span>
                </button>
              </div>
              <div className="score-row-inputs">
                <div className="field field--compact score-row-scale">
                  <label className="field-label field-label--small" htmlFor={`${rowId}-scale`}>
                    Reported as
                  </label>
                  <select
                    id={`${rowId}-scale`}
                    value={row.scale}
                    onChange={(event) => update(index, { scale: event.target.value })}
                  >
                    {scales.map((scale) => (
                      <option key={scale.value} value={scale.value}>
                        {scale.label}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field field--compact">
                  <label className="field-label field-label--small" htmlFor={`${rowId}-value`}>
                    {row.scale === 'percent' ? '% correct' : 'Score'}
                  </label>
                  <div className="input-with-unit">
                    <input
                      id={`${rowId}-value`}
                      type="number"
                      inputMode="decimal"
                      min={0}
                      max={row.scale === 'percent' ? 100 : 300}
                      className="input--score"
                      value={row.value}
                      aria-invalid={rowError ? true : undefined}
                      aria-describedby={rowError ? `${rowId}-value-error` : undefined}
                      onChange={(event) => update(index, { value: event.target.value })}
                    />
                    <span className="input-unit">{row.scale === 'percent' ? '%' : ''}</span>
                  </div>
                </div>
              </div>
              <FieldError id={`${rowId}-value`} error={rowError} />
            </li>
          );
        })}
      </ol>
      {rows.length < maxEntries ? (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => onChange([...rows, newScoreRow()])}
        >
          {rows.length === 0 ? 'Add your last score' : 'Add an earlier score'}
        </button>
      ) : (
        <p className="muted small">That is {maxEntries} scores, the most we ask for.</p>
      )}
    </GroupQuestion>
  );
}

function TextQuestion({ question, value, onChange, errors }: Props) {
  if (question.answer.kind !== 'text') return null;
  const error = errors[question.id];
  const id = questionDomId(question.id);
  const text = typeof value === 'string' ? value : '';
  const { maxLength, isMultiline } = question.answer;
  const common = {
    id,
    name: id,
    value: text,
    maxLength,
    'aria-describedby': [describedBy(id, { hasHint: Boolean(question.help), error }), `${id}-count`]
      .filter(Boolean)
      .join(' '),
    'aria-invalid': error ? true : undefined,
  } as const;
  const isNearLimit = text.length > maxLength * 0.8;
  return (
    <div className={fieldClass(error)} data-question={question.id}>
      <label className="field-label" htmlFor={id}>
        {question.prompt}
        {question.isRequired ? null : <span className="optional"> (optional)</span>}
      </label>
      {question.help ? <Hint id={id} text={question.help} /> : null}
      {isMultiline ? (
        <textarea {...common} rows={question.id === 'ownWords' ? 6 : 3} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type="text" onChange={(e) => onChange(e.target.value)} />
      )}
      <p className={`char-count${isNearLimit ? ' char-count--near' : ''}`} id={`${id}-count`}>
        {isNearLimit ? `${text.length} of ${maxLength} characters` : ''}
      </p>
      {question.id === 'ownWords' && error ? (
        // Refusing "I'm just bad at tests" is a request for specifics, not a telling-off.
        <div className="field-error field-error--gentle" id={`${id}-error`}>
          <p className="field-error-title">
            <span className="visually-hidden">Error: </span>We need the specifics
          </p>
          <p>{error}</p>
        </div>
      ) : (
        <FieldError id={id} error={error} />
      )}
    </div>
  );
}

/** One question of the postmortem, drawn for its answer type, with its help and its error. */
export function QuestionField(props: Props) {
  switch (props.question.answer.kind) {
    case 'single-choice':
      return <SingleChoice {...props} />;
    case 'yes-no':
      return <YesNo {...props} />;
    case 'multi-choice':
      return <MultiChoice {...props} />;
    case 'number':
      return <NumberQuestion {...props} />;
    case 'practice-scores':
      return <PracticeScores {...props} />;
    case 'text':
      return <TextQuestion {...props} />;
  }
}
