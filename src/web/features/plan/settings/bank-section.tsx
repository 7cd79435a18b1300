import { examFormatOn } from '#domain/exam/exam-facts.ts';
import { BLOCK_FORMATS, type BlockFormat } from '#domain/plan/settings.ts';
import { formatLongDate } from '../../../components/dates.ts';
import { FormSection } from '../../../components/form.tsx';
import { Segmented } from '../../../components/segmented.tsx';
import { settingsDomId, withBlockFormat } from '../plan-settings-values.ts';
import { CheckboxField, NumberField, hintWithTag } from './fields.tsx';
import type { SectionProps } from './section-props.ts';

/** The current exam's block first (DOMAIN.md §1: 30-minute blocks of 18–20 items from 2026-05-07). */
const FORMAT_OPTIONS: readonly { value: BlockFormat; label: string }[] = [
  { value: '20-in-30', label: '20 in 30 min' },
  { value: '40-in-60', label: '40 in 60 (older)' },
];

/** The pace of the chosen block: 90 seconds a question, so half the questions by half the time. */
export function pacingText(format: BlockFormat): string {
  const { questions, minutes } = BLOCK_FORMATS[format];
  return `Pace for a ${questions}-question block: past question ${questions / 2} at the ${minutes / 2}-minute mark.`;
}

export function BankSection({
  values,
  errors,
  update,
  changeFor,
  examDate,
}: SectionProps & { examDate: string | null }) {
  const format = examDate ? examFormatOn(examDate) : null;
  const blockFormat = values.questionBank.blockFormat;
  const modeChange = changeFor('questionBank.mode') ?? changeFor('flags.timedOnly');
  return (
    <FormSection
      id="section-bank"
      title="Question bank"
      description="What is left in your bank, and how you work through it."
    >
      <NumberField
        path="settings.questionBank.questionsLeft"
        label="Questions left"
        unit="questions"
        hint="Unused questions in your main bank. UWorld’s Step 2 CK bank has about 3,900."
        min={0}
        max={10000}
        value={values.questionBank.questionsLeft}
        errors={errors}
        onChange={(questionsLeft) => update((v) => ({ ...v, questionBank: { ...v.questionBank, questionsLeft } }))}
      />
      <Segmented<BlockFormat>
        id={settingsDomId('settings.questionBank.blockFormat')}
        legend="Block format"
        hint={
          <>
            {format ? (
              <>
                Your exam on {formatLongDate(examDate!, { withWeekday: false })} has {format.blocks} blocks of{' '}
                {format.blockMinutes} minutes ({format.itemsPerBlock} questions each).
                {format.blockMinutes === 30 ? ' 20 questions in 30 minutes trains that rhythm.' : ''}
              </>
            ) : (
              'The current exam uses blocks of 20 questions in 30 minutes.'
            )}{' '}
            Both formats give 90 seconds a question. <span data-testid="pacing-text">{pacingText(blockFormat)}</span>
          </>
        }
        options={FORMAT_OPTIONS}
        value={blockFormat}
        error={errors['settings.questionBank.blockFormat']}
        onChange={(next) => update((v) => withBlockFormat(v, next))}
      />
      <NumberField
        path="settings.questionBank.reviewMinutesPerBlock"
        label="Review after each block"
        unit="minutes"
        hint={`About as long as the block itself (${BLOCK_FORMATS[blockFormat].minutes} minutes): every explanation, every wrong option.`}
        min={0}
        max={240}
        value={values.questionBank.reviewMinutesPerBlock}
        errors={errors}
        change={changeFor('questionBank.reviewMinutesPerBlock')}
        onChange={(reviewMinutesPerBlock) =>
          update((v) => ({ ...v, questionBank: { ...v.questionBank, reviewMinutesPerBlock } }))
        }
      />
      <Segmented<'timed' | 'tutor'>
        id={settingsDomId('settings.questionBank.mode')}
        legend="Blocks are done"
        hint={hintWithTag('Timed means the clock runs and nothing is paused, as on test day.', modeChange)}
        options={[
          { value: 'timed', label: 'Timed' },
          { value: 'tutor', label: 'Tutor mode' },
        ]}
        value={values.questionBank.mode}
        error={errors['settings.questionBank.mode']}
        onChange={(mode) => update((v) => ({ ...v, questionBank: { ...v.questionBank, mode } }))}
      />
      <CheckboxField
        path="settings.fixedDailyBlocks"
        title="The same number of blocks every study day"
        detail="A fixed routine you can keep, instead of more blocks on days with more free time."
        checked={values.fixedDailyBlocks}
        errors={errors}
        change={changeFor('flags.fixedDailyBlocks')}
        onChange={(fixedDailyBlocks) => update((v) => ({ ...v, fixedDailyBlocks }))}
      />
    </FormSection>
  );
}
