/** What a trajectory's figures count; every percentage names its denominator. */
export type TrajectoryBasis =
  | 'practices-count'
  | 'practices-percent'
  | 'registered-population-percent'
  | 'weighted-population-percent'
  | 'wte'
  | 'money-pence';

/** One organisation's actual for a month: for practice and population bases, the share of the practice covered (0 to 1). */
export interface OrganisationActual {
  odsCode: string;
  value: number;
}

/** A list size and the day it was counted at (an extract's date). */
export interface PopulationFigure {
  value: number;
  asAt: string;
}

/**
 * A practice open in the programme's organisation on a day, with its list sizes: each the latest counted on or
 * before the day, or the earliest counted when the day comes before every count; null when never counted.
 */
export interface PracticePopulation {
  odsCode: string;
  registered: PopulationFigure | null;
  weighted: PopulationFigure | null;
}

export interface TrajectoryActual {
  basis: TrajectoryBasis;
  value: number;
  /** For percentages: what was counted and what it was counted out of. */
  numerator: number | null;
  denominator: number | null;
  /** The basis in words, with the denominator and what it could not count: "% of registered population (764,123 people)". */
  description: string;
}

const PERCENT_DECIMALS = 2;

/** Bases whose organisation actual is the share of a practice covered, from 0 to 1. */
const SHARE_BASES: readonly TrajectoryBasis[] = ['practices-count', 'practices-percent', 'registered-population-percent', 'weighted-population-percent'];

/**
 * What is wrong with a figure for its basis, or null: a planned percentage is at most 100, an organisation's share
 * at most 1, money whole pence. One rule however the figure arrives (JSON, a template, a workbook, a page), so that
 * 150 typed for a percentage, or 50 for a share of a half, is refused rather than read as 100%.
 */
export function trajectoryValueProblem(basis: TrajectoryBasis, figure: 'planned' | 'actual', value: number): string | null {
  if (basis === 'money-pence' && !Number.isInteger(value)) return 'must be a whole number of pence when the basis is money-pence';
  if (figure === 'planned' && basis.endsWith('-percent') && value > 100) return `must be at most 100: a percentage, for the basis ${basis}`;
  if (figure === 'actual' && SHARE_BASES.includes(basis) && value > 1) return `must be at most 1: the share of the practice covered, from 0 to 1 (0.5 for half), for the basis ${basis}`;
  return null;
}

/**
 * The programme-level actual of a trajectory for a month, computed from its organisations' actuals as at `day`
 * (the month's end): population percentages weight each practice's coverage by its list size, so they are never
 * typed in. A practice never counted is left out of a population's figures, and the description says so, as it
 * does when list sizes come from an extract later than the day.
 */
export function computeTrajectoryActual(
  basis: TrajectoryBasis,
  actuals: readonly OrganisationActual[],
  practices: readonly PracticePopulation[],
  day: string,
): TrajectoryActual {
  const covered = (odsCode: string) => Math.min(1, Math.max(0, actuals.find((actual) => actual.odsCode === odsCode)?.value ?? 0));
  switch (basis) {
    case 'practices-percent': {
      const live = practices.reduce((sum, practice) => sum + covered(practice.odsCode), 0);
      return percentage(basis, live, practices.length, `% of practices (${practices.length} practices)`);
    }
    case 'registered-population-percent':
    case 'weighted-population-percent': {
      const population = POPULATIONS[basis];
      const sized = practices.flatMap((practice) => {
        const size = practice[population.figure];
        return size === null ? [] : [{ odsCode: practice.odsCode, size }];
      });
      const total = sized.reduce((sum, practice) => sum + practice.size.value, 0);
      const reached = sized.reduce((sum, practice) => sum + covered(practice.odsCode) * practice.size.value, 0);
      const caveats = populationCaveats(population, practices.length - sized.length, sized.map((practice) => practice.size.asAt), day);
      return percentage(basis, reached, total, `% of ${population.name} (${total.toLocaleString('en-GB')} ${population.people}${caveats})`);
    }
    case 'practices-count':
      return total(basis, actuals, 'practices');
    case 'wte':
      return total(basis, actuals, 'whole-time equivalents');
    case 'money-pence':
      return total(basis, actuals, 'pence');
  }
}

/** Each population basis: the practice's figure it counts, and its words. */
const POPULATIONS = {
  'registered-population-percent': { figure: 'registered', name: 'registered population', people: 'people', missing: 'registered list size' },
  'weighted-population-percent': { figure: 'weighted', name: 'weighted population', people: 'weighted people', missing: 'weighted population' },
} as const;

/** What a population's figure could not count as at the day, in words to follow its denominator. */
function populationCaveats(population: (typeof POPULATIONS)[keyof typeof POPULATIONS], uncounted: number, countedOn: readonly string[], day: string): string {
  const later = countedOn.filter((asAt) => asAt > day);
  const caveats = [
    uncounted === 0 ? null : `${uncounted} ${uncounted === 1 ? 'practice has' : 'practices have'} no ${population.missing} and ${uncounted === 1 ? 'is' : 'are'} left out`,
    later.length === 0 ? null : `${later.length} ${later.length === 1 ? 'practice' : 'practices'} sized from the earliest extract, ${later.reduce((a, b) => (a < b ? a : b))}, as none comes before ${day}`,
  ].filter((caveat) => caveat !== null);
  return caveats.map((caveat) => `; ${caveat}`).join('');
}

function percentage(basis: TrajectoryBasis, numerator: number, denominator: number, description: string): TrajectoryActual {
  const value = denominator === 0 ? 0 : round((numerator / denominator) * 100, PERCENT_DECIMALS);
  return { basis, value, numerator: round(numerator, 4), denominator, description };
}

function total(basis: TrajectoryBasis, actuals: readonly OrganisationActual[], unit: string): TrajectoryActual {
  const value = round(actuals.reduce((sum, actual) => sum + actual.value, 0), 4);
  return { basis, value, numerator: null, denominator: null, description: `total ${unit} across organisations` };
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
