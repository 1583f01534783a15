import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EscalationInput } from '@pmo/contracts';
import { ApplicationError, ApplicationErrorCode } from '../application.error';
import { Clock } from '../ports/clock';

/** Where the API is reached from a message, and the key its links are signed with (none: no links). */
export abstract class LinkSettings {
  abstract readonly publicUrl: string;
  abstract readonly signingSecret: string | null;
}

/** A link stays good for a month: long enough for any ladder, short enough not to live forever in a mailbox. */
const LINK_LIFETIME_MS = 31 * 24 * 3600 * 1000;

interface LinkClaims {
  programmeId: string;
  milestoneId: string;
  recipient: string;
  expiresAt: number;
}

/**
 * The signed link in an escalation that acknowledges it in one click: the cause, the recipient and an
 * expiry, with an HMAC-SHA256 over them, so a link cannot be forged or pointed at another cause.
 */
@Injectable()
export class AcknowledgementLinks {
  constructor(
    private readonly settings: LinkSettings,
    private readonly clock: Clock,
  ) {}

  linkFor(cause: EscalationInput, recipient: string): string | null {
    if (this.settings.signingSecret === null) return null;
    const claims: LinkClaims = { programmeId: cause.programmeId, milestoneId: cause.milestoneId, recipient, expiresAt: this.clock.now().getTime() + LINK_LIFETIME_MS };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${this.settings.publicUrl.replace(/\/$/, '')}/escalations/acknowledge?token=${payload}.${this.sign(payload, this.settings.signingSecret)}`;
  }

  /** The cause and recipient a token names; refused (422) when it is forged, altered or expired. */
  verify(token: string): { cause: EscalationInput; recipient: string } {
    const refused = new ApplicationError(ApplicationErrorCode.Unprocessable, 'the acknowledgement link is not valid or has expired', [{ field: 'token', reason: 'not a valid, unexpired link' }]);
    const [payload, signature] = token.split('.');
    if (this.settings.signingSecret === null || payload === undefined || signature === undefined) throw refused;
    const expected = Buffer.from(this.sign(payload, this.settings.signingSecret));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw refused;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as LinkClaims;
    if (claims.expiresAt < this.clock.now().getTime()) throw refused;
    return { cause: { programmeId: claims.programmeId, milestoneId: claims.milestoneId }, recipient: claims.recipient };
  }

  private sign(payload: string, secret: string): string {
    return createHmac('sha256', secret).update(payload).digest('base64url');
  }
}
