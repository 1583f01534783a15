export { loggingModule, withoutEmails } from './logging';
export { currentRequestId, requestIdFrom, requestIdMiddleware, withRequestId } from './request-context';
