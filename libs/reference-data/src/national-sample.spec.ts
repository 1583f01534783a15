import { odsCodeSchema } from '@pmo/application';
import { nationalIcbs, nationalOrganisationSample, nationalProgrammePlan } from './national-sample';

describe('national sample', () => {
  const sample = nationalOrganisationSample('2026-11-30');
  const count = (kind: string) => sample.organisations.filter((organisation) => organisation.kind === kind).length;

  it('holds England: 7 regions, 42 ICBs, 1,250 PCNs and 6,300 practices, each under a parent listed before it', () => {
    expect([count('region'), count('icb'), count('pcn'), count('practice')]).toEqual([7, 42, 1250, 6300]);
    const seen = new Set<string>();
    for (const organisation of sample.organisations) {
      expect(odsCodeSchema.safeParse(organisation.odsCode).success).toBe(true);
      if (organisation.parentOdsCode !== null) expect(seen.has(organisation.parentOdsCode)).toBe(true);
      seen.add(organisation.odsCode);
    }
    expect(seen.size).toBe(sample.organisations.length);
    const parents = new Set(sample.organisations.map((organisation) => organisation.parentOdsCode));
    // No empty ICB or PCN: every one has something beneath it.
    for (const organisation of sample.organisations.filter((candidate) => candidate.kind === 'icb' || candidate.kind === 'pcn')) expect(parents.has(organisation.odsCode)).toBe(true);
  });

  it('gives practices list sizes like England’s: about 62 million people, 1,500 to 40,000 a practice', () => {
    const sizes = sample.populations.flatMap((population) => population.registeredListSize ?? []);
    expect(sizes).toHaveLength(sample.populations.length);
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(55_000_000);
    expect(total).toBeLessThan(70_000_000);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1_500);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(40_000);
  });

  it('makes the same country from the same seed, and another from another', () => {
    expect(nationalOrganisationSample('2026-11-30')).toEqual(sample);
    expect(nationalOrganisationSample('2026-11-30', undefined, 7).populations).not.toEqual(sample.populations);
  });

  it('plans each programme with 25 milestones over two years and a monthly trajectory, as a valid plan', () => {
    const [icb] = nationalIcbs(sample);
    const plan = nationalProgrammePlan(13, icb, '2026-11');
    expect(plan.milestones).toHaveLength(25);
    expect(Object.keys(plan.trajectories[0].plan)).toHaveLength(24);
    expect(plan.startDate).toBe('2026-10-01');
    expect(plan.milestones.every((milestone) => (milestone.forecastDate as string) >= (milestone.baselineDate as string))).toBe(true);
    expect(nationalProgrammePlan(13, icb, '2026-11')).toEqual(plan);
  });
});
