/** What went wrong, in terms any caller (HTTP, worker, notifier) can map to its own protocol. */
export enum ApplicationErrorCode {
  ValidationFailed = 'validation-failed',
  NotFound = 'not-found',
  Conflict = 'conflict',
  Unprocessable = 'unprocessable',
  DependencyUnavailable = 'dependency-unavailable',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
}

/**
 * One bad input field: its path in the request (`milestones.1.dueAt`) and why it was refused.
 * Problems found in a spreadsheet also say where: the sheet, the row (1 is the header) and the column;
 * in a published data file, the file and the line (the field is then the publisher's column).
 */
export interface FieldProblem {
  field: string;
  reason: string;
  sheet?: string;
  row?: number;
  column?: string;
  file?: string;
  line?: number;
}

export class ApplicationError extends Error {
  constructor(
    readonly code: ApplicationErrorCode,
    message: string,
    readonly fieldProblems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApplicationError';
  }

  static validationFailed(problems: FieldProblem[]): ApplicationError {
    return new ApplicationError(ApplicationErrorCode.ValidationFailed, 'the request has invalid fields', problems);
  }

  static notFound(message: string): ApplicationError {
    return new ApplicationError(ApplicationErrorCode.NotFound, message);
  }
}
