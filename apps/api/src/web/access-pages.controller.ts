import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AccessAdministrationUseCases, ROLES } from '@pmo/application';
import { Access } from '../access/access.decorators';
import type { AuthenticatedRequest } from '../access/access.guard';
import { FormRejected, rejected, textField } from './web-forms';
import type { FormField, FormProblem } from './web-forms';
import { layoutContext } from './web-layout';
import { WebPages } from './web-page';
import { redirectDone, takeDone } from './web-session';
import { WebViews } from './web-views';

type Form = Record<string, unknown>;

/** What each role may do, in the words the page offers them. */
const ROLE_WORDS: Record<(typeof ROLES)[number], string> = {
  admin: 'Admin: everything, with organisations and access',
  pmo: 'Programme office: keep programmes, set ladders and confidence, run the month end and sign off the return',
  programme_manager: 'Programme manager: create and keep programmes',
  lead: 'Lead or SRO: read programmes, confirm milestones and acknowledge escalations',
  viewer: 'Viewer: read programmes, reports and the return',
  nhse_assessor: 'NHS England assessor: read the return, and nothing else',
};

const GRANT_FIELDS = { email: { id: 'email', label: 'The email' }, role: { id: 'role', label: 'The role' }, organisation: { id: 'organisation', label: 'The organisation' } };
const KEY_FIELDS = { name: { id: 'name', label: 'The name' }, role: { id: 'keyRole', label: 'The role' }, organisation: { id: 'keyOrganisation', label: 'The organisation' } };

/** Who may do what where, for admins: roles granted to people and keys for automations, each given and revoked here. */
@Controller('app/access')
@WebPages()
export class AccessPagesController {
  constructor(
    private readonly views: WebViews,
    private readonly access: AccessAdministrationUseCases,
  ) {}

  @Get()
  @Access('manage-access', 'every-organisation')
  async page(@Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    response.send(this.views.render('access.njk', { ...layoutContext(request, response, 'access'), ...(await this.context()), done: takeDone(request, response), values: EMPTY }));
  }

  @Post('grants')
  @Access('manage-access', 'every-organisation')
  async grant(@Body() body: Form, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const values = { ...EMPTY, email: textField(body, 'email'), role: textField(body, 'role'), organisation: textField(body, 'organisation').toUpperCase() };
    const required: Required = [
      ['email', 'Enter the person’s email address'],
      ['role', 'Select a role'],
      ['organisation', 'Enter an ODS code, or * for every organisation'],
    ];
    const grant = await this.attempt(values, required, GRANT_FIELDS, () => this.access.grant({ email: values.email, role: values.role, organisation: values.organisation }, request.principal.subject));
    redirectDone(request, response, '/app/access', `${grant.email} is granted ${grant.role} at ${grant.organisation}`);
  }

  @Post('grants/:grantId/revoke')
  @Access('manage-access', 'every-organisation')
  async revokeGrant(@Param('grantId') grantId: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    await this.access.revokeGrant(grantId);
    redirectDone(request, response, '/app/access', 'The grant is revoked');
  }

  /** The new key is shown on this answer and never again: it is kept only as its hash, and is not put in the session. */
  @Post('api-keys')
  @Access('manage-access', 'every-organisation')
  async createApiKey(@Body() body: Form, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const values = { ...EMPTY, name: textField(body, 'name'), keyRole: textField(body, 'keyRole'), keyOrganisation: textField(body, 'keyOrganisation').toUpperCase() };
    const required: Required = [
      ['name', 'Enter a name that says what the key is for'],
      ['keyRole', 'Select a role'],
      ['keyOrganisation', 'Enter an ODS code, or * for every organisation'],
    ];
    const created = await this.attempt(values, required, KEY_FIELDS, () => this.access.createApiKey({ name: values.name, role: values.keyRole, organisation: values.keyOrganisation }, request.principal.subject));
    response.setHeader('cache-control', 'no-store');
    response.send(this.views.render('api-key-created.njk', { ...layoutContext(request, response, 'access'), title: 'API key created', created, back: { href: '/app/access', text: 'Access' } }));
  }

  @Post('api-keys/:keyId/revoke')
  @Access('manage-access', 'every-organisation')
  async revokeApiKey(@Param('keyId') keyId: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    await this.access.revokeApiKey(keyId);
    redirectDone(request, response, '/app/access', 'The API key is revoked: it is refused from now on');
  }

  /** A form of the page: what must be given first, then the use case, whose refusal comes back as the page with its problems. */
  private async attempt<Result>(values: typeof EMPTY, required: Required, fields: Record<string, FormField>, work: () => Promise<Result>): Promise<Result> {
    const context = await this.context();
    const reject = (problems: FormProblem[]) => new FormRejected('access.njk', { ...context, values }, problems);
    const problems = required.filter(([field]) => values[field] === '').map(([field, text]) => ({ field, text }));
    if (problems.length > 0) throw reject(problems);
    return work().catch((error: unknown) => {
      throw rejected(error, reject, fields, Object.values(fields)[0]);
    });
  }

  private async context() {
    const [grants, apiKeys] = await Promise.all([this.access.listGrants(), this.access.listApiKeys()]);
    return {
      title: 'Access',
      grants: grants.filter((grant) => grant.revokedAt === null),
      apiKeys: apiKeys.filter((key) => key.revokedAt === null),
      roles: ROLES.map((role) => ({ value: role, text: ROLE_WORDS[role] })),
    };
  }
}

const EMPTY = { email: '', role: '', organisation: '', name: '', keyRole: '', keyOrganisation: '' };

/** The fields a form needs filled, each with what to say when it is empty. */
type Required = [field: keyof typeof EMPTY, text: string][];
