import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { AccessAdministrationUseCases } from '@pmo/application';
import type { ApiKeyRecord, GrantRecord } from '@pmo/application';
import { Access } from './access.decorators';
import type { AuthenticatedRequest } from './access.guard';

/** Who may do what where: roles granted to people, and API keys for automations. Admins only. */
@Controller('access')
export class AccessController {
  constructor(private readonly access: AccessAdministrationUseCases) {}

  @Get('grants')
  @Access('manage-access', 'every-organisation')
  grants(): Promise<GrantRecord[]> {
    return this.access.listGrants();
  }

  /** `{ email, role, organisation }`: an ODS code, or `*` for every organisation. */
  @Post('grants')
  @Access('manage-access', 'every-organisation')
  grant(@Body() body: unknown, @Req() request: AuthenticatedRequest): Promise<GrantRecord> {
    return this.access.grant(body, request.principal.subject);
  }

  @Delete('grants/:grantId')
  @HttpCode(204)
  @Access('manage-access', 'every-organisation')
  revokeGrant(@Param('grantId') grantId: string): Promise<void> {
    return this.access.revokeGrant(grantId);
  }

  @Get('api-keys')
  @Access('manage-access', 'every-organisation')
  apiKeys(): Promise<ApiKeyRecord[]> {
    return this.access.listApiKeys();
  }

  /** `{ name, role, organisation }`; the answer's `key` is the only copy of the secret: send it as `x-api-key`. */
  @Post('api-keys')
  @Access('manage-access', 'every-organisation')
  createApiKey(@Body() body: unknown, @Req() request: AuthenticatedRequest): Promise<ApiKeyRecord & { key: string }> {
    return this.access.createApiKey(body, request.principal.subject);
  }

  @Delete('api-keys/:keyId')
  @HttpCode(204)
  @Access('manage-access', 'every-organisation')
  revokeApiKey(@Param('keyId') keyId: string): Promise<void> {
    return this.access.revokeApiKey(keyId);
  }
}
