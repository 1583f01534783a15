import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import type { Action } from '@pmo/application';

/**
 * Where the thing a route acts on sits, for the access guard to find:
 * - `programme`: the `programmeId` path parameter, or the `programmeId` query (every organisation without one);
 * - `new-programme`: the `organisation` of the body;
 * - `report`: the `reportId` path parameter;
 * - `contact`: the `email` path parameter; people may always see and set their own, others' need every organisation;
 * - `every-organisation`: across every organisation (the return, the cycle, the delivery log);
 * - `anywhere`: reference data and rehearsals;
 * - `own-organisations`: lists that the handler limits to the principal's organisations (the portfolio).
 */
export type ScopeSource = 'programme' | 'new-programme' | 'report' | 'contact' | 'every-organisation' | 'anywhere' | 'own-organisations';

export const ACCESS_METADATA = 'pmo:access';
export const PUBLIC_METADATA = 'pmo:public';

export interface AccessRule {
  action: Action;
  scope: ScopeSource;
}

export const BEARER_SCHEME = 'bearer';
export const API_KEY_SCHEME = 'apiKey';

/** What the route does and where; a route without this (or @Public) is refused to everyone. The OpenAPI document says how to sign in for it. */
export const Access = (action: Action, scope: ScopeSource) =>
  applyDecorators(SetMetadata(ACCESS_METADATA, { action, scope } satisfies AccessRule), ApiBearerAuth(BEARER_SCHEME), ApiSecurity(API_KEY_SCHEME));

/** Needs no credentials: health probes, the stylesheet, and links that carry their own signature. */
export const Public = () => SetMetadata(PUBLIC_METADATA, true);
