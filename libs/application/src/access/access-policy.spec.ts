import { EVERY_ORGANISATION, mayEver, permits, ROLES } from './access-policy';
import type { Action, Principal, Role } from './access-policy';

const at = (role: Role, organisation: string): Principal => ({ subject: 'someone@nhs.example', via: 'token', grants: [{ role, organisation }] });
const dorsetPractice = { kind: 'organisation', lineage: ['J81001', 'U12345', '11J', 'QVV', 'Y58'] } as const;

describe('the access policy', () => {
  it('lets a role act at its organisation and everything below it, and nowhere else', () => {
    expect(permits(at('programme_manager', '11J'), 'manage-programme', dorsetPractice)).toBe(true);
    expect(permits(at('programme_manager', 'J81001'), 'manage-programme', dorsetPractice)).toBe(true);
    expect(permits(at('programme_manager', '99A'), 'manage-programme', dorsetPractice)).toBe(false);
    expect(permits(at('programme_manager', '11J'), 'manage-programme', { kind: 'organisation', lineage: ['11J'] })).toBe(true);
  });

  it('keeps what spans every organisation to grants at every organisation', () => {
    expect(permits(at('pmo', '11J'), 'run-month-end', { kind: 'every-organisation' })).toBe(false);
    expect(permits(at('pmo', EVERY_ORGANISATION), 'run-month-end', { kind: 'every-organisation' })).toBe(true);
    expect(permits(at('viewer', '99A'), 'use-catalogue', { kind: 'anywhere' })).toBe(true);
  });

  it('gives each role its actions: an assessor reads returns only, a viewer writes nothing, only an admin manages access', () => {
    const actions: Action[] = ['use-catalogue', 'read-programme', 'respond-as-owner', 'manage-programme', 'govern-programme', 'read-return', 'sign-off-return', 'run-month-end', 'manage-contacts', 'read-delivery', 'manage-access'];
    const may = (role: Role) => actions.filter((action) => mayEver(at(role, EVERY_ORGANISATION), action));
    expect(Object.fromEntries(ROLES.map((role) => [role, may(role)]))).toEqual({
      admin: actions,
      pmo: actions.filter((action) => action !== 'manage-access'),
      programme_manager: ['use-catalogue', 'read-programme', 'respond-as-owner', 'manage-programme'],
      lead: ['use-catalogue', 'read-programme', 'respond-as-owner'],
      viewer: ['use-catalogue', 'read-programme', 'read-return'],
      nhse_assessor: ['use-catalogue', 'read-return'],
    });
  });

  it('lets nobody without a grant do anything', () => {
    expect(permits({ subject: 'new@nhs.example', via: 'token', grants: [] }, 'use-catalogue', { kind: 'anywhere' })).toBe(false);
  });
});
