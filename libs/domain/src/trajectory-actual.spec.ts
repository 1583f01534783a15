import { computeTrajectoryActual } from './trajectory-actual';

const practices = [
  { odsCode: 'SJ8001', registeredListSize: 10_000, weightedPopulation: 12_000 },
  { odsCode: 'SJ8002', registeredListSize: 30_000, weightedPopulation: 27_000 },
  { odsCode: 'SJ8003', registeredListSize: 60_000, weightedPopulation: 61_000 },
];

describe('computeTrajectoryActual', () => {
  it('weights each practice by its registered list, not by a head count of practices', () => {
    const actual = computeTrajectoryActual('registered-population-percent', [{ odsCode: 'SJ8003', value: 1 }, { odsCode: 'SJ8001', value: 1 }], practices);
    expect(actual).toEqual({
      basis: 'registered-population-percent',
      value: 70,
      numerator: 70_000,
      denominator: 100_000,
      description: '% of registered population (100,000 people)',
    });
    expect(computeTrajectoryActual('practices-percent', [{ odsCode: 'SJ8003', value: 1 }, { odsCode: 'SJ8001', value: 1 }], practices).value).toBe(66.67);
  });

  it('weights by weighted population, and counts part-covered practices in part', () => {
    const actual = computeTrajectoryActual('weighted-population-percent', [{ odsCode: 'SJ8002', value: 0.5 }], practices);
    expect(actual.value).toBe(13.5);
    expect(actual.denominator).toBe(100_000);
  });

  it('ignores actuals for organisations outside the programme and caps coverage at the whole practice', () => {
    const actual = computeTrajectoryActual('registered-population-percent', [{ odsCode: 'XX9999', value: 1 }, { odsCode: 'SJ8001', value: 3 }], practices);
    expect(actual.value).toBe(10);
  });

  it('adds up counts, WTE and money', () => {
    expect(computeTrajectoryActual('wte', [{ odsCode: 'SJ8001', value: 1.5 }, { odsCode: 'SJ8002', value: 2.25 }], practices).value).toBe(3.75);
    expect(computeTrajectoryActual('money-pence', [{ odsCode: '11J', value: 25_757_600 }], practices).value).toBe(25_757_600);
  });
});
