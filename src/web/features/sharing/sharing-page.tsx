import { useState } from 'react';
import { Link } from 'react-router';
import { ALWAYS_SHARED, DEFAULT_SCOPES, SCOPE_LABELS, scopesOn, type Scopes } from '#domain/advisor/scopes.ts';
import type { CreatedInvitation, SharingResponse } from '#shared/contracts/advisor.ts';
import { toApiError } from '../../api/client.ts';
import { usePageTitle } from '../../components/page-title.ts';
import { Callout, LoadError, Loading } from '../../components/status.tsx';
import { useLoad } from '../../components/use-load.ts';
import { formatInstant } from './format.ts';
import { sharingApi } from './sharing-api.ts';
import { ScopeSwitches } from './scope-switches.tsx';
import './sharing.css';

function NewInvitation({ onCreated }: { onCreated: () => void }) {
  const [scopes, setScopes] = useState<Scopes>(DEFAULT_SCOPES);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const link = created ? `${window.location.origin}${created.path}` : '';

  async function invite() {
    setIsBusy(true);
    setError(null);
    try {
      setCreated(await sharingApi.invite(scopes));
      setCopied(false);
      onCreated();
    } catch (caught) {
      setError(toApiError(caught).message);
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite an advisor</h2>
      <p>
        Make a code for one advisor. They type it in (or open the link) while signed in to their advisor account. It
        works once, for 7 days, and we show it only now: we keep a scrambled copy that cannot be turned back into the
        code.
      </p>
      <p className="small muted">Always shared while an advisor has access: {ALWAYS_SHARED}</p>
      {created ? (
        <div className="invite-created" data-testid="invite-created">
          <Callout tone="success" role="status" title="Your invitation code">
            <p className="invite-code" data-testid="invite-code">
              {created.code}
            </p>
            <p className="small">
              Works once, until {formatInstant(created.expiresAt)}. Shares:{' '}
              {scopesOn(created.scopes)
                .map((s) => SCOPE_LABELS[s])
                .join(', ')}
              .
            </p>
            <p className="small break-anywhere">
              Link: <span data-testid="invite-link">{link}</span>
            </p>
            <div className="button-row">
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={async () => {
                  try {
                    await navigator.clipboard.writeText(link);
                    setCopied(true);
                  } catch {
                    setError('Your browser did not let us copy. Select the link and copy it by hand.');
                  }
                }}
              >
                {copied ? 'Link copied' : 'Copy link'}
              </button>
              <button type="button" className="button button--quiet button--small" onClick={() => setCreated(null)}>
                Done
              </button>
            </div>
          </Callout>
        </div>
      ) : (
        <>
          <ScopeSwitches
            idPrefix="new-invite"
            scopes={scopes}
            onChange={(scope, isOn) => setScopes((s) => ({ ...s, [scope]: isOn }))}
          />
          {error ? (
            <p className="field-error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="button" className="button button--primary" onClick={invite} disabled={isBusy}>
            {isBusy ? 'Making the code…' : 'Make an invitation code'}
          </button>
        </>
      )}
    </section>
  );
}

function AdvisorAccess({
  link,
  onChanged,
}: {
  link: SharingResponse['links'][number];
  onChanged: (next?: SharingResponse) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  // Shown at once; put back if the server refuses the change.
  const [scopes, setScopes] = useState<Scopes>(link.scopes);

  async function change(scope: keyof Scopes, isOn: boolean) {
    setIsBusy(true);
    setError(null);
    setScopes((s) => ({ ...s, [scope]: isOn }));
    try {
      onChanged(await sharingApi.setScopes(link.id, { [scope]: isOn }));
      setStatus(`${SCOPE_LABELS[scope]}: ${isOn ? 'shared' : 'no longer shared'} from their next page load.`);
    } catch (caught) {
      setScopes((s) => ({ ...s, [scope]: !isOn }));
      setError(toApiError(caught).message);
    } finally {
      setIsBusy(false);
    }
  }

  async function revoke() {
    if (!window.confirm(`End ${link.advisorEmail}'s access? They see nothing of yours from their next page load.`))
      return;
    setIsBusy(true);
    try {
      await sharingApi.revoke(link.id);
      onChanged();
    } catch (caught) {
      setError(toApiError(caught).message);
      setIsBusy(false);
    }
  }

  return (
    <li className="card advisor-access" data-testid="advisor-access">
      <h3 className="break-anywhere">{link.advisorEmail}</h3>
      <p className="small muted">Has access since {formatInstant(link.createdAt)}.</p>
      <ScopeSwitches idPrefix={`link-${link.id}`} scopes={scopes} onChange={change} disabled={isBusy} />
      {status ? (
        <p className="small" role="status">
          {status}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="button" className="button button--danger" onClick={revoke} disabled={isBusy}>
        End access
      </button>
    </li>
  );
}

/** /sharing: invite advisors, choose what each sees, end access, and see every time they looked. */
export function SharingPage() {
  usePageTitle('Advisors');
  const { state, retry, setData } = useLoad(sharingApi.get);

  return (
    <div className="sharing">
      <div className="page-heading">
        <h1>Advisors</h1>
        <p className="lead">
          Share your progress with an advisor you choose. You decide what they see, you can change it or end it at any
          time, and every time they look is written in <Link to="/sharing/access-log">your access log</Link>.
        </p>
      </div>
      <NewInvitation onCreated={retry} />
      {state.status === 'loading' ? <Loading label="Loading who has access…" /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={retry} what="who has access" /> : null}
      {state.status === 'ready' ? (
        <>
          <section aria-labelledby="access-title">
            <h2 id="access-title">Who has access</h2>
            {state.data.links.length === 0 ? (
              <p className="muted">No advisor sees anything of yours.</p>
            ) : (
              <ul className="plain-list advisor-access-list">
                {state.data.links.map((link) => (
                  <AdvisorAccess key={link.id} link={link} onChanged={(next) => (next ? setData(next) : retry())} />
                ))}
              </ul>
            )}
          </section>
          {state.data.invitations.length > 0 ? (
            <section className="card" aria-labelledby="pending-title">
              <h2 id="pending-title">Codes not used yet</h2>
              <ul className="plain-list">
                {state.data.invitations.map((invitation) => (
                  <li key={invitation.id} className="pending-invitation">
                    <span>
                      Made {formatInstant(invitation.createdAt)}, works until {formatInstant(invitation.expiresAt)}
                    </span>
                    <button
                      type="button"
                      className="button button--quiet button--small"
                      onClick={async () => {
                        await sharingApi.cancel(invitation.id).catch(() => undefined);
                        retry();
                      }}
                    >
                      Cancel code
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {state.data.revoked.length > 0 ? (
            <section aria-labelledby="ended-title">
              <h2 id="ended-title">Access you ended</h2>
              <ul className="plain-list small">
                {state.data.revoked.map((r) => (
                  <li key={r.id} className="break-anywhere">
                    {r.advisorEmail}: from {formatInstant(r.createdAt)} to {formatInstant(r.revokedAt)}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
