import type { SettingChange } from '#domain/postmortem/countermeasures.ts';
import type { PlanSettingsFormValues } from '../plan-settings-values.ts';
import type { Errors } from './fields.tsx';

/** What every section of the settings form is given. */
export type SectionProps = {
  values: PlanSettingsFormValues;
  errors: Errors;
  update: (change: (current: PlanSettingsFormValues) => PlanSettingsFormValues) => void;
  /** The postmortem's change to a setting path (`weeklyHours.rest`, `flags.timedOnly`), if any. */
  changeFor: (setting: string) => SettingChange | undefined;
};
