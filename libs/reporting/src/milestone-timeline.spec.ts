import { axisTicks, renderMilestoneTimeline } from './milestone-timeline';

describe('milestone timeline', () => {
  const milestones = [
    { name: 'Procurement launched', baselineDate: '2018-01-15', forecastDate: '2018-01-15', actualDate: '2018-01-12', status: 'Complete' as const },
    { name: 'Contract awarded', baselineDate: '2018-03-01', forecastDate: '2018-04-20', actualDate: null, status: 'Red' as const },
  ];

  it('draws each milestone’s baseline, forecast in its status colour, and actual where it landed', () => {
    const svg = renderMilestoneTimeline('Extended access', milestones, '2018-03-10');
    expect(svg.match(/<circle [^>]*fill="#d5281b"/g)).toHaveLength(1);
    expect(svg.match(/<circle [^>]*fill="#005eb8"/g)).toHaveLength(1);
    // One tick for the one actual, one for the legend.
    expect(svg.match(/l 4 5 l 7 -10/g)).toHaveLength(2);
    expect(svg).toContain('aria-label="Extended access: baseline, forecast and actual dates"');
  });

  it('places later days further right, and the slip runs from baseline to forecast', () => {
    const svg = renderMilestoneTimeline('Extended access', milestones, '2018-03-10');
    const lines = [...svg.matchAll(/<line x1="([\d.]+)" x2="([\d.]+)" y1="[\d.]+" y2="[\d.]+" stroke="#d5281b"/g)];
    expect(lines).toHaveLength(1);
    expect(Number(lines[0][2])).toBeGreaterThan(Number(lines[0][1]));
  });

  it('escapes names and draws the same bytes for the same milestones', () => {
    const named = [{ ...milestones[0], name: 'Estates <phase 1> & IT' }];
    expect(renderMilestoneTimeline('A', named, '2018-01-01')).toContain('Estates &lt;phase 1&gt; &amp; IT');
    expect(renderMilestoneTimeline('A', milestones, '2018-03-10')).toBe(renderMilestoneTimeline('A', milestones, '2018-03-10'));
  });

  it('picks axis ticks that fit the span: months for a short plan, quarters for a year or two, years over a decade', () => {
    const labels = (from: string, to: string) => axisTicks(from, to, 490).map((tick) => tick.label);
    expect(labels('2018-01-01', '2018-06-20')).toEqual(['Jan 18', 'Feb 18', 'Mar 18', 'Apr 18', 'May 18', 'Jun 18']);
    expect(labels('2018-01-01', '2019-03-31')).toEqual(['Jan 18', 'Apr 18', 'Jul 18', 'Oct 18', 'Jan 19']);
    expect(labels('2017-04-01', '2026-12-06')).toEqual(['2018', '2019', '2020', '2021', '2022', '2023', '2024', '2025', '2026']);
    // However long the plan, no more labels than the axis has room for.
    for (const to of ['2019-12-31', '2022-06-30', '2040-01-01', '2200-01-01']) expect(labels('2017-01-01', to).length).toBeLessThanOrEqual(10);
  });

  it('draws a 2017 to 2026 plan with a label a year, not one a month on top of each other', () => {
    const spread = [
      { ...milestones[0], baselineDate: '2017-04-03', forecastDate: '2017-04-03', actualDate: '2017-04-03' },
      { ...milestones[1], baselineDate: '2026-09-30', forecastDate: '2026-11-30' },
    ];
    const labels = [...renderMilestoneTimeline('GPFV', spread, '2026-12-06').matchAll(/<text [^>]*text-anchor="middle">([^<]+)<\/text>/g)].map((match) => match[1]);
    expect(labels).toEqual(['2018', '2019', '2020', '2021', '2022', '2023', '2024', '2025', '2026']);
  });
});
