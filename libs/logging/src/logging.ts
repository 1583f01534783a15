import type { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { stdTimeFunctions } from 'pino';
import { currentRequestId } from './request-context';

/** Email addresses are personal data: logs name a person by nothing else, so they are masked in every line. */
const EMAIL = /[\w.+'-]+@[\w-]+(\.[\w-]+)+/g;

export function withoutEmails(text: string): string {
  return text.replace(EMAIL, '<email>');
}

/**
 * Structured JSON logs (pino) for an app: one line per event, ISO timestamps, the app's name, and the id
 * of the request the work belongs to (see request-context), in the API and in the workflows' activities and
 * jobs it led to. Email addresses are masked in messages and URLs; headers, bodies and credentials are never logged.
 */
export function loggingModule(app: string, level: string): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      name: app,
      level,
      timestamp: stdTimeFunctions.isoTime,
      // requestIdMiddleware has given the request its id already.
      genReqId: (request) => String(request.id),
      mixin: () => {
        const requestId = currentRequestId();
        return requestId === undefined ? {} : { requestId };
      },
      serializers: {
        req: (request: { id: string; method: string; url: string }) => ({ id: request.id, method: request.method, url: withoutEmails(request.url) }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      },
      customLogLevel: (_request, response, error) => (error !== undefined || response.statusCode >= 500 ? 'error' : 'info'),
      // Probes come every few seconds from the platform: their lines would drown the rest.
      autoLogging: { ignore: (request) => request.url?.startsWith('/health') ?? false },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? withoutEmails(arg) : arg)) as Parameters<typeof method>);
        },
      },
    },
  });
}
