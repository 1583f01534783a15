import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Principals } from '@pmo/application';
import type { EngineConfig } from '@pmo/config';
import { TokenRejected, TokenVerifier } from '@pmo/identity';
import { Public } from '../access/access.decorators';
import { ENGINE_CONFIG } from '../rehearsals.controller';
import { sameSitePath } from './web-error.filter';
import { FormRejected } from './web-forms';
import { layoutContext } from './web-layout';
import { WebPages } from './web-page';
import { endSession, startSession } from './web-session';
import { WebViews } from './web-views';

/**
 * Signing in to the pages with the same bearer tokens the API takes, checked by the same verifier: the
 * token is kept in an HttpOnly session cookie and checked again on every request.
 */
@Controller('app')
@WebPages()
export class SignInController {
  constructor(
    private readonly views: WebViews,
    private readonly tokens: TokenVerifier,
    private readonly principals: Principals,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  @Get('sign-in')
  @Public()
  form(@Query('next') next: string | undefined, @Res() response: Response): void {
    response.send(this.views.render('sign-in.njk', this.context(response, next)));
  }

  @Post('sign-in')
  @Public()
  @HttpCode(303)
  async signIn(@Body() body: { token?: unknown; next?: unknown }, @Req() request: Request, @Res() response: Response): Promise<void> {
    const token = typeof body.token === 'string' ? body.token.trim() : '';
    const next = typeof body.next === 'string' ? body.next : undefined;
    const refuse = (text: string) => new FormRejected('sign-in.njk', this.context(response, next), [{ field: 'token', text }], 401);
    if (token === '') throw refuse('Enter your sign-in token');
    try {
      const principal = await this.principals.person(await this.tokens.verify(token));
      if (principal.grants.length === 0) throw refuse(`${principal.subject} has no role here yet: ask your programme office for access`);
    } catch (error) {
      if (error instanceof TokenRejected) throw refuse(`The token was not accepted: ${error.message}`);
      throw error;
    }
    startSession(request, response, token);
    response.redirect(303, sameSitePath(next ?? '/app'));
  }

  @Post('sign-out')
  @Public()
  signOut(@Res() response: Response): void {
    endSession(response);
    response.redirect(303, '/app/sign-in');
  }

  private context(response: Response, next: string | undefined): Record<string, unknown> {
    return {
      ...layoutContext(undefined, response, null),
      title: 'Sign in',
      next: sameSitePath(next ?? '/app'),
      // The local stack signs its own tokens; an identity provider's are got from it.
      localStack: this.config.auth.jwksUrl === null,
    };
  }
}
