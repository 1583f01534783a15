import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { ApplicationError, ApplicationErrorCode } from '../application.error';
import { AccessRepository } from '../ports/access.repository';
import type { ApiKeyRecord, GrantRecord } from '../ports/access.repository';
import { Clock } from '../ports/clock';
import { OrganisationRepository } from '../ports/organisation.repository';
import { isUuid, parseOrThrow } from '../validation';
import { EVERY_ORGANISATION, ROLES } from './access-policy';
import { apiKeyText, sha256Hex } from './principals';

const scopeShape = {
  role: z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` }),
  organisation: z.string().trim().min(1, `must be an ODS code, or ${EVERY_ORGANISATION} for every organisation`),
};
export const grantSchema = z.strictObject({ email: z.email('must be an email address').transform((email) => email.toLowerCase()), ...scopeShape });
export const apiKeySchema = z.strictObject({ name: z.string().trim().min(1).max(100).regex(/^[\w .-]+$/, 'letters, digits, spaces, dots, dashes and underscores only'), ...scopeShape });

/** Who may do what where: grants to people and keys for automations, given and revoked by admins. */
@Injectable()
export class AccessAdministrationUseCases {
  constructor(
    private readonly access: AccessRepository,
    private readonly organisations: OrganisationRepository,
    private readonly clock: Clock,
  ) {}

  listGrants(): Promise<GrantRecord[]> {
    return this.access.listGrants();
  }

  async grant(body: unknown, by: string): Promise<GrantRecord> {
    const grant = parseOrThrow(grantSchema, body);
    await this.checkOrganisation(grant.organisation);
    return this.access.addGrant({ ...grant, grantedBy: by }, this.clock.now());
  }

  async revokeGrant(grantId: string): Promise<void> {
    if (!isUuid(grantId) || !(await this.access.revokeGrant(grantId, this.clock.now()))) throw ApplicationError.notFound(`no live grant ${grantId}`);
  }

  listApiKeys(): Promise<ApiKeyRecord[]> {
    return this.access.listApiKeys();
  }

  /** The key's secret is in the answer and nowhere else: it is kept only as a hash. */
  async createApiKey(body: unknown, by: string): Promise<ApiKeyRecord & { key: string }> {
    const request = parseOrThrow(apiKeySchema, body);
    await this.checkOrganisation(request.organisation);
    const secret = randomBytes(32).toString('base64url');
    const record = await this.access.addApiKey({ ...request, secretSha256: sha256Hex(secret), createdBy: by }, this.clock.now());
    return { ...record, key: apiKeyText(record.id, secret) };
  }

  async revokeApiKey(keyId: string): Promise<void> {
    if (!isUuid(keyId) || !(await this.access.revokeApiKey(keyId, this.clock.now()))) throw ApplicationError.notFound(`no live API key ${keyId}`);
  }

  private async checkOrganisation(organisation: string): Promise<void> {
    if (organisation === EVERY_ORGANISATION) return;
    if ((await this.organisations.find(organisation)) === null) {
      throw new ApplicationError(ApplicationErrorCode.Unprocessable, `no organisation ${organisation}`, [{ field: 'organisation', reason: `names no organisation` }]);
    }
  }
}
