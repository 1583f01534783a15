import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApplicationError, ApplicationErrorCode } from '@pmo/application';
import type { FieldProblem } from '@pmo/application';

/** RFC 9457 problem details: the one error shape of the API. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: FieldProblem[];
}

const STATUS_BY_CODE: Record<ApplicationErrorCode, number> = {
  [ApplicationErrorCode.ValidationFailed]: HttpStatus.BAD_REQUEST,
  [ApplicationErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ApplicationErrorCode.Conflict]: HttpStatus.CONFLICT,
  [ApplicationErrorCode.Unprocessable]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ApplicationErrorCode.DependencyUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [ApplicationErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [ApplicationErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
};

const CODE_BY_HTTP_STATUS: Record<number, string> = {
  400: 'bad-request',
  404: 'not-found',
  405: 'method-not-allowed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
};

/** Errors raised by express's body parser carry a `type` and a `status`. */
interface BodyParserError {
  type: string;
  status: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && typeof (error as BodyParserError).type === 'string' && typeof (error as BodyParserError).status === 'number';
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const problem = problemOf(error, request, this.logger);
    const response = http.getResponse<Response>();
    if (problem.status === HttpStatus.UNAUTHORIZED) response.setHeader('WWW-Authenticate', 'Bearer');
    response.status(problem.status).type('application/problem+json').json(problem);
  }
}

/** The problem an error is to its caller, logged when it is the engine's fault: the API's and the web pages' one mapping. */
export function problemOf(error: unknown, request: Request, logger: Logger): ProblemDetails {
  const problem = toProblem(error, request.originalUrl);
  // A service away (503) is a state the caller is told of, not a fault of this code: no stack for it.
  if (problem.status === HttpStatus.SERVICE_UNAVAILABLE) logger.warn(`${request.method} ${request.originalUrl}: ${problem.detail}`);
  else if (problem.status >= 500) logger.error(`${request.method} ${request.originalUrl}: ${problem.detail}`, (error as Error).stack);
  return problem;
}

function toProblem(error: unknown, instance: string): ProblemDetails {
  if (error instanceof ApplicationError) {
    const status = STATUS_BY_CODE[error.code];
    return {
      ...problem(error.code, status, error.message, instance),
      ...(error.fieldProblems.length > 0 ? { errors: error.fieldProblems } : {}),
    };
  }
  if (error instanceof HttpException) {
    // Nest wraps express's body-parser errors in an HttpException, keeping the original as the cause.
    if (isBodyParserError(error.cause) && error.cause.type === 'entity.parse.failed') {
      return { ...problem('validation-failed', 400, 'the body is not valid JSON', instance), errors: [{ field: '(body)', reason: 'is not valid JSON' }] };
    }
    const status = error.getStatus();
    return problem(CODE_BY_HTTP_STATUS[status] ?? 'http-error', status, error.message, instance);
  }
  return problem('internal-error', 500, 'an internal error occurred; it has been logged', instance);
}

function problem(code: string, status: number, detail: string, instance: string): ProblemDetails {
  return { type: `urn:nhs-pmo:problem:${code}`, title: code.replace(/-/g, ' '), status, detail, instance };
}
