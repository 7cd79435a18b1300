import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Question, QuestionId } from '#domain/postmortem/questionnaire.ts';
import type { PostmortemQuestionnaireResponse, PostmortemResponse } from '#shared/contracts/postmortem.ts';
import { toApiError } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import { ErrorSummary, SubmitButton, type SummaryItem } from '../../components/form.tsx';
import { QuestionField } from './question-field.tsx';
import {
  isAnswered,
  isQuestionShown,
  missingAnswerMessage,
  questionDomId,
  questionForField,
  questionsById,
  sectionForField,
  toRequestBody,
  type AnswerValue,
  type PostmortemFormValues,
} from './postmortem-values.ts';

type Props = {
  questionnaire: PostmortemQuestionnaireResponse;
  initialValues: PostmortemFormValues;
  onSaved: (response: PostmortemResponse) => void;
  onCancel?: (() => void) | undefined;
};

/** Where focus goes after the step changes: the section's heading, or the question that needs an answer. */
type Focus = { kind: 'heading' } | { kind: 'field'; id: string } | { kind: 'summary' } | null;

/** The DOM id an error summary link should focus for a server error path. */
function fieldIdFor(field: string, question: Question): string {
  const row = /\.(\d+)(\.value)?$/.exec(field.slice(question.id.length));
  if (question.answer.kind === 'practice-scores' && row) return `${questionDomId(question.id)}-${row[1]}-value`;
  return questionDomId(question.id);
}

/**
 * The postmortem, one section at a time: a stepper with progress, back and next, answers kept
 * across steps. Required questions must be answered to move on; everything else is checked by
 * the server on submit, which sends the student to the first section with a problem.
 */
export function QuestionnaireForm({ questionnaire, initialValues, onSaved, onCancel }: Props) {
  const { sections } = questionnaire;
  const byId = useMemo(() => questionsById(sections), [sections]);
  const [values, setValues] = useState<PostmortemFormValues>(initialValues);
  const [step, setStep] = useState(0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [focus, setFocus] = useState<Focus>(null);
  /** Counts failed attempts, so the error summary takes focus once per attempt. */
  const [attempt, setAttempt] = useState(0);
  /** Missing answers found on "Next" are listed by question; the server's messages speak for themselves. */
  const [missingIds, setMissingIds] = useState<ReadonlySet<string>>(new Set());
  const headingRef = useRef<HTMLHeadingElement>(null);

  const section = sections[step]!;
  const isLast = step === sections.length - 1;
  const shown = section.questions.filter((q) => isQuestionShown(q, values, byId));

  useEffect(() => {
    if (!focus) return;
    if (focus.kind === 'heading') {
      headingRef.current?.focus();
      headingRef.current?.scrollIntoView({ block: 'start' });
    } else if (focus.kind === 'field') {
      const target = document.getElementById(focus.id);
      target?.focus();
      target?.scrollIntoView({ block: 'center' });
    }
    // 'summary': the error summary focuses itself when it appears.
    setFocus(null);
  }, [focus]);

  function sectionErrorCount(index: number): number {
    return Object.keys(errors).filter((field) => sectionForField(field, sections) === sections[index]).length;
  }

  function setAnswer(id: QuestionId, value: AnswerValue) {
    setValues((current) => ({ ...current, [id]: value }));
    setErrors((current) => {
      const kept = Object.entries(current).filter(([field]) => field !== id && !field.startsWith(`${id}.`));
      return kept.length === Object.keys(current).length ? current : Object.fromEntries(kept);
    });
  }

  function goTo(index: number) {
    setStep(index);
    setMissingIds(new Set());
    setMessage(null);
    setFocus({ kind: 'heading' });
  }

  /** Marks the required questions left open on this step; true when there are none. */
  function checkStep(): boolean {
    const missing = shown.filter((q) => q.isRequired && !isAnswered(q, values[q.id]));
    if (missing.length === 0) return true;
    setErrors((current) => ({
      ...current,
      ...Object.fromEntries(missing.map((q) => [q.id, missingAnswerMessage(q)])),
    }));
    setMissingIds(new Set(missing.map((q) => q.id)));
    setMessage(null);
    setFocus({ kind: 'field', id: questionDomId(missing[0]!.id) });
    return false;
  }

  async function save() {
    setIsBusy(true);
    setMessage(null);
    try {
      onSaved(await api.savePostmortem(toRequestBody(sections, values)));
    } catch (caught) {
      const error = toApiError(caught);
      setMissingIds(new Set());
      const placed = Object.entries(error.fields).filter(([field]) => sectionForField(field, sections));
      setErrors(Object.fromEntries(placed));
      const loose = Object.entries(error.fields)
        .filter(([field]) => !sectionForField(field, sections))
        .map(([, text]) => text);
      setMessage(loose.length > 0 ? loose.join(' ') : placed.length > 0 ? null : error.message);
      if (placed.length > 0) {
        const first = Math.min(
          ...placed.map(([field]) => sections.indexOf(sectionForField(field, sections)!)).filter((i) => i >= 0),
        );
        setStep(first);
      }
      setFocus({ kind: 'summary' });
      setAttempt((n) => n + 1);
      setIsBusy(false);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!checkStep()) return;
    if (isLast) void save();
    else goTo(step + 1);
  }

  const summaryItems: SummaryItem[] = Object.entries(errors).flatMap(([field, text]) => {
    const question = questionForField(field, section.questions);
    if (!question || !shown.includes(question)) return [];
    return [{ fieldId: fieldIdFor(field, question), message: missingIds.has(field) ? question.prompt : text }];
  });
  const otherSections = sections
    .map((s, index) => ({ section: s, index, count: sectionErrorCount(index) }))
    .filter((entry) => entry.index !== step && entry.count > 0);

  return (
    <div className="pm-layout">
      <nav className="pm-steps" aria-label="Postmortem sections">
        <p className="pm-progress-label">
          Step {step + 1} of {sections.length}
        </p>
        <ol className="pm-progress" aria-hidden="true">
          {sections.map((s, index) => (
            <li
              key={s.id}
              className={[
                'pm-progress-segment',
                index < step ? 'is-before' : '',
                index === step ? 'is-current' : '',
                sectionErrorCount(index) > 0 ? 'has-error' : '',
              ]
                .filter(Boolean)
                .join(' ')}
            />
          ))}
        </ol>
        <ol className="pm-step-list">
          {sections.map((s, index) => {
            const count = sectionErrorCount(index);
            return (
              <li key={s.id}>
                <button
                  type="button"
                  className={`pm-step${index === step ? ' is-current' : ''}${count > 0 ? ' has-error' : ''}`}
                  aria-current={index === step ? 'step' : undefined}
                  onClick={() => goTo(index)}
                >
                  <span className="pm-step-number" aria-hidden="true">
                    {index + 1}
                  </span>
                  <span className="pm-step-title">
                    {s.title}
                    {count > 0 ? (
                      <span className="pm-step-error">
                        {count} to fix<span className="visually-hidden"> in this section</span>
                      </span>
                    ) : null}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      </nav>

      <form className="pm-form card" onSubmit={onSubmit} noValidate aria-label="Postmortem questions">
        <ErrorSummary
          title={
            missingIds.size > 0
              ? 'Answer these to go on'
              : 'Some answers need another look before we can name the causes'
          }
          message={message}
          items={summaryItems}
          focusKey={attempt}
        />
        {otherSections.length > 0 ? (
          <div className="callout callout--warning pm-other-errors">
            <p className="callout-title">Other sections need a change too</p>
            <ul className="link-list">
              {otherSections.map(({ section: other, index, count }) => (
                <li key={other.id}>
                  <button type="button" className="button button--link" onClick={() => goTo(index)}>
                    {other.title} ({count})
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}

        <div className="pm-section-header">
          <p className="eyebrow">
            Step {step + 1} of {sections.length}
          </p>
          <h2 id="pm-section-title" tabIndex={-1} ref={headingRef} data-section={section.id}>
            {section.title}
          </h2>
          <p className="muted">{section.intro}</p>
        </div>

        <div className="pm-questions">
          {shown.map((question) => (
            <div key={question.id} className="pm-question">
              <QuestionField
                question={question}
                value={values[question.id]}
                onChange={(value) => setAnswer(question.id, value)}
                errors={errors}
              />
            </div>
          ))}
        </div>

        <div className="form-actions pm-actions">
          {isLast ? (
            <SubmitButton isBusy={isBusy} busyLabel="Naming the causes…">
              See my causes
            </SubmitButton>
          ) : (
            <button type="submit" className="button button--primary">
              <span>
                Next<span className="pm-next-title">: {sections[step + 1]!.title}</span>
              </span>
            </button>
          )}
          {step > 0 ? (
            <button type="button" className="button button--secondary" onClick={() => goTo(step - 1)}>
              Back
            </button>
          ) : null}
          {onCancel ? (
            <button type="button" className="button button--quiet" onClick={onCancel} disabled={isBusy}>
              Cancel editing
            </button>
          ) : null}
          <p className="small muted form-actions-note">
            Your answers are kept as you move between steps. Nothing is saved until the last step.
          </p>
        </div>
      </form>
    </div>
  );
}
