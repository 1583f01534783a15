import { ApplicationError, ApplicationErrorCode } from '../application.error';
import { CreateProgrammeCommand } from './create-programme.command';

const valid = {
  name: '  Primary Care Home phased rollout  ',
  leadEmail: 'pch.lead@dorset.nhs.example',
  milestones: [
    { name: 'Phase 1 live', ownerEmail: 'north.dorset@nhs.example', dueAt: '2018-07-01T09:00:00+01:00' },
    { name: 'Phase 2 live', ownerEmail: 'poole.central@nhs.example', dueAt: '2018-12-01T09:00:00Z' },
  ],
};

function problemsOf(body: unknown) {
  try {
    CreateProgrammeCommand.from(body);
  } catch (error) {
    expect(error).toBeInstanceOf(ApplicationError);
    expect((error as ApplicationError).code).toBe(ApplicationErrorCode.ValidationFailed);
    return (error as ApplicationError).fieldProblems;
  }
  throw new Error('the command was accepted');
}

describe('CreateProgrammeCommand', () => {
  it('trims names and normalises due instants to UTC', () => {
    const { plan, people } = CreateProgrammeCommand.from(valid);
    expect(plan.name).toBe('Primary Care Home phased rollout');
    expect(plan.milestones[0].dueAt).toBe('2018-07-01T08:00:00.000Z');
    expect(people).toEqual({ leadEmail: 'pch.lead@dorset.nhs.example' });
  });

  it('names every bad field with its reason', () => {
    const problems = problemsOf({
      ...valid,
      leadEmail: 'nobody',
      milestones: [{ ...valid.milestones[0], dueAt: '2018-07-01' }, { ...valid.milestones[1], ownerEmail: 5 }],
    });
    expect(problems).toHaveLength(3);
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'leadEmail', reason: 'must be an email address' },
        { field: 'milestones.0.dueAt', reason: 'must be an ISO 8601 date-time with an offset, such as 2018-01-15T09:00:00Z' },
        { field: 'milestones.1.ownerEmail', reason: 'must be an email address' },
      ]),
    );
  });

  it('refuses fewer than two milestones, repeated names and unknown fields', () => {
    expect(problemsOf({ ...valid, milestones: [valid.milestones[0]] })).toEqual([
      { field: 'milestones', reason: 'a programme needs at least two milestones' },
    ]);
    expect(problemsOf({ ...valid, milestones: [valid.milestones[0], { ...valid.milestones[1], name: 'PHASE 1 LIVE' }] })).toEqual([
      { field: 'milestones.1.name', reason: 'repeats the name of milestones.0' },
    ]);
    expect(problemsOf({ ...valid, sro: 'someone' })).toEqual([{ field: '(body)', reason: expect.stringContaining('"sro"') }]);
  });

  it('refuses a body that is not an object', () => {
    expect(problemsOf(undefined)).toEqual([{ field: '(body)', reason: expect.stringContaining('expected object') }]);
  });
});
