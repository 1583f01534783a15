import { randomUUID } from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The id of the request a piece of work belongs to, carried from the API's request into the workflows it
 * starts or signals (a Temporal header), their activities, and the jobs those enqueue, so that every log
 * line and audit event of one request can be found by it.
 */
const storage = new AsyncLocalStorage<string>();

export function currentRequestId(): string | undefined {
  return storage.getStore();
}

export function withRequestId<T>(requestId: string | undefined, work: () => T): T {
  return requestId === undefined ? work() : storage.run(requestId, work);
}

/** A caller's id is kept when it looks like one; otherwise, or without one, the request gets a new one. */
export function requestIdFrom(given: unknown): string {
  return typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
}

/** Express middleware: the request's id on the request, on the response, and around everything that serves it. */
export function requestIdMiddleware(
  request: { headers: Record<string, unknown>; id?: unknown },
  response: { setHeader(name: string, value: string): unknown },
  next: () => void,
): void {
  const id = requestIdFrom(request.headers['x-request-id']);
  request.id = id;
  response.setHeader('x-request-id', id);
  withRequestId(id, next);
}
