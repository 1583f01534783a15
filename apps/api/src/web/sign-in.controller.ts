import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApplicationError, Principals } from '@pmo/application';
import type { EngineConfig } from '@pmo/config';
import { OidcSignIn, SignInFailed, TokenRejected, TokenVerifier } from '@pmo/identity';
import type { PendingSignIn } from '@pmo/identity';
import { Public } from '../access/access.decorators';
import { ENGINE_CONFIG } from '../rehearsals.controller';
import { sameSitePath } from './web-error.filter';
import { FormRejected, sentence } from './web-forms';
import { layoutContext } from './web-layout';
import { WebPages } from './web-page';
import { endSession, startSession } from './web-session';

/** The cookie that carries a sign-in at the identity provider from leaving to coming back. */
const PENDING_COOKIE = 'pmo_sign_in';
const PENDING_PATH = '/app/sign-in';
/** Long enough to sign in at the provider, with its second factor; short enough not to linger. */
const PENDING_MS = 10 * 60_000;

type Pending = PendingSignIn & { next: string };
import { WebViews } from './web-views';

/**
 * Signing in to the pages with the same bearer tokens the API takes, checked by the same verifier: from
 * the identity provider (OpenID Connect) when one is configured, or pasted (the local stack's own). The
 * token is kept in an HttpOnly session cookie and checked again on every request.
 */
@Controller('app')
@WebPages()
export class SignInController {
  private readonly provider: OidcSignIn | null;

  constructor(
    private readonly views: WebViews,
    private readonly tokens: TokenVerifier,
    private readonly principals: Principals,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {
    this.provider = config.auth.webSignIn === null ? null : new OidcSignIn(config.auth, config.auth.webSignIn);
  }

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
    if (token === '') throw this.refused(response, next, 'Enter your sign-in token');
    await this.signInWith(token, request, response, next);
  }

  /** Off to the identity provider, with a state and a PKCE verifier that only this browser brings back. */
  @Get('sign-in/start')
  @Public()
  async start(@Query('next') next: string | undefined, @Req() request: Request, @Res() response: Response): Promise<void> {
    if (this.provider === null) throw ApplicationError.notFound('this installation signs in with tokens: no identity provider is configured');
    const started = await this.provider.start().catch((error: unknown) => {
      if (error instanceof SignInFailed) throw this.refused(response, next, sentence(error.message));
      throw error;
    });
    const { url, pending } = started;
    response.cookie(PENDING_COOKIE, { ...pending, next: sameSitePath(next ?? '/app') } satisfies Pending, {
      httpOnly: true,
      // Lax, so that the provider's redirect back, a top-level navigation, brings it.
      sameSite: 'lax',
      secure: request.secure,
      path: PENDING_PATH,
      maxAge: PENDING_MS,
    });
    response.redirect(303, url);
  }

  /** Back from the identity provider: its code for an access token, checked like any bearer token. */
  @Get('sign-in/callback')
  @Public()
  async callback(@Query() returned: Record<string, unknown>, @Req() request: Request, @Res() response: Response): Promise<void> {
    if (this.provider === null) throw ApplicationError.notFound('this installation signs in with tokens: no identity provider is configured');
    const pending = (request.cookies as Record<string, unknown>)[PENDING_COOKIE] as Pending | undefined;
    response.clearCookie(PENDING_COOKIE, { path: PENDING_PATH });
    if (pending === undefined || typeof pending !== 'object') throw this.refused(response, undefined, 'The sign-in took too long or began in another browser: sign in again');
    let token: string;
    try {
      token = await this.provider.finish(pending, returned);
    } catch (error) {
      if (error instanceof SignInFailed) throw this.refused(response, pending.next, sentence(error.message));
      throw error;
    }
    await this.signInWith(token, request, response, pending.next);
  }

  @Post('sign-out')
  @Public()
  signOut(@Res() response: Response): void {
    endSession(response);
    response.redirect(303, '/app/sign-in');
  }

  /** The token checked as the API checks it, and the person's session started; refused with the sign-in page. */
  private async signInWith(token: string, request: Request, response: Response, next: string | undefined): Promise<void> {
    try {
      const principal = await this.principals.person(await this.tokens.verify(token));
      if (principal.grants.length === 0) throw this.refused(response, next, `${principal.subject} has no role here yet: ask your programme office for access`);
    } catch (error) {
      if (error instanceof TokenRejected) throw this.refused(response, next, `The token was not accepted: ${error.message}`);
      throw error;
    }
    startSession(request, response, token);
    response.redirect(303, sameSitePath(next ?? '/app'));
  }

  private refused(response: Response, next: string | undefined, text: string): FormRejected {
    return new FormRejected('sign-in.njk', this.context(response, next), [{ field: 'token', text }], 401);
  }

  private context(response: Response, next: string | undefined): Record<string, unknown> {
    return {
      ...layoutContext(undefined, response, null),
      title: 'Sign in',
      next: sameSitePath(next ?? '/app'),
      // The local stack signs its own tokens; an identity provider's are got from it.
      localStack: this.config.auth.jwksUrl === null,
      identityProvider: this.provider !== null,
    };
  }
}
