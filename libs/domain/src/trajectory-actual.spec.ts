import { computeTrajectoryActual, trajectoryValueProblem } from './trajectory-actual';

const sized = (odsCode: string, registered: number, weighted: number, asAt = '2018-01-01') => ({
  odsCode,
  registered: { value: registered, asAt },
  weighted: { value: weighted, asAt },
});
const practices = [sized('SJ8001', 10_000, 12_000), sized('SJ8002', 30_000, 27_000), sized('SJ8003', 60_000, 61_000)];
const DAY = '2019-01-31';

describe('computeTrajectoryActual', () => {
  it('weights each practice by its registered list, not by a head count of practices', () => {
    const actual = computeTrajectoryActual('registered-population-percent', [{ odsCode: 'SJ8003', value: 1 }, { odsCode: 'SJ8001', value: 1 }], practices, DAY);
    expect(actual).toEqual({
      basis: 'registered-population-percent',
      value: 70,
      numerator: 70_000,
      denominator: 100_000,
      description: '% of registered population (100,000 people)',
    });
    expect(computeTrajectoryActual('practices-percent', [{ odsCode: 'SJ8003', value: 1 }, { odsCode: 'SJ8001', value: 1 }], practices, DAY).value).toBe(66.67);
  });

  it('weights by weighted population, and counts part-covered practices in part', () => {
    const actual = computeTrajectoryActual('weighted-population-percent', [{ odsCode: 'SJ8002', value: 0.5 }], practices, DAY);
    expect(actual.value).toBe(13.5);
    expect(actual.denominator).toBe(100_000);
  });

  it('ignores actuals for organisations outside the programme and caps coverage at the whole practice', () => {
    const actual = computeTrajectoryActual('registered-population-percent', [{ odsCode: 'XX9999', value: 1 }, { odsCode: 'SJ8001', value: 3 }], practices, DAY);
    expect(actual.value).toBe(10);
  });

  it('adds up counts, WTE and money', () => {
    expect(computeTrajectoryActual('wte', [{ odsCode: 'SJ8001', value: 1.5 }, { odsCode: 'SJ8002', value: 2.25 }], practices, DAY).value).toBe(3.75);
    expect(computeTrajectoryActual('money-pence', [{ odsCode: '11J', value: 25_757_600 }], practices, DAY).value).toBe(25_757_600);
  });

  it('leaves out a practice never counted, and says so, rather than making up its population', () => {
    const unweighted = [...practices, { ...sized('SJ8004', 5_000, 1), weighted: null }];
    const actual = computeTrajectoryActual('weighted-population-percent', [{ odsCode: 'SJ8001', value: 1 }, { odsCode: 'SJ8004', value: 1 }], unweighted, DAY);
    expect(actual).toEqual(expect.objectContaining({ value: 12, denominator: 100_000 }));
    expect(actual.description).toBe('% of weighted population (100,000 weighted people; 1 practice has no weighted population and is left out)');
    expect(computeTrajectoryActual('registered-population-percent', [{ odsCode: 'SJ8004', value: 1 }], unweighted, DAY).denominator).toBe(105_000);
  });

  it('says when a month before the first extract is sized from the earliest one', () => {
    const later = [sized('SJ8001', 10_000, 12_000, '2019-04-01'), sized('SJ8002', 30_000, 27_000, '2019-03-01'), practices[2]];
    const actual = computeTrajectoryActual('registered-population-percent', [{ odsCode: 'SJ8001', value: 1 }], later, DAY);
    expect(actual.value).toBe(10);
    expect(actual.description).toBe('% of registered population (100,000 people; 2 practices sized from the earliest extract, 2019-03-01, as none comes before 2019-01-31)');
  });

  it('refuses a planned percentage over 100 and a share over 1, never capping them', () => {
    expect(trajectoryValueProblem('registered-population-percent', 'planned', 100)).toBeNull();
    expect(trajectoryValueProblem('practices-percent', 'planned', 150)).toMatch(/^must be at most 100/);
    expect(trajectoryValueProblem('practices-percent', 'actual', 1)).toBeNull();
    expect(trajectoryValueProblem('weighted-population-percent', 'actual', 1.5)).toMatch(/^must be at most 1: the share of the practice covered/);
    expect(trajectoryValueProblem('practices-count', 'actual', 50)).toMatch(/^must be at most 1/);
    expect(trajectoryValueProblem('practices-count', 'planned', 150)).toBeNull();
    expect(trajectoryValueProblem('wte', 'actual', 25.5)).toBeNull();
    expect(trajectoryValueProblem('money-pence', 'actual', 10.5)).toMatch(/whole number of pence/);
  });
});
