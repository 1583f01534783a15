import { missingUpdateLadder } from './missing-update-ladder';

describe('the missing-update ladder', () => {
  const programme = { id: 'p', name: 'Online consultation rollout', leadEmail: 'lead@nhs.example', managerEmail: null, sroEmail: null };

  it('reminds the programme manager and tells the lead when the update is still missing', () => {
    expect(missingUpdateLadder({ ...programme, managerEmail: 'manager@nhs.example', sroEmail: 'sro@nhs.example' })).toEqual({
      reminded: 'manager@nhs.example',
      escalatedTo: 'lead@nhs.example',
    });
  });

  it('reminds the lead, who records the update when no manager is named, and tells the SRO', () => {
    expect(missingUpdateLadder({ ...programme, sroEmail: 'sro@nhs.example' })).toEqual({ reminded: 'lead@nhs.example', escalatedTo: 'sro@nhs.example' });
  });

  it('tells the lead twice when there is no one above them', () => {
    expect(missingUpdateLadder(programme)).toEqual({ reminded: 'lead@nhs.example', escalatedTo: 'lead@nhs.example' });
  });
});
