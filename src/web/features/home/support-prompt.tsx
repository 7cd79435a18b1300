import { useState } from 'react';
import type { SupportPromptResponse } from '#shared/contracts/postmortem.ts';
import { apiRequest, toApiError } from '../../api/client.ts';
import { useLoad } from '../../components/use-load.ts';

function hostOf(href: string): string {
  try {
    return new URL(href).host;
  } catch {
    return href;
  }
}

const loadSupportPrompt = () => apiRequest<SupportPromptResponse>('GET', '/api/postmortem/support-prompt');

/**
 * The postmortem's support prompt (countermeasure supportPromptNow): on the home screen on every
 * visit until the student says the support is lined up (stored on the server, decision 013).
 */
export function SupportPrompt() {
  const { state, setData } = useLoad(loadSupportPrompt);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isJustDone, setIsJustDone] = useState(false);

  if (isJustDone) {
    return (
      <p className="callout callout--success small" role="status" data-testid="support-prompt-done">
        Noted. Keep those appointments in your plan as protected time, so study never crowds them out.
      </p>
    );
  }
  if (state.status !== 'ready' || !state.data.isAsked) return null;

  async function confirm() {
    setIsBusy(true);
    setError(null);
    try {
      const answer = await apiRequest<SupportPromptResponse>('PUT', '/api/postmortem/support-prompt', {
        isDone: true,
      });
      setData(answer);
      setIsJustDone(true);
    } catch (caught) {
      setError(toApiError(caught).message);
      setIsBusy(false);
    }
  }

  return (
    <section className="card support-prompt" aria-labelledby="support-prompt-title" data-testid="support-prompt">
      <p className="eyebrow">From your postmortem</p>
      <h2 id="support-prompt-title">Line up support before the heavy weeks</h2>
      <ul className="support-prompt-actions">
        {state.data.actions.map((action) => (
          <li key={action.text}>
            {action.text}
            {action.href ? (
              <>
                {' '}
                <a href={action.href} target="_blank" rel="noreferrer">
                  {hostOf(action.href)}
                </a>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="small muted">This stays here until you tell us it is done.</p>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="button" className="button button--secondary" onClick={confirm} disabled={isBusy}>
        My support is lined up
      </button>
    </section>
  );
}
