import { useState } from 'react';
import type { StoryPlacement, StoryResponse } from '#shared/contracts/story.ts';
import { toApiError } from '../../api/client.ts';
import { FieldError, inputProps } from '../../components/form.tsx';
import { storyApi } from './story-api.ts';

/** Where to put it: the options with their trade-offs, said as differing advice, and the student's choice. */
export function Placement({ story, onSaved }: { story: StoryResponse; onSaved: (p: StoryPlacement) => void }) {
  const [choice, setChoice] = useState(story.placement?.choice ?? '');
  const [note, setNote] = useState(story.placement?.advisorNote ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved'>('idle');

  async function save() {
    setStatus('saving');
    setErrors({});
    try {
      onSaved(await storyApi.savePlacement({ choice, advisorNote: note.trim() ? note : null }));
      setStatus('saved');
    } catch (caught) {
      const apiError = toApiError(caught);
      setErrors(apiError.hasFieldErrors ? { ...apiError.fields } : { choice: apiError.message });
      setStatus('idle');
    }
  }

  return (
    <section className="card story-section" aria-labelledby="placement-title" id="where">
      <h2 id="placement-title">Where to put it</h2>
      <p data-testid="placement-caveat">{story.placementCaveat}</p>
      <fieldset className="story-options">
        <legend className="visually-hidden">Your choice</legend>
        {story.placementOptions.map((o) => (
          <label key={o.id} className={choice === o.id ? 'story-option story-option--chosen' : 'story-option'}>
            <span className="story-option-head">
              <input
                type="radio"
                name="placement"
                value={o.id}
                checked={choice === o.id}
                onChange={() => {
                  setChoice(o.id);
                  setStatus('idle');
                }}
              />
              <strong>{o.title}</strong>
            </span>
            <span className="small">{o.summary}</span>
            <span className="story-tradeoffs">
              <span>
                <span className="story-tradeoff-title">For</span>
                <ul className="small">
                  {o.upsides.map((u) => (
                    <li key={u}>{u}</li>
                  ))}
                </ul>
              </span>
              <span>
                <span className="story-tradeoff-title">Against</span>
                <ul className="small">
                  {o.downsides.map((d) => (
                    <li key={d}>{d}</li>
                  ))}
                </ul>
              </span>
            </span>
            <span className="small muted">{o.advisedBy}</span>
          </label>
        ))}
      </fieldset>
      <FieldError id="placement-choice" error={errors.choice} />
      <div className={errors.advisorNote ? 'field field--invalid' : 'field'}>
        <label className="field-label" htmlFor="placement-note">
          A note for your advisor (optional)
        </label>
        <textarea
          {...inputProps('placement-note', { error: errors.advisorNote })}
          rows={3}
          className="story-textarea"
          value={note}
          onChange={(e) => {
            setNote(e.target.value);
            setStatus('idle');
          }}
        />
        <FieldError id="placement-note" error={errors.advisorNote} />
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          onClick={save}
          disabled={!choice || status === 'saving'}
        >
          {status === 'saving' ? 'Saving…' : 'Save my choice'}
        </button>
        <span role="status" className="small muted">
          {status === 'saved' ? 'Saved. It is private to you: show it to your advisor when you meet.' : ''}
        </span>
      </div>
    </section>
  );
}
