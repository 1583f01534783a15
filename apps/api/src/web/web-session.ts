import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

/** The cookie that carries a signed-in person's bearer token to the web pages. */
export const SESSION_COOKIE = 'pmo_session';
/** The hidden field every form posts its CSRF token in. */
export const CSRF_FIELD = '_csrf';

export function sessionTokenOf(request: Request): string | undefined {
  const token = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
  return typeof token === 'string' && token.length > 0 ? token : undefined;
}

/**
 * A form's CSRF token, derived from the session cookie that only the person's own browser can read,
 * so that a page of another site cannot post as them; no server state to keep.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`pmo-csrf:${sessionToken}`).digest('base64url');
}

export function csrfTokenMatches(sessionToken: string, presented: unknown): boolean {
  if (typeof presented !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A browser-session cookie: the token inside it expires on its own, and each request checks it again. */
export function startSession(request: Request, response: Response, token: string): void {
  response.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: request.secure, path: '/' });
}

export function endSession(response: Response): void {
  response.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The one-off message a page shows after a form's post redirected to it ("… is complete"). */
export const DONE_COOKIE = 'pmo_done';

/** Sends the person to a page that will say what was done, once: a cookie, so that no link can make the page say it. */
export function redirectDone(request: Request, response: Response, to: string, message: string): void {
  response.cookie(DONE_COOKIE, message, { httpOnly: true, sameSite: 'lax', secure: request.secure, path: '/app', maxAge: 60_000 });
  response.redirect(303, to);
}

/** The message a form's post left for this page, cleared as it is read. */
export function takeDone(request: Request, response: Response): string | null {
  const message = (request.cookies as Record<string, string> | undefined)?.[DONE_COOKIE];
  if (typeof message !== 'string' || message === '') return null;
  response.clearCookie(DONE_COOKIE, { path: '/app' });
  return message;
}
