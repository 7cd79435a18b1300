/** A postmortem that names all five causes, for journeys that need one saved through the API. */
export const FIVE_CAUSE_ANSWERS = {
  scoreReport: { distance: 'borderline', wording: null },
  weakestAreas: ['cardiovascular', 'renal-urinary'],
  dedicated: { schedule: 'dropped', startedBehind: true, behindAreas: ['renal-urinary'], detail: null },
  questionBank: {
    percentDone: 55,
    reviewHabit: 'sometimes',
    blockMode: 'tutor',
    contentSharePercent: 60,
    detail: null,
  },
  practiceExams: {
    examsTaken: 2,
    lastScores: [
      { scale: 'three-digit', value: 192 },
      { scale: 'three-digit', value: 198 },
    ],
    verdict: 'under',
    satAnyway: true,
    reasons: ['booked-date', 'finances'],
    detail: null,
  },
  wellbeing: {
    hadProblems: true,
    detail: 'My father was in hospital and I drove home every weekend.',
    isSupportInPlace: false,
    sleepHoursPerNight: 5.5,
  },
  examDay: {
    blockCount: 7,
    blocksOutOfTime: 3,
    hadPanic: true,
    detail: 'Block 4: my mind went blank for ten minutes.',
  },
  ownWords:
    'I did most blocks in tutor mode, skipped reviews when tired, sat with a 192 on my last NBME and ran out of time in 3 blocks.',
} as const;
