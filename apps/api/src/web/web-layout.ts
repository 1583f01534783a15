import type { Response } from 'express';
import { mayEver } from '@pmo/application';
import type { AuthenticatedRequest } from '../access/access.guard';
import { csrfTokenFor, sessionTokenOf } from './web-session';

/** The sections of the header's navigation. */
export type Section = 'programmes' | 'reports' | 'returns' | 'month-end' | 'delivery' | 'organisations' | 'access';

/** What every page's layout needs: who is signed in, the form token, the script nonce and the navigation. */
export function layoutContext(request: AuthenticatedRequest | undefined, response: Response, section: Section | null): Record<string, unknown> {
  const session = request === undefined ? undefined : sessionTokenOf(request);
  const principal = request?.principal;
  const navigation =
    principal === undefined
      ? []
      : [
          ...(mayEver(principal, 'read-programme')
            ? [
                { text: 'Programmes', href: '/app/programmes', current: section === 'programmes' },
                { text: 'Reports', href: '/app/reports', current: section === 'reports' },
              ]
            : []),
          ...(mayEver(principal, 'read-return') ? [{ text: 'NHS England return', href: '/app/returns', current: section === 'returns' }] : []),
          ...(mayEver(principal, 'run-month-end') ? [{ text: 'Month end', href: '/app/month-end', current: section === 'month-end' }] : []),
          ...(mayEver(principal, 'read-delivery') ? [{ text: 'Delivery log', href: '/app/delivery-log', current: section === 'delivery' }] : []),
          { text: 'Organisations', href: '/app/organisations', current: section === 'organisations' },
          ...(mayEver(principal, 'manage-access') ? [{ text: 'Access', href: '/app/access', current: section === 'access' }] : []),
        ];
  return { user: principal?.subject, csrfToken: session === undefined ? '' : csrfTokenFor(session), cspNonce: response.locals.cspNonce as string, navigation };
}
