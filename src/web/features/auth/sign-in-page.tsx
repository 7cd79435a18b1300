import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { toApiError } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import { useSession, type SignedOutReason } from '../../app/session.tsx';
import { ErrorSummary, Field, SubmitButton, inputProps, type SummaryItem } from '../../components/form.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { Callout } from '../../components/status.tsx';
import { splitAuthError } from './auth-errors.ts';
import { EmailField } from './email-field.tsx';
import { InvitationNotice, isInvitationNext } from './invitation-notice.tsx';

const FIELD_IDS = { email: 'email', password: 'password' };

const NOTICES: Record<SignedOutReason, { tone: 'info' | 'success'; text: string }> = {
  'signed-out': { tone: 'info', text: 'You are signed out.' },
  'signed-out-everywhere': {
    tone: 'success',
    text: 'You are signed out on every device, including this one. Sign in again to continue.',
  },
  'account-deleted': {
    tone: 'success',
    text: 'Your account and everything in it were deleted. Thank you for trusting Comeback with your preparation.',
  },
  'session-ended': { tone: 'info', text: 'Your session ended. Sign in again to continue.' },
};

export function SignInPage() {
  usePageTitle('Sign in');
  const { state, setUser } = useSession();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [isBusy, setIsBusy] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [items, setItems] = useState<SummaryItem[]>([]);
  const [message, setMessage] = useState<string | null>(null);

  const reason = state.status === 'ready' ? state.signedOutReason : undefined;
  const notice = reason ? NOTICES[reason] : null;
  const next = params.get('next');

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsBusy(true);
    setFields({});
    setItems([]);
    setMessage(null);
    try {
      const user = await api.signIn({ email, password });
      // The PublicOnly guard sends the user on: back where they were heading, or home.
      setUser(user);
    } catch (caught) {
      const split = splitAuthError(toApiError(caught), FIELD_IDS);
      setFields(split.fields);
      setItems(split.items);
      setMessage(split.message);
      setIsBusy(false);
    }
  }

  return (
    <div className="auth">
      <h1>Sign in</h1>
      <p className="lead">Pick up where you left off.</p>
      {notice ? (
        <Callout tone={notice.tone} role="status" testId="sign-in-notice">
          <p>{notice.text}</p>
        </Callout>
      ) : null}
      {next && !notice ? (
        isInvitationNext(next) ? (
          <InvitationNotice action="sign-in" />
        ) : (
          <Callout tone="info" role="status">
            <p>Sign in to see that page.</p>
          </Callout>
        )
      ) : null}
      <div className="card auth-card">
        <ErrorSummary message={message} items={items} />
        <form onSubmit={onSubmit} noValidate aria-label="Sign in">
          <EmailField value={email} error={fields.email} onChange={setEmail} />
          <Field id="password" label="Password" error={fields.password}>
            <input
              {...inputProps('password', { error: fields.password })}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </Field>
          <SubmitButton isBusy={isBusy} busyLabel="Signing in…">
            Sign in
          </SubmitButton>
        </form>
      </div>
      <p className="auth-switch">
        New to Comeback?{' '}
        <Link to={next ? `/sign-up?next=${encodeURIComponent(next)}` : '/sign-up'}>Create an account</Link>
      </p>
    </div>
  );
}
