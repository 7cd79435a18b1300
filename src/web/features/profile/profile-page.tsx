import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { ProfileResponse } from '#shared/contracts/profile.ts';
import type { ReferenceResponse } from '#shared/contracts/reference.ts';
import { api } from '../../api/endpoints.ts';
import { usePageTitle } from '../../components/page-title.ts';
import { Callout, LoadError, Loading } from '../../components/status.tsx';
import { useLoad } from '../../components/use-load.ts';
import { ProfileForm } from './profile-form.tsx';
import { RiskSummary } from './risk-summary.tsx';

type PageData = { reference: ReferenceResponse; profile: ProfileResponse };

async function loadProfilePage(): Promise<PageData> {
  const [reference, profile] = await Promise.all([api.reference(), api.profile()]);
  return { reference, profile };
}

type Mode = { kind: 'view'; justSaved: boolean } | { kind: 'edit'; focusFieldId: string | null };

export function ProfilePage() {
  usePageTitle('Your profile and target');
  const { state, retry, setData } = useLoad(loadProfilePage);
  const [mode, setMode] = useState<Mode | null>(null);

  const hasProfile = state.status === 'ready' && state.data.profile.profile !== null;
  const effectiveMode: Mode =
    mode ?? (hasProfile ? { kind: 'view', justSaved: false } : { kind: 'edit', focusFieldId: null });

  useEffect(() => {
    if (effectiveMode.kind === 'view' && effectiveMode.justSaved) {
      document.getElementById('summary-title')?.focus();
    }
  }, [effectiveMode]);

  if (state.status === 'loading') return <Loading label="Loading your profile…" lines={5} />;
  if (state.status === 'error') return <LoadError error={state.error} onRetry={retry} what="your profile" />;

  const { reference, profile } = state.data;

  function onSaved(saved: ProfileResponse) {
    setData({ reference, profile: saved });
    setMode({ kind: 'view', justSaved: true });
  }

  if (effectiveMode.kind === 'view' && profile.summary) {
    return (
      <div className="profile-page">
        <div className="page-heading">
          <h1>Your target and timeline</h1>
          <p className="lead">The numbers that matter for your Step 2 CK, and why each one is what it is.</p>
        </div>
        {effectiveMode.justSaved ? (
          <Callout tone="success" role="status" testId="profile-saved">
            <p>
              Saved. Your target and timeline below are up to date. <Link to="/">See your next step</Link>
            </p>
          </Callout>
        ) : null}
        <RiskSummary
          summary={profile.summary}
          onEdit={() => setMode({ kind: 'edit', focusFieldId: null })}
          onAddBackup={() => setMode({ kind: 'edit', focusFieldId: 'backupSpecialty' })}
        />
      </div>
    );
  }

  return (
    <div className="profile-page">
      <div className="page-heading">
        <h1>{profile.profile ? 'Edit your profile' : 'Set up your profile'}</h1>
        <p className="lead">
          {profile.profile
            ? 'Change what has changed. Your target and timeline update when you save.'
            : 'A few honest answers give you a target score, your risk after the fail, and how much time you really have.'}
        </p>
      </div>
      <div className="card form-card">
        <ProfileForm
          reference={reference}
          response={profile}
          onSaved={onSaved}
          onCancel={profile.profile ? () => setMode({ kind: 'view', justSaved: false }) : undefined}
          focusFieldId={effectiveMode.kind === 'edit' ? effectiveMode.focusFieldId : null}
        />
      </div>
    </div>
  );
}
