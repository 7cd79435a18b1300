import { useEffect, useMemo, useRef, useState } from 'react';
import { checkStory } from '#domain/story/check.ts';
import type { StoryAttempt, StoryResponse } from '#shared/contracts/story.ts';
import { toApiError } from '../../api/client.ts';
import { FieldError, inputProps } from '../../components/form.tsx';
import { CheckFeedback } from './check-feedback.tsx';
import { storyApi } from './story-api.ts';

function formatSeconds(total: number): string {
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** Reads the question aloud where the browser can; otherwise the button is not shown. */
function canSpeak(): boolean {
  return (
    typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance !== 'undefined'
  );
}

type Props = {
  story: StoryResponse;
  onAttempt: (attempt: StoryAttempt) => void;
};

/** Interview practice: one question at a time, a timer, the same checks, and earlier attempts to compare. */
export function Practice({ story, onAttempt }: Props) {
  const [index, setIndex] = useState(0);
  const prompt = story.prompts[index % story.prompts.length]!;
  const [text, setText] = useState('');
  const [startedAtMs, setStartedAtMs] = useState<number | null>(null);
  const [elapsed, setElapsed] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const timer = useRef<number | null>(null);
  const check = useMemo(() => checkStory({ kind: 'interview', text }), [text]);
  const { min, max } = story.targets.answerSeconds;

  useEffect(() => {
    if (startedAtMs === null) return;
    timer.current = window.setInterval(() => setElapsed(Math.floor((performance.now() - startedAtMs) / 1000)), 250);
    return () => {
      if (timer.current !== null) window.clearInterval(timer.current);
    };
  }, [startedAtMs]);

  function startTimer() {
    setElapsed(0);
    setStartedAtMs(performance.now());
  }
  function stopTimer() {
    setStartedAtMs(null);
  }
  function nextQuestion() {
    setIndex((i) => i + 1);
    setText('');
    setElapsed(0);
    setStartedAtMs(null);
    setError(null);
  }

  async function saveAttempt() {
    setIsSaving(true);
    setError(null);
    stopTimer();
    try {
      const attempt = await storyApi.addAttempt({
        promptId: prompt.id,
        text,
        secondsTaken: elapsed > 0 ? elapsed : null,
      });
      onAttempt(attempt);
      setText('');
      setElapsed(0);
    } catch (caught) {
      const apiError = toApiError(caught);
      setError(apiError.fields.text ?? apiError.fields.secondsTaken ?? apiError.message);
    } finally {
      setIsSaving(false);
    }
  }

  const earlier = story.attempts.filter((a) => a.promptId === prompt.id);
  const timerTone =
    elapsed === 0 ? '' : elapsed < min ? 'story-timer--short' : elapsed > max ? 'story-timer--long' : 'story-timer--ok';

  return (
    <section className="card story-section" aria-labelledby="practice-title" id="practice">
      <h2 id="practice-title">Interview practice</h2>
      <p className="muted">
        One question at a time. Start the timer, say your answer out loud (or type it as you would say it), then check
        it. Aim for {min}–{max} seconds. The spoken-time estimate assumes {story.targets.wordsPerMinute} words a minute,
        our assumption; the timer measures you.
      </p>
      <p className="small muted">
        Question {(index % story.prompts.length) + 1} of {story.prompts.length}
      </p>
      <blockquote className="story-question" data-testid="practice-question">
        {prompt.question}
      </blockquote>
      <p className="small">
        <strong>What they want to know:</strong> {prompt.askingFor}
      </p>
      <p className="small">
        <strong>Lean on:</strong> {prompt.lean}
      </p>
      <div className="button-row">
        {canSpeak() ? (
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={() => {
              window.speechSynthesis.cancel();
              window.speechSynthesis.speak(new SpeechSynthesisUtterance(prompt.question));
            }}
          >
            Read the question aloud
          </button>
        ) : null}
        <button type="button" className="button button--quiet button--small" onClick={nextQuestion}>
          Next question
        </button>
      </div>
      <div className="story-timer-row">
        <span className={`story-timer ${timerTone}`} data-testid="practice-timer" aria-live="off">
          {formatSeconds(elapsed)}
        </span>
        {startedAtMs === null ? (
          <button type="button" className="button button--secondary" onClick={startTimer}>
            {elapsed > 0 ? 'Restart timer' : 'Start timer'}
          </button>
        ) : (
          <button type="button" className="button button--secondary" onClick={stopTimer}>
            Stop timer
          </button>
        )}
        <span className="small muted" role="status">
          {elapsed === 0
            ? ''
            : elapsed < min
              ? 'Under a minute so far.'
              : elapsed > max
                ? 'Past 90 seconds: cut the part about what went wrong.'
                : 'Inside 60–90 seconds.'}
        </span>
      </div>
      <div className={error ? 'field field--invalid' : 'field'}>
        <label className="field-label" htmlFor="practice-answer">
          Your answer
        </label>
        <textarea
          {...inputProps('practice-answer', { error: error ?? undefined })}
          className="story-textarea"
          rows={8}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <FieldError id="practice-answer" error={error ?? undefined} />
      </div>
      {text.trim().length > 0 ? <CheckFeedback check={check} target={story.targets.interview} /> : null}
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          onClick={saveAttempt}
          disabled={isSaving || text.trim().length === 0}
        >
          {isSaving ? 'Saving…' : 'Keep this attempt'}
        </button>
      </div>
      {earlier.length > 0 ? (
        <>
          <h3 className="story-subhead">Your attempts at this question</h3>
          <p className="small muted">The latest {story.targets.attemptsKeptPerPrompt} are kept.</p>
          <ul className="story-attempts" data-testid="practice-attempts">
            {earlier.map((a) => {
              const passed = a.check.criteria.filter((c) => c.passed).length;
              return (
                <li key={a.id} className="story-attempt">
                  <p className="small muted">
                    {new Date(a.createdAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })} ·{' '}
                    {a.words} words
                    {a.secondsTaken !== null ? ` · ${formatSeconds(a.secondsTaken)} on the timer` : ''} · {passed} of{' '}
                    {a.check.criteria.length} parts of the frame · {a.check.findings.length} to change
                  </p>
                  <p className="story-attempt-text">{a.text}</p>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </section>
  );
}
