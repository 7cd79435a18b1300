import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import type { StoryResponse } from '#shared/contracts/story.ts';
import { toApiError } from '../../api/client.ts';
import { usePageTitle } from '../../components/page-title.ts';
import { Callout, LoadError, Loading } from '../../components/status.tsx';
import { useLoad } from '../../components/use-load.ts';
import { Placement } from './placement.tsx';
import { Practice } from './practice.tsx';
import { storyApi } from './story-api.ts';
import { StoryEditor } from './story-editor.tsx';
import './story.css';

const loadStory = () => storyApi.get(0);

/**
 * /story: telling the story of the fail (issue 14). Two drafts built from the student's own
 * postmortem and numbers, each editable with the checker inline; interview practice with a timer;
 * the options for where to put it.
 */
export function StoryPage() {
  usePageTitle('Your story');
  const { state, retry, setData } = useLoad(loadStory);
  const [isLoadingWording, setIsLoadingWording] = useState(false);
  const [wordingError, setWordingError] = useState<string | null>(null);
  const [deleteState, setDeleteState] = useState<'idle' | 'confirming' | 'busy'>('idle');

  const story = state.status === 'ready' ? state.data : null;
  const update = useCallback(
    (change: (s: StoryResponse) => StoryResponse) => story && setData(change(story)),
    [story, setData],
  );

  if (state.status === 'loading') return <Loading label="Loading your story…" />;
  if (state.status === 'error') return <LoadError error={state.error} onRetry={retry} what="your story" />;
  const data = state.data;

  async function anotherWording() {
    setIsLoadingWording(true);
    setWordingError(null);
    try {
      const next = await storyApi.get((data.wording + 1) % 100);
      setData({ ...data, wording: next.wording, drafts: next.drafts });
    } catch (caught) {
      setWordingError(toApiError(caught).message);
    } finally {
      setIsLoadingWording(false);
    }
  }

  async function deleteAll() {
    setDeleteState('busy');
    try {
      await storyApi.remove();
      retry();
    } catch (caught) {
      setWordingError(toApiError(caught).message);
      setDeleteState('idle');
    }
  }

  return (
    <div className="story-page">
      <h1>Telling the story of the fail</h1>
      <p className="lead">
        Programs will see the Step 1 fail. What they read next is up to you: say it once, give the cause in a line, show
        what changed and end on your numbers. The drafts below are built from your own postmortem and logs. Read every
        sentence and keep only what is true for you.
      </p>
      <nav className="story-jump" aria-label="On this page">
        <a href="#statement">Statement paragraph</a>
        <a href="#interview">Interview answer</a>
        <a href="#practice">Practice</a>
        <a href="#where">Where to put it</a>
      </nav>
      {!data.hasPostmortem ? (
        <Callout tone="info" title="The drafts need your postmortem">
          <p>
            Without it they leave the cause and the change for you to fill in.{' '}
            <Link to="/postmortem">Do the postmortem</Link> first and they will speak to your own causes.
          </p>
        </Callout>
      ) : null}
      {wordingError ? (
        <p className="field-error" role="alert">
          {wordingError}
        </p>
      ) : null}
      <StoryEditor
        kind="statement"
        title="Personal statement paragraph"
        intro={`One paragraph: the fact, the cause in one line, what changed, the evidence. Aim for ${data.targets.statement.basis}.`}
        draft={data.drafts.statement}
        saved={data.saved.statement}
        target={data.targets.statement}
        onSaved={(saved) => update((s) => ({ ...s, saved: { ...s.saved, statement: saved } }))}
        onAnotherWording={anotherWording}
        isLoadingWording={isLoadingWording}
      />
      <StoryEditor
        kind="interview"
        title="Interview answer, 60–90 seconds"
        intro="Acknowledge it, give the context, own it, say how you grew, and finish on where you are now (the order medresidency.com suggests). Say it out loud; it should sound like you, not like the page."
        draft={data.drafts.interview}
        saved={data.saved.interview}
        target={data.targets.interview}
        onSaved={(saved) => update((s) => ({ ...s, saved: { ...s.saved, interview: saved } }))}
        onAnotherWording={anotherWording}
        isLoadingWording={isLoadingWording}
      />
      <Practice story={data} onAttempt={(attempt) => update((s) => ({ ...s, attempts: [attempt, ...s.attempts] }))} />
      <Placement story={data} onSaved={(placement) => update((s) => ({ ...s, placement }))} />
      <section className="card story-section" aria-labelledby="sources-title">
        <h2 id="sources-title">Where these rules come from</h2>
        <ul className="small">
          {Object.values(data.sources).map((source) => (
            <li key={source.id}>
              <strong>{source.name}</strong>: {source.says}
            </li>
          ))}
        </ul>
        <p className="small muted">
          Your texts, attempts and choice are private to you. They are in “Download my data” in Settings and go with
          your account.
        </p>
        {deleteState === 'idle' ? (
          <button
            type="button"
            className="button button--quiet button--small"
            onClick={() => setDeleteState('confirming')}
          >
            Delete my story texts and attempts
          </button>
        ) : (
          <span className="button-row">
            <button
              type="button"
              className="button button--danger button--small"
              onClick={deleteAll}
              disabled={deleteState === 'busy'}
            >
              Yes, delete them
            </button>
            <button type="button" className="button button--quiet button--small" onClick={() => setDeleteState('idle')}>
              Keep them
            </button>
          </span>
        )}
      </section>
    </div>
  );
}
