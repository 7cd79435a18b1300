/**
 * The four ratings of a review, apart from the scheduler so that the web app can name them without
 * bundling ts-fsrs.
 */
export const RATINGS = [1, 2, 3, 4] as const;
/** 1 Again, 2 Hard, 3 Good, 4 Easy (ts-fsrs `Rating`, the keys Anki users know). */
export type ReviewRating = (typeof RATINGS)[number];
export const RATING_NAMES: Readonly<Record<ReviewRating, string>> = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' };
