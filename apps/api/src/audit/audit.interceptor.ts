import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { from, lastValueFrom } from 'rxjs';
import type { Observable } from 'rxjs';
import { AuditTrail, Clock, isUuid, ProgrammeRepository } from '@pmo/application';
import type { AuthenticatedRequest } from '../access/access.guard';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Answer fields never kept: an API key's secret is shown once, to its creator. */
const SECRET_FIELDS = new Set(['key']);

const fileSummary = (content: Buffer | string) => ({ bytes: Buffer.byteLength(content), sha256: createHash('sha256').update(content).digest('hex') });

/** What was asked: JSON as sent; a file, sent alone or uploaded in a form, by its size and SHA-256, not its content. */
function requestOf(request: AuthenticatedRequest): unknown {
  const body: unknown = request.body;
  if (Buffer.isBuffer(body) || typeof body === 'string') return fileSummary(body);
  const uploaded = (request.files ?? {}) as Record<string, Express.Multer.File[]>;
  if (Object.keys(uploaded).length === 0) return body ?? null;
  const files = Object.fromEntries(Object.entries(uploaded).map(([field, list]) => [field, list.map((file) => ({ name: file.originalname, ...fileSummary(file.buffer) }))]));
  return { ...(body as Record<string, unknown> | undefined), files };
}

function withoutSecrets(answer: unknown): unknown {
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) return answer ?? null;
  return Object.fromEntries(Object.entries(answer).filter(([field]) => !SECRET_FIELDS.has(field)));
}

/**
 * Appends an audit event for every change a signed-in caller makes through the API, once it has been
 * made: who, when, the route and what was asked, and the record before and after (the whole programme
 * plan for a programme's routes; the answer for others). Refused and failed requests change nothing and
 * leave no event. The event keeps the request's id, which its log lines carry.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly audit: AuditTrail,
    private readonly programmes: ProgrammeRepository,
    private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!WRITES.has(request.method) || request.principal === undefined) return next.handle();
    // The id the request's log lines carry (see loggingModule), so an event leads to them.
    return from(this.audited(request, String(request.id), next));
  }

  private async audited(request: AuthenticatedRequest, requestId: string, next: CallHandler): Promise<unknown> {
    const routeProgrammeId = typeof request.params.programmeId === 'string' && isUuid(request.params.programmeId) ? request.params.programmeId : null;
    const before = routeProgrammeId === null ? null : await this.programmes.loadPlan(routeProgrammeId);
    const answer = await lastValueFrom(next.handle(), { defaultValue: undefined });
    // A new programme is known by the answer's id.
    const programmeId = routeProgrammeId ?? (request.route?.path === '/programmes' || request.route?.path === '/programmes/from-template' ? (answer as { id: string }).id : null);
    await this.audit.append(
      {
        actor: request.principal.subject,
        via: request.principal.via,
        requestId,
        action: `${request.method} ${request.route?.path ?? request.path}`,
        target: request.originalUrl,
        programmeId,
        request: requestOf(request),
        before,
        after: programmeId === null ? withoutSecrets(answer) : await this.programmes.loadPlan(programmeId),
      },
      this.clock.now(),
    );
    return answer;
  }
}
