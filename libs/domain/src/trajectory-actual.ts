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

/** A practice in the programme's organisation, with its list size as at the month. */
export interface PracticePopulation {
  odsCode: string;
  registeredListSize: number;
  weightedPopulation: number;
}

export interface TrajectoryActual {
  basis: TrajectoryBasis;
  value: number;
  /** For percentages: what was counted and what it was counted out of. */
  numerator: number | null;
  denominator: number | null;
  /** The basis in words, with the denominator: "% of registered population (764,123 people)". */
  description: string;
}

const PERCENT_DECIMALS = 2;

/**
 * The programme-level actual of a trajectory for a month, computed from its organisations' actuals:
 * population percentages weight each practice's coverage by its list size, so they are never typed in.
 */
export function computeTrajectoryActual(
  basis: TrajectoryBasis,
  actuals: readonly OrganisationActual[],
  practices: readonly PracticePopulation[],
): TrajectoryActual {
  const covered = (odsCode: string) => Math.min(1, Math.max(0, actuals.find((actual) => actual.odsCode === odsCode)?.value ?? 0));
  switch (basis) {
    case 'practices-percent': {
      const live = practices.reduce((sum, practice) => sum + covered(practice.odsCode), 0);
      return percentage(basis, live, practices.length, `% of practices (${practices.length} practices)`);
    }
    case 'registered-population-percent': {
      const total = practices.reduce((sum, practice) => sum + practice.registeredListSize, 0);
      const reached = practices.reduce((sum, practice) => sum + covered(practice.odsCode) * practice.registeredListSize, 0);
      return percentage(basis, reached, total, `% of registered population (${total.toLocaleString('en-GB')} people)`);
    }
    case 'weighted-population-percent': {
      const total = practices.reduce((sum, practice) => sum + practice.weightedPopulation, 0);
      const reached = practices.reduce((sum, practice) => sum + covered(practice.odsCode) * practice.weightedPopulation, 0);
      return percentage(basis, reached, total, `% of weighted population (${total.toLocaleString('en-GB')} weighted people)`);
    }
    case 'practices-count':
      return total(basis, actuals, 'practices');
    case 'wte':
      return total(basis, actuals, 'whole-time equivalents');
    case 'money-pence':
      return total(basis, actuals, 'pence');
  }
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
