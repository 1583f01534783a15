import { renderTrajectoryChart } from './trajectory-chart';

describe('trajectory chart', () => {
  const months = [
    { month: '2018-04', planned: 0, actual: 0 },
    { month: '2018-05', planned: 25, actual: 20 },
    { month: '2018-06', planned: 50, actual: null },
    { month: '2018-07', planned: 100, actual: null },
  ];

  it('draws the plan over every month and the actual only where it was recorded, on 0 to 100 for percentages', () => {
    const svg = renderTrajectoryChart('Practices live', months, true);
    const [plan, actual] = [...svg.matchAll(/<polyline points="([^"]+)"/g)].map((match) => match[1].split(' '));
    expect(plan).toHaveLength(4);
    expect(actual).toHaveLength(2);
    // The top gridline is 100 and the plan's last point sits on it.
    expect(svg).toContain('>100</text>');
    expect(plan[3].split(',')[1]).toBe('20');
  });

  it('scales other bases to a round number above their largest value', () => {
    const svg = renderTrajectoryChart('Clinical pharmacists (WTE)', [{ month: '2018-04', planned: 3.5, actual: 4.2 }], false);
    expect(svg).toContain('>5</text>');
  });

  it('draws the same bytes for the same figures', () => {
    expect(renderTrajectoryChart('A', months, true)).toBe(renderTrajectoryChart('A', months, true));
  });
});
