import { useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '#shared/contracts/auth.ts';
import { toApiError } from '../../api/client.ts';
import { EXPORT_URL, api } from '../../api/endpoints.ts';
import { useSession, useUser } from '../../app/session.tsx';
import { ErrorSummary, Field, SubmitButton, inputProps, type SummaryItem } from '../../components/form.tsx';
import { usePageTitle } from '../../components/page-title.ts';
import { Callout } from '../../components/status.tsx';
import { CounsellingSettings } from '../evidence/counselling-settings.tsx';
import { CalendarFeedSection } from '../plan/calendar-feed.tsx';

type FormErrors = { fields: Record<string, string>; items: SummaryItem[]; message: string | null };
const NO_ERRORS: FormErrors = { fields: {}, items: [], message: null };

function errorsFrom(caught: unknown, fieldIds: Record<string, string>): FormErrors {
  const error = toApiError(caught);
  const fields: Record<string, string> = {};
  const items: SummaryItem[] = [];
  for (const [field, message] of Object.entries(error.fields)) {
    const fieldId = fieldIds[field];
    if (fieldId) {
      fields[field] = message;
      items.push({ fieldId, message });
    }
  }
  return { fields, items, message: items.length > 0 ? null : error.message };
}

function ChangePassword() {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [isBusy, setIsBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [success, setSuccess] = useState<string | null>(null);
  const hint = `At least ${PASSWORD_MIN_LENGTH} characters. A phrase of four or five unrelated words works well.`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsBusy(true);
    setErrors(NO_ERRORS);
    setSuccess(null);
    try {
      const { endedSessions } = await api.changePassword({ currentPassword, newPassword });
      setCurrentPassword('');
      setNewPassword('');
      setSuccess(
        endedSessions > 0
          ? `Password changed. We signed you out on ${endedSessions} other ${endedSessions === 1 ? 'device' : 'devices'}; this one stays signed in.`
          : 'Password changed. No other device was signed in, so there was nothing else to sign out. This one stays signed in.',
      );
    } catch (caught) {
      setErrors(errorsFrom(caught, { currentPassword: 'currentPassword', newPassword: 'newPassword' }));
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <section className="card settings-card" aria-labelledby="password-title">
      <h2 id="password-title">Change your password</h2>
      <p className="muted">Changing it signs you out everywhere else, in case someone else knows the old one.</p>
      {success ? (
        <Callout tone="success" role="status" testId="password-changed">
          <p>{success}</p>
        </Callout>
      ) : null}
      <ErrorSummary message={errors.message} items={errors.items} />
      <form onSubmit={onSubmit} noValidate aria-label="Change your password">
        <Field id="currentPassword" label="Current password" error={errors.fields.currentPassword}>
          <input
            {...inputProps('currentPassword', { error: errors.fields.currentPassword })}
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(e) => setCurrentPassword(e.target.value)}
          />
        </Field>
        <Field id="newPassword" label="New password" hint={hint} error={errors.fields.newPassword}>
          <input
            {...inputProps('newPassword', { hasHint: true, error: errors.fields.newPassword })}
            type="password"
            autoComplete="new-password"
            value={newPassword}
            onChange={(e) => setNewPassword(e.target.value)}
          />
        </Field>
        <SubmitButton isBusy={isBusy} busyLabel="Changing password…">
          Change password
        </SubmitButton>
      </form>
    </section>
  );
}

function SignOutEverywhere() {
  const { markSignedOut } = useSession();
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onClick() {
    setIsBusy(true);
    setError(null);
    try {
      await api.signOutEverywhere();
      markSignedOut('signed-out-everywhere');
    } catch (caught) {
      setError(toApiError(caught).message);
      setIsBusy(false);
    }
  }

  return (
    <section className="card settings-card" aria-labelledby="devices-title">
      <h2 id="devices-title">Devices</h2>
      <p>Left Comeback signed in on a shared computer, or lost a phone? This ends every session, including this one.</p>
      {error ? (
        <Callout tone="serious" role="alert">
          <p>{error}</p>
        </Callout>
      ) : null}
      <button type="button" className="button button--secondary" onClick={onClick} disabled={isBusy}>
        {isBusy ? 'Signing out everywhere…' : 'Sign out of every device'}
      </button>
    </section>
  );
}

function DownloadData() {
  return (
    <section className="card settings-card" aria-labelledby="data-title">
      <h2 id="data-title">Your data</h2>
      <p>
        Everything Comeback holds about you, in one JSON file: your account, your profile, your postmortem and plan,
        your logged blocks, practice exams and check-ins, and your sessions. It is yours to keep or take elsewhere.
      </p>
      <a className="button button--secondary" href={EXPORT_URL} download>
        Download my data
      </a>
    </section>
  );
}

function DeleteAccount() {
  const { markSignedOut } = useSession();
  const [password, setPassword] = useState('');
  const [isConfirmed, setIsConfirmed] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!isConfirmed) {
      const message = 'Tick the box to confirm that you want everything deleted.';
      setErrors({ fields: { confirm: message }, items: [{ fieldId: 'confirmDelete', message }], message: null });
      return;
    }
    setIsBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.deleteAccount({ password });
      markSignedOut('account-deleted');
    } catch (caught) {
      setErrors(errorsFrom(caught, { password: 'deletePassword' }));
      setIsBusy(false);
    }
  }

  return (
    <section className="card settings-card danger-zone" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete my account</h2>
      <p>
        This permanently deletes your account, your profile and everything you have entered, and signs you out
        everywhere. It cannot be undone. If you might want your data later, download it first.
      </p>
      <ErrorSummary message={errors.message} items={errors.items} />
      <form onSubmit={onSubmit} noValidate aria-label="Delete my account">
        <Field id="deletePassword" label="Your password" error={errors.fields.password}>
          <input
            {...inputProps('deletePassword', { error: errors.fields.password })}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <div className={`field${errors.fields.confirm ? ' field--invalid' : ''}`}>
          <label className="checkbox">
            <input
              type="checkbox"
              id="confirmDelete"
              checked={isConfirmed}
              aria-invalid={errors.fields.confirm ? true : undefined}
              aria-describedby={errors.fields.confirm ? 'confirmDelete-error' : undefined}
              onChange={(e) => setIsConfirmed(e.target.checked)}
            />
            <span>I understand that my account and all my data will be deleted for good.</span>
          </label>
          {errors.fields.confirm ? (
            <p className="field-error" id="confirmDelete-error">
              <span className="visually-hidden">Error: </span>
              {errors.fields.confirm}
            </p>
          ) : null}
        </div>
        <SubmitButton isBusy={isBusy} busyLabel="Deleting…" variant="danger">
          Delete my account
        </SubmitButton>
      </form>
    </section>
  );
}

export function SettingsPage() {
  usePageTitle('Settings');
  const user = useUser();
  return (
    <div className="settings">
      <div className="page-heading">
        <h1>Settings</h1>
        <p className="lead">
          Signed in as <strong className="break-anywhere">{user.email}</strong>
          {user.role === 'advisor' ? ' (advisor account)' : ''}.
        </p>
      </div>
      <ChangePassword />
      {user.role === 'student' ? <CalendarFeedSection /> : null}
      {user.role === 'student' ? <CounsellingSettings /> : null}
      <SignOutEverywhere />
      <DownloadData />
      <DeleteAccount />
    </div>
  );
}
