import { useEffect, useState } from 'react';
import type { PostmortemQuestionnaireResponse, PostmortemResponse } from '#shared/contracts/postmortem.ts';
import { api } from '../../api/endpoints.ts';
import { usePageTitle } from '../../components/page-title.ts';
import { Callout, LoadError, Loading } from '../../components/status.tsx';
import { useLoad } from '../../components/use-load.ts';
import { PostmortemResults } from './postmortem-results.tsx';
import { emptyValues, valuesFromAnswers } from './postmortem-values.ts';
import { QuestionnaireForm } from './questionnaire-form.tsx';

type PageData = { questionnaire: PostmortemQuestionnaireResponse; saved: PostmortemResponse };

async function loadPostmortemPage(): Promise<PageData> {
  const [questionnaire, saved] = await Promise.all([api.questionnaire(), api.postmortem()]);
  return { questionnaire, saved };
}

type Mode = { kind: 'results'; justSaved: boolean } | { kind: 'form' };

/**
 * /postmortem: the questionnaire for a first visit; the causes (id "causes") once it is saved,
 * with "Edit answers" to go back to the questions with every answer kept.
 */
export function PostmortemPage() {
  const { state, retry, setData } = useLoad(loadPostmortemPage);
  const [mode, setMode] = useState<Mode | null>(null);
  const saved = state.status === 'ready' ? state.data.saved.postmortem : null;
  const effectiveMode: Mode = mode ?? (saved ? { kind: 'results', justSaved: false } : { kind: 'form' });
  const isResults = effectiveMode.kind === 'results';
  const isJustSaved = effectiveMode.kind === 'results' && effectiveMode.justSaved;
  usePageTitle(isResults ? 'Your causes' : 'Postmortem');

  useEffect(() => {
    if (state.status !== 'ready' || !isResults) return;
    if (isJustSaved) {
      window.scrollTo(0, 0);
      document.getElementById('results-title')?.focus();
    } else if (window.location.hash === '#causes') {
      document.getElementById('causes-title')?.scrollIntoView({ block: 'start' });
    }
  }, [state.status, isResults, isJustSaved]);

  if (state.status === 'loading') return <Loading label="Loading your postmortem…" lines={5} />;
  if (state.status === 'error') return <LoadError error={state.error} onRetry={retry} what="your postmortem" />;

  const { questionnaire } = state.data;
  // Answers are stored but cannot be read: say so plainly before the questions, not a blank form.
  const unreadable = state.data.saved.unreadable;

  if (effectiveMode.kind === 'results' && saved) {
    return (
      <PostmortemResults
        result={saved}
        justSaved={effectiveMode.justSaved}
        onEdit={() => {
          setMode({ kind: 'form' });
          window.scrollTo(0, 0);
        }}
      />
    );
  }

  return (
    <div className="postmortem">
      <div className="page-heading">
        <h1>{saved ? 'Edit your postmortem' : 'What happened on Step 1'}</h1>
        <p className="lead">
          {saved
            ? 'Change what was not quite right. The causes and the plan settings they change are worked out again when you save.'
            : 'Seven short sections, about fifteen minutes. Answer for how things really were, with your score report and practice reports open: every answer can change something in your plan.'}
        </p>
      </div>
      {unreadable && !saved ? (
        <Callout tone="warning" role="alert" title="Your saved answers need re-entering" testId="postmortem-unreadable">
          <p>{unreadable.message}</p>
        </Callout>
      ) : null}
      <QuestionnaireForm
        questionnaire={questionnaire}
        initialValues={
          saved ? valuesFromAnswers(questionnaire.sections, saved.answers) : emptyValues(questionnaire.sections)
        }
        onSaved={(response) => {
          setData({ questionnaire, saved: response });
          setMode({ kind: 'results', justSaved: true });
        }}
        onCancel={saved ? () => setMode({ kind: 'results', justSaved: false }) : undefined}
      />
    </div>
  );
}
