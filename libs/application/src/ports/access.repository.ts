import type { Grant } from '../access/access-policy';

/** A role given to a person (by the email their token names) at an organisation, until revoked. */
export interface GrantRecord extends Grant {
  id: string;
  email: string;
  grantedBy: string;
  grantedAt: string;
  revokedAt: string | null;
}

/** An automation's key: its secret is shown once and kept only as a SHA-256. */
export interface ApiKeyRecord extends Grant {
  id: string;
  name: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
}

export abstract class AccessRepository {
  /** The live grants of a person. */
  abstract grantsOf(email: string): Promise<Grant[]>;
  abstract listGrants(): Promise<GrantRecord[]>;
  abstract addGrant(grant: Grant & { email: string; grantedBy: string }, at: Date): Promise<GrantRecord>;
  /** Answers false when there is no such live grant. */
  abstract revokeGrant(grantId: string, at: Date): Promise<boolean>;
  abstract listApiKeys(): Promise<ApiKeyRecord[]>;
  abstract addApiKey(key: Grant & { name: string; secretSha256: string; createdBy: string }, at: Date): Promise<ApiKeyRecord>;
  /** A live key with its secret's hash, or null. */
  abstract liveApiKey(keyId: string): Promise<(ApiKeyRecord & { secretSha256: string }) | null>;
  abstract revokeApiKey(keyId: string, at: Date): Promise<boolean>;
}
