import type { ReactNode } from 'react';
import type { Finding, StoryCheck } from '#domain/story/check.ts';
import { STORY_SOURCES } from '#domain/story/sources.ts';

const RULE_LABELS: Record<Finding['rule'], string> = {
  excuse: 'Excuse',
  blame: 'Blame',
  'self-deprecation': 'Self-labelling',
  hedge: 'Hedge',
  'vague-effort': 'Vague effort',
  minimising: 'Minimising',
  distancing: 'Distancing',
  'fill-in': 'To fill in',
};

/** The text with each finding marked where it sits; overlapping findings are marked once. */
export function HighlightedText({ text, findings }: { text: string; findings: readonly Finding[] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  findings.forEach((f, i) => {
    if (f.start < at) return;
    if (f.start > at) parts.push(text.slice(at, f.start));
    parts.push(
      <mark key={i} className={`story-mark story-mark--${f.rule}`} title={`${RULE_LABELS[f.rule]}: ${f.why}`}>
        {text.slice(f.start, f.end)}
      </mark>,
    );
    at = f.end;
  });
  if (at < text.length) parts.push(text.slice(at));
  return (
    <p className="story-highlight" data-testid="story-highlight">
      {parts}
    </p>
  );
}

/** Counts against the target, each finding with its sentence, why and what instead, and the criteria one by one. */
export function CheckFeedback({
  check,
  target,
}: {
  check: StoryCheck;
  target: { minWords: number; maxWords: number; minSentences: number | null; maxSentences: number | null };
}) {
  const minutes = Math.floor(check.speakingSeconds / 60);
  const seconds = check.speakingSeconds % 60;
  return (
    <div className="story-feedback" data-testid={`story-feedback-${check.kind}`}>
      <p className="story-counts">
        <span>
          <strong>{check.words}</strong> words (aim {target.minWords}–{target.maxWords})
        </span>
        {target.minSentences !== null ? (
          <span>
            <strong>{check.sentences}</strong> sentences (aim {target.minSentences}–{target.maxSentences})
          </span>
        ) : null}
        <span>
          about <strong>{minutes > 0 ? `${minutes} min ${seconds} s` : `${seconds} s`}</strong> spoken
        </span>
      </p>
      {check.findings.length > 0 ? (
        <ul className="story-findings" aria-label="What to change">
          {check.findings.map((f, i) => (
            <li key={i} className={`story-finding story-finding--${f.rule}`} data-testid="story-finding">
              <p className="story-finding-head">
                <span className={`story-rule story-rule--${f.rule}`}>{RULE_LABELS[f.rule]}</span> “{f.text}” in sentence{' '}
                {f.sentenceIndex + 1}
              </p>
              <p className="small">{f.why}</p>
              <p className="small">
                <strong>Instead:</strong> {f.suggestion}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="small muted">No excuse, hedge or distancing found.</p>
      )}
      <ul className="story-criteria" aria-label="The frame, part by part">
        {check.criteria.map((c) => (
          <li
            key={c.name}
            className={
              c.passed ? 'story-criterion story-criterion--passed' : 'story-criterion story-criterion--missing'
            }
            data-testid={`criterion-${c.name}`}
            data-passed={c.passed ? 'true' : 'false'}
          >
            <span className="story-criterion-mark" aria-hidden="true">
              {c.passed ? '✓' : '•'}
            </span>
            <span>
              <strong>{c.label}</strong>
              <span className="visually-hidden">{c.passed ? ': there' : ': missing'}</span>. {c.why}{' '}
              <span className="muted small">({STORY_SOURCES[c.source].name})</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
