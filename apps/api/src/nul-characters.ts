import { Injectable } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ApplicationError } from '@pmo/application';

const REASON = 'must not hold the NUL character (U+0000), which no text in the engine can store';
/** Enough to show the sender what to mend without echoing a whole hostile body back. */
const MOST_PROBLEMS = 20;

/** A place in a request's parameters, query or body: its key, and the place that holds it. */
interface Place {
  key: string;
  within: Place | null;
}

/** A place named as the schemas name theirs (`milestones.2.name`); a body that is itself text is `(body)`. */
function fieldOf(place: Place | null): string {
  const keys: string[] = [];
  for (let at = place; at !== null; at = at.within) keys.push(at.key);
  return keys.length > 0 ? keys.reverse().join('.') : '(body)';
}

/**
 * The first `most` fields of a request's parameters, query or body whose key or text holds U+0000. Walked with a
 * stack of places rather than recursion or copied paths, and stopped at `most`, so that a body nested as
 * deep as its size limit allows costs time in proportion to its size and cannot overflow the stack.
 */
export function fieldsHoldingNul(value: unknown, most: number): string[] {
  const fields: string[] = [];
  const pending: { value: unknown; place: Place | null }[] = [{ value, place: null }];
  for (let next = pending.pop(); next !== undefined && fields.length < most; next = pending.pop()) {
    if (next.place?.key.includes('\u0000') === true || (typeof next.value === 'string' && next.value.includes('\u0000'))) {
      fields.push(fieldOf(next.place));
    } else if (typeof next.value === 'object' && next.value !== null && !Buffer.isBuffer(next.value)) {
      // Reversed, so that the fields come out in the order the object holds them.
      for (const [key, inner] of Object.entries(next.value).reverse()) pending.push({ value: inner, place: { key, within: next.place } });
    }
  }
  return fields;
}

/**
 * Refuses, before the access guard, the rate limit or any handler reads it, a request whose path
 * parameters, query or body hold U+0000: PostgreSQL's text and jsonb cannot store it, so it would
 * otherwise reach the database as a server error instead of the caller's mistake. A guard rather than a
 * middleware, so that the route's parameters are known by name and a web page's refusal is a page.
 */
@Injectable()
export class NulCharacterGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const fields = [request.params, request.query, request.body as unknown].flatMap((part) => fieldsHoldingNul(part, MOST_PROBLEMS)).slice(0, MOST_PROBLEMS);
    if (fields.length > 0) throw ApplicationError.validationFailed(fields.map((field) => ({ field, reason: REASON })));
    return true;
  }
}
