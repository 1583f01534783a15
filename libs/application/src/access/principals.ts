import { createHash, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AccessRepository } from '../ports/access.repository';
import { EVERY_ORGANISATION } from './access-policy';
import type { Principal } from './access-policy';

/** The people who are admins at every organisation by configuration: how a new installation is first administered. */
export class AccessSettings {
  constructor(readonly adminEmails: readonly string[]) {}
}

/** An API key as shown once to its creator: `pmo_<key id>_<secret>`. */
const API_KEY_PATTERN = /^pmo_([0-9a-f-]{36})_([A-Za-z0-9_-]{43})$/;

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function apiKeyText(keyId: string, secret: string): string {
  return `pmo_${keyId}_${secret}`;
}

/** Turns a verified identity or a presented API key into a principal with its live grants. */
@Injectable()
export class Principals {
  constructor(
    private readonly access: AccessRepository,
    private readonly settings: AccessSettings,
  ) {}

  async person(email: string): Promise<Principal> {
    const subject = email.toLowerCase();
    const grants = await this.access.grantsOf(subject);
    const configuredAdmin = this.settings.adminEmails.includes(subject) ? [{ role: 'admin' as const, organisation: EVERY_ORGANISATION }] : [];
    return { subject, via: 'token', grants: [...configuredAdmin, ...grants] };
  }

  /** The key's principal, or null for a key that is malformed, unknown, revoked or wrong. */
  async apiKey(presented: string): Promise<Principal | null> {
    const match = API_KEY_PATTERN.exec(presented);
    if (match === null) return null;
    const key = await this.access.liveApiKey(match[1]);
    if (key === null) return null;
    const presentedHash = Buffer.from(sha256Hex(match[2]), 'hex');
    if (!timingSafeEqual(presentedHash, Buffer.from(key.secretSha256, 'hex'))) return null;
    return { subject: `api-key:${key.name}`, via: 'api-key', grants: [{ role: key.role, organisation: key.organisation }] };
  }
}
