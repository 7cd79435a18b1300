/**
 * Dates in product text as the student reads them ("Sunday 26 April"), never ISO. English only, like
 * the rest of the product's text; the web app formats dates it shows outside sentences itself.
 */
import { dayOfWeek, partsOf, type LocalDate } from '../common/dates.ts';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/**
 * A date for a sentence: weekday, day, month, and the year unless it is the year of `today`.
 *
 * @example formatReadingDate('2027-04-26', '2027-01-10') === 'Monday 26 April'
 * @example formatReadingDate('2027-04-26') === 'Monday 26 April 2027'
 */
export function formatReadingDate(date: LocalDate, today?: LocalDate): string {
  const { year, month, day } = partsOf(date);
  const base = `${WEEKDAYS[dayOfWeek(date)]} ${day} ${MONTHS[month - 1]}`;
  return today !== undefined && partsOf(today).year === year ? base : `${base} ${year}`;
}
