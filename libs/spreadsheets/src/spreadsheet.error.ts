/** A file that cannot be read as a spreadsheet at all; what is wrong inside one is a list of problems instead. */
export class SpreadsheetError extends Error {
  readonly code = 'unreadable-file';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SpreadsheetError';
  }

  static unreadable(what: string, cause: unknown): SpreadsheetError {
    return new SpreadsheetError(`${what} cannot be read: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
