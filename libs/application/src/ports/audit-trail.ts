/** One change made through the API: who, when, what was asked, and the record before and after. */
export interface AuditEvent {
  id: string;
  at: string;
  actor: string;
  /** How the actor was known: a bearer token, an API key, or the signed link in a message sent to them. */
  via: 'token' | 'api-key' | 'signed-link';
  /** Carried by the request's `x-request-id`, to find its log lines and the work it started. */
  requestId: string;
  /** The route, as `PUT /programmes/:programmeId/monthly-updates/:month`. */
  action: string;
  /** The path asked for, as `/programmes/<id>/monthly-updates/2026-10`. */
  target: string;
  programmeId: string | null;
  request: unknown;
  before: unknown;
  after: unknown;
}

export type NewAuditEvent = Omit<AuditEvent, 'id' | 'at'>;

/** Append-only: nothing here, nor any database role the apps hold, alters or removes an event. */
export abstract class AuditTrail {
  abstract append(event: NewAuditEvent, at: Date): Promise<void>;
  /** A programme's events, oldest first. */
  abstract ofProgramme(programmeId: string): Promise<AuditEvent[]>;
}
