import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { AuthenticatedRequest } from '../access/access.guard';
import { problemOf } from '../problem-details.filter';
import { FormRejected } from './web-forms';
import { layoutContext } from './web-layout';
import { WebViews } from './web-views';

const TITLES: Record<number, string> = {
  400: 'There is a problem with the request',
  403: 'You do not have access to this',
  404: 'Page not found',
  409: 'This has changed since you opened it',
  422: 'This cannot be done',
  429: 'Too many requests',
  503: 'Sorry, the service is unavailable',
};

/**
 * Errors on web pages as pages: a form with problems shown again with its error summary; no session
 * sends the person to sign in and back; anything else an NHS.UK error page with the problem in words.
 */
@Catch()
export class WebErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(WebErrorFilter.name);

  constructor(private readonly views: WebViews) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request & Partial<AuthenticatedRequest>>();
    const response = host.switchToHttp().getResponse<Response>();
    const layout = layoutContext(request.principal === undefined ? undefined : (request as AuthenticatedRequest), response, null);
    if (error instanceof FormRejected) {
      response
        .status(error.status)
        .type('html')
        .send(this.views.render(error.view, { ...layout, ...error.context, errors: error.problems }));
      return;
    }
    const problem = problemOf(error, request, this.logger);
    if (problem.status === HttpStatus.UNAUTHORIZED) {
      // Back to the page after signing in; a form's post is not replayed, its page is.
      const next = request.method === 'GET' ? request.originalUrl : (request.get('referer') ?? '/app');
      response.redirect(303, `/app/sign-in?next=${encodeURIComponent(sameSitePath(next))}`);
      return;
    }
    const title = TITLES[problem.status] ?? (problem.status >= 500 ? 'Sorry, there is a problem with the service' : 'There is a problem');
    response
      .status(problem.status)
      .type('html')
      .send(this.views.render('error.njk', { ...layout, title, detail: problem.status >= 500 ? null : problem.detail, status: problem.status }));
  }
}

/** Only a path of this site is a place to go back to: never another site's address. */
export function sameSitePath(next: string): string {
  try {
    const url = new URL(next, 'http://this.site');
    return url.host === 'this.site' && url.pathname.startsWith('/app') ? `${url.pathname}${url.search}` : '/app';
  } catch {
    return '/app';
  }
}
