import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessRepository, ApplicationError, ApplicationErrorCode } from '@pmo/application';
import type { ApiKeyRecord, Grant, GrantRecord, Role } from '@pmo/application';

interface GrantRow {
  id: string;
  email: string;
  role: Role;
  organisation: string;
  granted_by: string;
  granted_at: Date;
  revoked_at: Date | null;
}

interface ApiKeyRow {
  id: string;
  name: string;
  secret_sha256: string;
  role: Role;
  organisation: string;
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
}

const toGrant = (row: GrantRow): GrantRecord => ({
  id: row.id,
  email: row.email,
  role: row.role,
  organisation: row.organisation,
  grantedBy: row.granted_by,
  grantedAt: row.granted_at.toISOString(),
  revokedAt: row.revoked_at?.toISOString() ?? null,
});

const toApiKey = (row: ApiKeyRow): ApiKeyRecord => ({
  id: row.id,
  name: row.name,
  role: row.role,
  organisation: row.organisation,
  createdBy: row.created_by,
  createdAt: row.created_at.toISOString(),
  revokedAt: row.revoked_at?.toISOString() ?? null,
});

/** A second live grant or key under the same name meets a partial unique index and inserts nothing: a conflict. */
async function insertOrConflict<Row>(dataSource: DataSource, sql: string, parameters: unknown[], conflict: string): Promise<Row> {
  const [row] = (await dataSource.query(sql, parameters)) as Row[];
  if (row === undefined) throw new ApplicationError(ApplicationErrorCode.Conflict, conflict);
  return row;
}

@Injectable()
export class TypeormAccessRepository extends AccessRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async grantsOf(email: string): Promise<Grant[]> {
    return (await this.dataSource.query(`SELECT role, organisation FROM access_grants WHERE email = $1 AND revoked_at IS NULL ORDER BY granted_at`, [email])) as Grant[];
  }

  async listGrants(): Promise<GrantRecord[]> {
    return ((await this.dataSource.query(`SELECT * FROM access_grants ORDER BY granted_at, id`)) as GrantRow[]).map(toGrant);
  }

  async addGrant(grant: Grant & { email: string; grantedBy: string }, at: Date): Promise<GrantRecord> {
    const row = await insertOrConflict<GrantRow>(
      this.dataSource,
      `INSERT INTO access_grants (id, email, role, organisation, granted_by, granted_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (email, role, organisation) WHERE revoked_at IS NULL DO NOTHING RETURNING *`,
      [randomUUID(), grant.email, grant.role, grant.organisation, grant.grantedBy, at],
      `${grant.email} already holds ${grant.role} at ${grant.organisation}`,
    );
    return toGrant(row);
  }

  async revokeGrant(grantId: string, at: Date): Promise<boolean> {
    const [, affected] = (await this.dataSource.query(`UPDATE access_grants SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [grantId, at])) as [unknown, number];
    return affected === 1;
  }

  async listApiKeys(): Promise<ApiKeyRecord[]> {
    return ((await this.dataSource.query(`SELECT * FROM api_keys ORDER BY created_at, id`)) as ApiKeyRow[]).map(toApiKey);
  }

  async addApiKey(key: Grant & { name: string; secretSha256: string; createdBy: string }, at: Date): Promise<ApiKeyRecord> {
    const row = await insertOrConflict<ApiKeyRow>(
      this.dataSource,
      `INSERT INTO api_keys (id, name, secret_sha256, role, organisation, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (name) WHERE revoked_at IS NULL DO NOTHING RETURNING *`,
      [randomUUID(), key.name, key.secretSha256, key.role, key.organisation, key.createdBy, at],
      `a live API key is already named ${key.name}`,
    );
    return toApiKey(row);
  }

  async liveApiKey(keyId: string): Promise<(ApiKeyRecord & { secretSha256: string }) | null> {
    const [row] = (await this.dataSource.query(`SELECT * FROM api_keys WHERE id = $1 AND revoked_at IS NULL`, [keyId])) as ApiKeyRow[];
    return row === undefined ? null : { ...toApiKey(row), secretSha256: row.secret_sha256 };
  }

  async revokeApiKey(keyId: string, at: Date): Promise<boolean> {
    const [, affected] = (await this.dataSource.query(`UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [keyId, at])) as [unknown, number];
    return affected === 1;
  }
}
