import { useEffect, useMemo, useRef, useState } from 'react';
import { checkStory, type StoryKind } from '#domain/story/check.ts';
import type { StoryDraft } from '#domain/story/drafts.ts';
import type { SavedStoryText, StoryResponse } from '#shared/contracts/story.ts';
import { toApiError } from '../../api/client.ts';
import { FieldError, inputProps } from '../../components/form.tsx';
import { CheckFeedback, HighlightedText } from './check-feedback.tsx';
import { storyApi } from './story-api.ts';

type Props = {
  kind: StoryKind;
  title: string;
  intro: string;
  draft: StoryDraft;
  saved: SavedStoryText | null;
  target: StoryResponse['targets']['statement'];
  onSaved: (saved: SavedStoryText) => void;
  onAnotherWording: () => void;
  isLoadingWording: boolean;
};

/** One text (statement or interview): the draft, the student's edit, the check as they type, save. */
export function StoryEditor({
  kind,
  title,
  intro,
  draft,
  saved,
  target,
  onSaved,
  onAnotherWording,
  isLoadingWording,
}: Props) {
  const [text, setText] = useState(saved?.text ?? draft.text);
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<string | null>(null);
  // The same checker the server runs, here as the student types (domain code, no request).
  const check = useMemo(() => checkStory({ kind, text }), [kind, text]);
  // Another wording replaces the text only while it is still the untouched draft.
  const previousDraft = useRef(draft.text);
  useEffect(() => {
    if (previousDraft.current === draft.text) return;
    setText((current) => (current === previousDraft.current ? draft.text : current));
    previousDraft.current = draft.text;
  }, [draft.text]);
  const id = `story-${kind}`;
  const isDirty = text !== (saved?.text ?? '');

  async function save() {
    setStatus('saving');
    setError(null);
    try {
      const result = await storyApi.saveText({ kind, text });
      onSaved(result);
      setStatus('saved');
    } catch (caught) {
      const apiError = toApiError(caught);
      setError(apiError.fields.text ?? apiError.message);
      setStatus('idle');
    }
  }

  return (
    <section className="card story-section" aria-labelledby={`${id}-title`} id={kind}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="muted">{intro}</p>
      <details className="story-basis">
        <summary>What the draft is built from</summary>
        <ul>
          {draft.basedOn.length > 0 ? (
            draft.basedOn.map((b) => <li key={b}>{b}</li>)
          ) : (
            <li>Nothing yet: no postmortem or logs.</li>
          )}
        </ul>
        {draft.notes.map((n) => (
          <p key={n} className="small">
            {n}
          </p>
        ))}
      </details>
      {draft.fillIns.length > 0 ? (
        <div className="story-fillins">
          <p className="small">
            <strong>Only you can fill in:</strong>
          </p>
          <ul className="small">
            {draft.fillIns.map((f) => (
              <li key={f.marker}>
                <code>{f.marker}</code>: {f.what}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className={error ? 'field field--invalid' : 'field'}>
        <label className="field-label" htmlFor={id}>
          {saved ? 'Your text (saved)' : 'Your text (starts from the draft)'}
        </label>
        <textarea
          {...inputProps(id, { error: error ?? undefined })}
          className="story-textarea"
          rows={kind === 'statement' ? 9 : 12}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setStatus('idle');
          }}
        />
        <FieldError id={id} error={error ?? undefined} />
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          onClick={save}
          disabled={status === 'saving' || !isDirty}
        >
          {status === 'saving' ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setText(draft.text)}>
          Start again from the draft
        </button>
        <button type="button" className="button button--quiet" onClick={onAnotherWording} disabled={isLoadingWording}>
          {isLoadingWording ? 'Finding another wording…' : 'Another wording of the draft'}
        </button>
        <span role="status" className="small muted story-save-status">
          {status === 'saved' ? 'Saved.' : isDirty && saved ? 'Changes not saved yet.' : ''}
        </span>
      </div>
      <h3 className="story-subhead">How it reads</h3>
      <HighlightedText text={text} findings={check.findings} />
      <CheckFeedback check={check} target={target} />
    </section>
  );
}
