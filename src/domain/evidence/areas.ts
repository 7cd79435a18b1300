/**
 * The two ways a missed question is tagged: by organ system (the 18 categories of the USMLE content
 * outline, reused from the postmortem) and by discipline. Each carries the weight its misses get when
 * weak areas are ranked by what they cost.
 */
import { CONTENT_CATEGORY_IDS, nameContentCategory, type ContentCategoryId } from '../postmortem/questionnaire.ts';

export type SystemId = ContentCategoryId;
export const SYSTEM_IDS = CONTENT_CATEGORY_IDS;

export const DISCIPLINE_IDS = ['medicine', 'surgery', 'pediatrics', 'obstetrics-gynecology', 'psychiatry'] as const;
export type DisciplineId = (typeof DISCIPLINE_IDS)[number];

/** A tag on a missed question: a system id or a discipline id (the two lists share no id). */
export type AreaId = SystemId | DisciplineId;
export type AreaKind = 'system' | 'discipline';

export type Discipline = {
  id: DisciplineId;
  name: string;
  /** Share of Step 2 CK items, in percent, as the published range. */
  sharePercent: { min: number; max: number };
};

/**
 * DOMAIN.md §6, "Disciplines, as commonly summarised": Medicine 50–60 %, Surgery 25–30 %,
 * Pediatrics 20–25 %, Obstetrics and Gynecology 10–20 %, Psychiatry 10–15 % (elitemedicalprep.com,
 * 2024; widely reported). The ranges overlap and add up to more than 100 % because an item can
 * belong to more than one discipline.
 */
export const DISCIPLINES: readonly Discipline[] = [
  { id: 'medicine', name: 'Medicine', sharePercent: { min: 50, max: 60 } },
  { id: 'surgery', name: 'Surgery', sharePercent: { min: 25, max: 30 } },
  { id: 'pediatrics', name: 'Pediatrics', sharePercent: { min: 20, max: 25 } },
  { id: 'obstetrics-gynecology', name: 'Obstetrics and Gynecology', sharePercent: { min: 10, max: 20 } },
  { id: 'psychiatry', name: 'Psychiatry', sharePercent: { min: 10, max: 15 } },
];

const DISCIPLINE_BY_ID = new Map<string, Discipline>(DISCIPLINES.map((d) => [d.id, d]));
const SYSTEM_ID_SET = new Set<string>(SYSTEM_IDS);

/** @example isSystemId('cardiovascular') === true; isSystemId('medicine') === false */
export function isSystemId(value: string): value is SystemId {
  return SYSTEM_ID_SET.has(value);
}

/** @example isDisciplineId('psychiatry') === true */
export function isDisciplineId(value: string): value is DisciplineId {
  return DISCIPLINE_BY_ID.has(value);
}

/** A system or a discipline id. @example isAreaId('spleen') === false */
export function isAreaId(value: string): value is AreaId {
  return isSystemId(value) || isDisciplineId(value);
}

/** @example kindOfArea('skin') === 'system'; kindOfArea('surgery') === 'discipline' */
export function kindOfArea(id: AreaId): AreaKind {
  return isSystemId(id) ? 'system' : 'discipline';
}

/**
 * The display name of a system or discipline.
 *
 * @example nameArea('obstetrics-gynecology') === 'Obstetrics and Gynecology'
 */
export function nameArea(id: AreaId): string {
  return isSystemId(id) ? nameContentCategory(id) : DISCIPLINE_BY_ID.get(id)!.name;
}

/**
 * The weight of one miss in an area, as a fraction of the exam.
 *
 * - Disciplines: the midpoint of the DOMAIN.md §6 range (Medicine (50+60)/2 = 55 % → 0.55,
 *   Surgery 0.275, Pediatrics 0.225, Obstetrics and Gynecology 0.15, Psychiatry 0.125).
 * - Systems: DOMAIN.md §6 names the 18 categories but does not carry their official percentage
 *   ranges (it asks for them from usmle.org, not from copies), so every system gets the same
 *   weight, 1/18. This is stated to the student beside the ranking.
 *
 * @example weighArea('medicine') === 0.55; weighArea('cardiovascular') === 1 / 18
 */
export function weighArea(id: AreaId): number {
  if (isSystemId(id)) return 1 / SYSTEM_IDS.length;
  const { min, max } = DISCIPLINE_BY_ID.get(id)!.sharePercent;
  return (min + max) / 2 / 100;
}

/**
 * How many categories share a practice form's items when a report gives only percentages.
 *
 * @example countAreasOfKind('system') === 18; countAreasOfKind('discipline') === 5
 */
export function countAreasOfKind(kind: AreaKind): number {
  return kind === 'system' ? SYSTEM_IDS.length : DISCIPLINE_IDS.length;
}
