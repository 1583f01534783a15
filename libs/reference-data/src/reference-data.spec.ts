import { readOrganisationSample } from './organisation-sample';
import { YamlProgrammeTemplates } from './yaml-programme-templates';

describe('shipped programme templates', () => {
  const catalogue = new YamlProgrammeTemplates();

  it('are the seven GPFV programmes of the source documents, each valid', () => {
    expect(catalogue.list().map((template) => template.id)).toEqual([
      'clinical-pharmacists',
      'dorset-extended-access-procurement',
      'dorset-pch-phased-rollout',
      'international-gp-recruitment',
      'online-consultation-rollout',
      'reception-clerical-training',
      'south-norfolk-extended-access-procurement',
    ]);
  });

  it('give Dorset extended access procurement its eight milestones, October 2017 to March 2019', () => {
    const template = catalogue.get('dorset-extended-access-procurement');
    const milestones = template?.plan.milestones ?? [];
    expect(milestones).toHaveLength(8);
    expect(milestones[0].baselineDate?.slice(0, 7)).toBe('2017-10');
    expect(milestones[7].baselineDate).toBe('2019-03-31');
    const coverage = template?.plan.trajectories.find((trajectory) => trajectory.metric === 'extended-access-population-coverage');
    expect(coverage?.basis).toBe('registered-population-percent');
    expect(coverage?.plan['2019-01']).toBeGreaterThan(50);
    expect(coverage?.plan['2019-03']).toBe(100);
  });

  it('name only organisations of the Dorset sample in their phases', () => {
    const known = new Set(readOrganisationSample().organisations.map((organisation) => organisation.odsCode));
    const members = catalogue.get('dorset-pch-phased-rollout')?.plan.phases.flatMap((phase) => phase.members) ?? [];
    expect(members).toHaveLength(12);
    expect(members.filter((member) => !known.has(member))).toEqual([]);
  });
});

describe('the Dorset organisation sample', () => {
  const sample = readOrganisationSample();
  const ofKind = (kind: string) => sample.organisations.filter((organisation) => organisation.kind === kind);

  it('has 86 practices, every one marked synthetic, sized to Dorset’s population of about 764,000', () => {
    const practices = ofKind('practice');
    expect(practices).toHaveLength(86);
    expect(practices.every((practice) => practice.synthetic)).toBe(true);
    expect(sample.populations.every((population) => population.registeredListSize !== null && population.weightedPopulation !== null)).toBe(true);
    const registered = sample.populations.reduce((sum, population) => sum + (population.registeredListSize ?? 0), 0);
    expect(registered).toBeGreaterThanOrEqual(760_000);
    expect(registered).toBeLessThanOrEqual(768_000);
  });

  it('has Dorset’s three clusters, twelve transformation areas and thirteen localities', () => {
    const dorset = new Set(['11J']);
    for (const organisation of sample.organisations) {
      if (organisation.parentOdsCode !== null && dorset.has(organisation.parentOdsCode)) dorset.add(organisation.odsCode);
    }
    const inDorset = (kind: string) => ofKind(kind).filter((organisation) => dorset.has(organisation.odsCode));
    expect(inDorset('cluster')).toHaveLength(3);
    expect(inDorset('transformation-area')).toHaveLength(12);
    expect(inDorset('locality')).toHaveLength(13);
  });
});
