import { useEffect, useState, type FormEvent } from 'react';
import { api, type CounsellingService } from '../../api/endpoints.ts';
import { ErrorSummary, Field, SubmitButton, inputProps } from '../../components/form.tsx';
import { NO_ERRORS, collectFormErrors, type FormErrors } from '../../components/form-errors.ts';
import { Callout, LoadError, Loading } from '../../components/status.tsx';
import { useLoad } from '../../components/use-load.ts';

const loadCounselling = async (): Promise<CounsellingService | null> => (await api.evidence()).counselling;

function CounsellingForm({
  saved,
  onSaved,
}: {
  saved: CounsellingService | null;
  onSaved: (value: CounsellingService | null) => void;
}) {
  const [name, setName] = useState(saved?.name ?? '');
  const [contact, setContact] = useState(saved?.contact ?? '');
  const [isBusy, setIsBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [notice, setNotice] = useState<string | null>(null);

  async function save(value: CounsellingService | null) {
    setIsBusy(true);
    setErrors(NO_ERRORS);
    setNotice(null);
    try {
      await api.saveCounselling(value);
      onSaved(value);
      if (value === null) {
        setName('');
        setContact('');
      }
      setNotice(value ? 'Saved. It will show wherever Comeback points you to support.' : 'Removed.');
    } catch (caught) {
      setErrors(
        collectFormErrors(caught, (path) =>
          path === 'name' ? 'counselling-name' : path === 'contact' ? 'counselling-contact' : null,
        ),
      );
    } finally {
      setIsBusy(false);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void save({ name: name.trim(), contact: contact.trim() });
  }

  return (
    <>
      {notice ? (
        <Callout tone="success" role="status" testId="counselling-saved">
          <p>{notice}</p>
        </Callout>
      ) : null}
      <ErrorSummary message={errors.message} items={errors.items} />
      <form onSubmit={onSubmit} noValidate aria-label="Counselling service">
        <Field id="counselling-name" label="Name of the service" error={errors.fields['counselling-name']}>
          <input
            {...inputProps('counselling-name', { error: errors.fields['counselling-name'] })}
            type="text"
            autoComplete="organization"
            placeholder="e.g. Student Wellness Center"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </Field>
        <Field
          id="counselling-contact"
          label="How to reach it"
          hint="A phone number, an email or a web address."
          error={errors.fields['counselling-contact']}
        >
          <input
            {...inputProps('counselling-contact', { hasHint: true, error: errors.fields['counselling-contact'] })}
            type="text"
            value={contact}
            onChange={(e) => setContact(e.target.value)}
          />
        </Field>
        <div className="button-row">
          <SubmitButton isBusy={isBusy} busyLabel="Saving…">
            Save
          </SubmitButton>
          {saved ? (
            <button type="button" className="button button--quiet" onClick={() => void save(null)} disabled={isBusy}>
              Remove
            </button>
          ) : null}
        </div>
      </form>
    </>
  );
}

/** Settings: the school's counselling service, shown in the wellbeing prompt when check-ins stay hard. */
export function CounsellingSettings() {
  const { state, retry, setData } = useLoad(loadCounselling);
  const isReady = state.status === 'ready';
  useEffect(() => {
    if (isReady && window.location.hash === '#counselling') {
      document.getElementById('counselling')?.scrollIntoView({ block: 'start' });
    }
  }, [isReady]);

  return (
    <section
      className="card settings-card"
      id="counselling"
      aria-labelledby="counselling-title"
      data-testid="counselling-settings"
    >
      <h2 id="counselling-title">Your school’s counselling service</h2>
      <p>
        If your check-ins stay hard for several days, Comeback suggests talking to someone and shows this service first.
        Add it now, while it is easy: most schools list it on the student affairs or wellness page.
      </p>
      {state.status === 'loading' ? (
        <Loading label="Loading…" lines={1} />
      ) : state.status === 'error' ? (
        <LoadError error={state.error} onRetry={retry} what="your counselling service" />
      ) : (
        <CounsellingForm saved={state.data} onSaved={setData} />
      )}
    </section>
  );
}
