import type { NextFunction, Request, Response } from 'express';
import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import multer from 'multer';
import { ApplicationError } from '@pmo/application';
import type { PublishedOrganisationFiles } from '@pmo/application';
import { sessionTokenOf } from './web/web-session';

/** The form fields an organisation import's files come in, and how many of each. */
export const PUBLISHED_FILE_FIELDS = { practices: 1, commissioners: 1, pcnMembers: 1, registeredPatients: 12, weighted: 1 } as const satisfies Record<keyof PublishedOrganisationFiles, number>;

/** The form field a programme's workbook comes in by, from the page's form: one XLSX file, or one CSV sheet. */
export const WORKBOOK_FILE_FIELD = 'workbook';

const MAX_FILE_BYTES = 10 * 1024 * 1024;

type Middleware = (request: Request, response: Response, next: NextFunction) => void;

/**
 * A multipart upload of the named file fields, parsed before the guards so that a page's CSRF token is read from it,
 * but only for a request that carries credentials.
 * Multer's refusals become problems like the body parser's: 413 for a file over 10 MB, 400 for anything else.
 */
function credentialedUpload(files: Record<string, number>, textFields: number): Middleware {
  const totalFiles = Object.values(files).reduce((sum, most) => sum + most, 0);
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_FILE_BYTES, files: totalFiles, fields: textFields, fieldSize: 1024, parts: totalFiles + textFields },
  }).fields(Object.entries(files).map(([name, maxCount]) => ({ name, maxCount })));
  return (request, response, next) => {
    // Nobody holds up to 160 MB of this process without at least presenting credentials; the guard then refuses the rest.
    if (request.header('authorization') === undefined && request.header('x-api-key') === undefined && sessionTokenOf(request) === undefined) return next();
    upload(request, response, (error?: unknown) => {
      if (error === undefined || error === null) return next();
      const reason = error instanceof multer.MulterError ? `${error.message}${error.field === undefined ? '' : ` (${error.field})`}` : 'the upload could not be read as multipart/form-data';
      next(error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE' ? new PayloadTooLargeException(reason) : new BadRequestException(reason));
    });
  };
}

/** The published NHS files of an organisation import, with a page's CSRF token beside them. */
export const publishedFilesUpload = credentialedUpload(PUBLISHED_FILE_FIELDS, 4);

/** A programme's workbook from the page's form, with the sheet a CSV file stands for and the CSRF token. */
export const workbookUpload = credentialedUpload({ [WORKBOOK_FILE_FIELD]: 1 }, 4);

/** The one file of a workbook upload, with its name as the person's computer gave it; null when none was chosen. */
export function workbookFileOf(request: Request): { name: string; content: Buffer } | null {
  const [file] = ((request.files ?? {}) as Record<string, Express.Multer.File[] | undefined>)[WORKBOOK_FILE_FIELD] ?? [];
  return file === undefined || file.size === 0 ? null : { name: fileName(file.originalname), content: file.buffer };
}

/** The uploaded files as the import reads them; a missing required file or a body that is no upload is a 400 naming the field. */
export function publishedFilesOf(request: Request): PublishedOrganisationFiles {
  const uploaded = (request.files ?? {}) as Partial<Record<keyof PublishedOrganisationFiles, Express.Multer.File[]>>;
  if (!request.is('multipart/form-data')) {
    throw ApplicationError.validationFailed([{ field: '(body)', reason: `must be multipart/form-data, with the files as ${Object.keys(PUBLISHED_FILE_FIELDS).join(', ')}` }]);
  }
  const missing = (['practices', 'commissioners'] as const).filter((field) => uploaded[field] === undefined);
  if (missing.length > 0) throw ApplicationError.validationFailed(missing.map((field) => ({ field, reason: `is needed: ${field === 'practices' ? 'ODS’s epraccur.csv' : 'ODS’s eccg.csv'}` })));
  const named = (file: Express.Multer.File, field: string) => ({ name: fileName(file.originalname) || field, text: file.buffer.toString('utf8') });
  const one = (field: keyof PublishedOrganisationFiles) => {
    const [file] = uploaded[field] ?? [];
    return file === undefined ? null : named(file, field);
  };
  return {
    practices: named((uploaded.practices ?? [])[0], 'practices'),
    commissioners: named((uploaded.commissioners ?? [])[0], 'commissioners'),
    pcnMembers: one('pcnMembers'),
    registeredPatients: (uploaded.registeredPatients ?? []).map((file) => named(file, 'registeredPatients')),
    weighted: one('weighted'),
  };
}

/** A file's name as the person's computer gave it, safe to show and keep: its last part, plain characters, 100 at most. */
function fileName(original: string): string {
  return (original.split(/[\\/]/).pop() ?? '').replace(/[^\w .()-]+/g, '_').slice(0, 100);
}
