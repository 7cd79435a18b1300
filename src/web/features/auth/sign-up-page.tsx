import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PASSWORD_MIN_LENGTH, type Role } from '#shared/contracts/auth.ts';
import { toApiError } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorSummary, Field, FieldError, SubmitButton, inputProps, type SummaryItem } from '../../components/form.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { splitAuthError } from './auth-errors.ts';
import { EmailField } from './email-field.tsx';
import { InvitationNotice, isInvitationNext } from './invitation-notice.tsx';

const FIELD_IDS = { email: 'email', password: 'password', role: 'role-student' };

const PASSWORD_HINT = `At least ${PASSWORD_MIN_LENGTH} characters. A short phrase of four or five unrelated words is strong and easy to remember.`;

export function SignUpPage() {
  usePageTitle('Create your account');
  const { setUser } = useSession();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // An invitation link is for an advisor: the account made from it is one unless they choose otherwise.
  const [role, setRole] = useState<Role>(() => (isInvitationNext(params.get('next')) ? 'advisor' : 'student'));
  const [isBusy, setIsBusy] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [items, setItems] = useState<SummaryItem[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [isEmailTaken, setIsEmailTaken] = useState(false);
  const next = params.get('next');

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsBusy(true);
    setFields({});
    setItems([]);
    setMessage(null);
    setIsEmailTaken(false);
    try {
      const user = await api.signUp({ email, password, role });
      setUser(user);
    } catch (caught) {
      const error = toApiError(caught);
      const split = splitAuthError(error, FIELD_IDS);
      setFields(split.fields);
      setItems(split.items);
      setMessage(split.message);
      setIsEmailTaken(error.code === 'EMAIL_TAKEN');
      setIsBusy(false);
    }
  }

  return (
    <div className="auth">
      <h1>Create your account</h1>
      <p className="lead">
        A fail on Step 1 is a setback, not a verdict. Comeback turns it into a target, a timeline and a plan you can
        check against real numbers.
      </p>
      {isInvitationNext(next) ? <InvitationNotice action="sign-up" /> : null}
      <div className="card auth-card">
        <ErrorSummary message={message} items={items} />
        <form onSubmit={onSubmit} noValidate aria-label="Create your account">
          <EmailField value={email} error={fields.email} onChange={setEmail} />
          {isEmailTaken ? (
            <p className="field-aside">
              Is it yours? <Link to="/sign-in">Sign in instead</Link>.
            </p>
          ) : null}
          <Field id="password" label="Password" hint={PASSWORD_HINT} error={fields.password}>
            <input
              {...inputProps('password', { hasHint: true, error: fields.password })}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </Field>
          <fieldset className="field choice-list" aria-describedby={fields.role ? 'role-error' : undefined}>
            <legend className="field-label">Who is this account for?</legend>
            <label className="choice">
              <input
                type="radio"
                name="role"
                id="role-student"
                value="student"
                checked={role === 'student'}
                onChange={() => setRole('student')}
              />
              <span>
                <strong>I’m a student</strong>
                <span className="choice-detail">Preparing for Step 2 CK after a Step 1 fail.</span>
              </span>
            </label>
            <label className="choice choice--secondary">
              <input
                type="radio"
                name="role"
                id="role-advisor"
                value="advisor"
                checked={role === 'advisor'}
                onChange={() => setRole('advisor')}
              />
              <span>
                <strong>I’m an advisor</strong>
                <span className="choice-detail">
                  A dean’s office, learning specialist or coach supporting students.
                </span>
              </span>
            </label>
            <FieldError id="role" error={fields.role} />
          </fieldset>
          <SubmitButton isBusy={isBusy} busyLabel="Creating your account…">
            Create account
          </SubmitButton>
        </form>
      </div>
      <p className="auth-switch">
        Already have an account?{' '}
        <Link to={next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in'}>Sign in</Link>
      </p>
    </div>
  );
}
