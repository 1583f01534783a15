import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ApplicationError, ApplicationErrorCode, mayEver, permits, Principals, ResourceScopes } from '@pmo/application';
import type { Principal, ResourceScope } from '@pmo/application';
import { TokenRejected, TokenVerifier } from '@pmo/identity';
import { ACCESS_METADATA, PUBLIC_METADATA } from './access.decorators';
import type { AccessRule } from './access.decorators';
import { WEB_PAGE_METADATA } from '../web/web-page';
import { CSRF_FIELD, csrfTokenMatches, sessionTokenOf } from '../web/web-session';

export type AuthenticatedRequest = Request & { principal: Principal };

const unauthenticated = (why: string) => new ApplicationError(ApplicationErrorCode.Unauthenticated, why);

/**
 * The one place access is decided, for every route: who is asking (a bearer token or an API key; 401
 * without either), whether any of their roles may do what the route does (403), and whether the thing
 * it is about sits inside one of their organisations (404, as if it did not exist, when it does not).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenVerifier,
    private readonly principals: Principals,
    private readonly scopes: ResourceScopes,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = this.reflector.getAllAndOverride<boolean>(WEB_PAGE_METADATA, targets) ? await this.signedIn(request) : await this.authenticate(request);
    request.principal = principal;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, targets);
    // Fail safe: a route nobody classified is nobody's.
    if (rule === undefined) throw new ApplicationError(ApplicationErrorCode.Forbidden, 'this route is not open to anyone');
    if (rule.scope === 'contact' && String(request.params.email).toLowerCase() === principal.subject) return true;
    if (!mayEver(principal, rule.action)) throw new ApplicationError(ApplicationErrorCode.Forbidden, `${principal.subject} may not ${rule.action.replace(/-/g, ' ')}`);
    const scope = await this.scopeOf(rule, request);
    // A thing that does not exist is the handler's to answer (404), the same for everyone.
    if (scope === null || permits(principal, rule.action, scope)) return true;
    this.logger.warn(`refused ${request.method} ${request.route?.path ?? request.path} to ${principal.via} outside its organisations`);
    if (rule.scope === 'programme' || rule.scope === 'report') throw ApplicationError.notFound(`no ${rule.scope} ${String(request.params.programmeId ?? request.params.reportId ?? request.query.programmeId)}`);
    throw new ApplicationError(ApplicationErrorCode.Forbidden, `${principal.subject} may not ${rule.action.replace(/-/g, ' ')} there`);
  }

  /**
   * A web page's visitor, by the token in their session cookie; a form they post must also carry the
   * CSRF token of that session, which is then taken out of the body so that nothing keeps it.
   */
  private async signedIn(request: Request): Promise<Principal> {
    const token = sessionTokenOf(request);
    if (token === undefined) throw unauthenticated('sign in to see this page');
    const principal = await this.person(token);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const body = request.body as Record<string, unknown> | undefined;
      if (!csrfTokenMatches(token, body?.[CSRF_FIELD])) throw new ApplicationError(ApplicationErrorCode.Forbidden, 'the form was not sent from this service’s page: open the page again and resend it');
      delete body?.[CSRF_FIELD];
    }
    return principal;
  }

  private async person(token: string): Promise<Principal> {
    try {
      return await this.principals.person(await this.tokens.verify(token));
    } catch (error) {
      if (error instanceof TokenRejected) throw unauthenticated(error.message);
      throw error;
    }
  }

  private async authenticate(request: Request): Promise<Principal> {
    const apiKey = request.header('x-api-key');
    if (apiKey !== undefined) {
      const principal = await this.principals.apiKey(apiKey);
      if (principal === null) throw unauthenticated('the API key is not valid: unknown, revoked or mistyped');
      return principal;
    }
    const authorization = request.header('authorization');
    if (authorization === undefined) throw unauthenticated('sign in: send a bearer token (Authorization: Bearer …) or an API key (x-api-key)');
    const [scheme, token] = authorization.split(' ');
    if (scheme.toLowerCase() !== 'bearer' || token === undefined) throw unauthenticated('the Authorization header must be "Bearer <token>"');
    return this.person(token);
  }

  private async scopeOf(rule: AccessRule, request: Request): Promise<ResourceScope | null> {
    switch (rule.scope) {
      case 'anywhere':
      case 'own-organisations':
        return { kind: 'anywhere' };
      // Anyone's channel but one's own is set by a programme office that sees every organisation.
      case 'contact':
      case 'every-organisation':
        return { kind: 'every-organisation' };
      case 'programme': {
        const programmeId = request.params.programmeId ?? request.query.programmeId;
        return typeof programmeId === 'string' ? this.scopes.programme(programmeId) : { kind: 'every-organisation' };
      }
      case 'new-programme': {
        // A body no parser read, or one naming no recorded organisation, is the use case's to refuse: the same answer for every role.
        const body: unknown = request.body;
        if (typeof body !== 'object' || body === null || Buffer.isBuffer(body)) return null;
        const organisation = (body as { organisation?: unknown }).organisation;
        if (organisation === undefined) return this.scopes.organisation(null);
        return typeof organisation === 'string' ? this.scopes.recordedOrganisation(organisation) : null;
      }
      case 'report':
        return this.scopes.report(String(request.params.reportId));
    }
  }
}
