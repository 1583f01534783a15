import { recipientsOf } from './raise-escalation.usecase';

describe('the people an escalation rung names', () => {
  const people = { leadEmail: 'Lead@nhs.example', managerEmail: 'manager@nhs.example', sroEmail: 'sro@nhs.example', pmoEmails: ['pmo.one@nhs.example', 'pmo.two@nhs.example'] };
  const milestone = { ownerEmail: 'owner@nhs.example' };

  it('names each role’s people, once each, in lower case', () => {
    expect(recipientsOf(['owner', 'manager', 'lead', 'sro', 'pmo'], people, milestone)).toEqual([
      'owner@nhs.example',
      'manager@nhs.example',
      'lead@nhs.example',
      'sro@nhs.example',
      'pmo.one@nhs.example',
      'pmo.two@nhs.example',
    ]);
    expect(recipientsOf(['lead', 'owner'], people, { ownerEmail: 'LEAD@nhs.example' })).toEqual(['lead@nhs.example']);
  });

  it('falls back to the programme lead for a manager or SRO not named, and names nobody for an empty PMO', () => {
    const leadOnly = { ...people, managerEmail: null, sroEmail: null, pmoEmails: [] };
    expect(recipientsOf(['manager'], leadOnly, milestone)).toEqual(['lead@nhs.example']);
    expect(recipientsOf(['sro', 'pmo'], leadOnly, milestone)).toEqual(['lead@nhs.example']);
    expect(recipientsOf(['pmo'], leadOnly, milestone)).toEqual([]);
  });
});
