import type { Journey } from '#domain/journey/journey.ts';

export type JourneyResponse = Journey & { today: string; hasProfile: boolean; daysToExam: number | null };
