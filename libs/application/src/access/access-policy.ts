/** The roles a person or an API key may hold, each at an organisation and everything below it. */
export const ROLES = ['admin', 'pmo', 'programme_manager', 'lead', 'viewer', 'nhse_assessor'] as const;
export type Role = (typeof ROLES)[number];

/** A grant at this "organisation" covers every organisation: national and ICB-wide programme offices. */
export const EVERY_ORGANISATION = '*';

export interface Grant {
  role: Role;
  /** An ODS code, or EVERY_ORGANISATION. */
  organisation: string;
}

/** Who is asking: a person signed in with a token, or an API key of an automation. */
export interface Principal {
  /** A person's email in lower case, or `api-key:<name>`. */
  subject: string;
  via: 'token' | 'api-key';
  grants: Grant[];
}

/** What a request does; each route names one. */
export type Action =
  | 'use-catalogue'
  | 'read-programme'
  | 'respond-as-owner'
  | 'manage-programme'
  | 'govern-programme'
  | 'read-return'
  | 'sign-off-return'
  | 'run-month-end'
  | 'manage-contacts'
  | 'read-delivery'
  | 'manage-organisations'
  | 'manage-access';

const ROLES_FOR: Record<Action, readonly Role[]> = {
  // Templates, organisations and rehearsals hold nobody's programme.
  'use-catalogue': ROLES,
  'read-programme': ['admin', 'pmo', 'programme_manager', 'lead', 'viewer'],
  'respond-as-owner': ['admin', 'pmo', 'programme_manager', 'lead'],
  'manage-programme': ['admin', 'pmo', 'programme_manager'],
  // Ladders and the delivery confidence override are the programme office's to set.
  'govern-programme': ['admin', 'pmo'],
  // NHS England's assessors read returns and nothing else.
  'read-return': ['admin', 'pmo', 'viewer', 'nhse_assessor'],
  'sign-off-return': ['admin', 'pmo'],
  'run-month-end': ['admin', 'pmo'],
  'manage-contacts': ['admin', 'pmo'],
  'read-delivery': ['admin', 'pmo'],
  // The organisation tree and list sizes decide who sees what and every population figure.
  'manage-organisations': ['admin'],
  'manage-access': ['admin'],
};

/**
 * Where the thing asked about sits: at an organisation (its lineage, itself first, then each parent up
 * to the root); across every organisation (the return, the month-end cycle, a programme with no
 * organisation); or anywhere at all (reference data).
 */
export type ResourceScope = { kind: 'organisation'; lineage: readonly string[] } | { kind: 'every-organisation' } | { kind: 'anywhere' };

function covers(grant: Grant, scope: ResourceScope): boolean {
  if (grant.organisation === EVERY_ORGANISATION || scope.kind === 'anywhere') return true;
  return scope.kind === 'organisation' && scope.lineage.includes(grant.organisation);
}

/** Whether any of the principal's roles may do the action somewhere at all: otherwise 403, whatever it asks about. */
export function mayEver(principal: Principal, action: Action): boolean {
  return principal.grants.some((grant) => ROLES_FOR[action].includes(grant.role));
}

/** Whether one of the principal's grants lets it do the action on something in that scope. */
export function permits(principal: Principal, action: Action, scope: ResourceScope): boolean {
  return principal.grants.some((grant) => ROLES_FOR[action].includes(grant.role) && covers(grant, scope));
}

/** The organisations at and below which the principal may do the action; every organisation when a grant says so. */
export function organisationsWhere(principal: Principal, action: Action): string[] | 'every-organisation' {
  const granted = principal.grants.filter((grant) => ROLES_FOR[action].includes(grant.role));
  if (granted.some((grant) => grant.organisation === EVERY_ORGANISATION)) return 'every-organisation';
  return [...new Set(granted.map((grant) => grant.organisation))];
}
