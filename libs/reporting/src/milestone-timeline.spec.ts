import { renderMilestoneTimeline } from './milestone-timeline';

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
});
