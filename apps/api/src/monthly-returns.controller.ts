import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { GetMonthlyReturnUseCase, parseOrThrow, SignOffMonthlyReturnUseCase } from '@pmo/application';
import type { MonthlyReturnView, ReturnFormat, StoredReturn } from '@pmo/application';
import { MonthlyReturnService } from '@pmo/reporting';
import { CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE } from './workbook-downloads';
import { Access } from './access/access.decorators';
import type { AuthenticatedRequest } from './access/access.guard';

const formatSchema = z.enum(['csv', 'xlsx'], { message: 'must be csv or xlsx' });
export const correctionSchema = z.object({ reason: z.string().trim().min(1, 'must say why the return is corrected').max(2000) });
const MEDIA_TYPES: Record<ReturnFormat, string> = { csv: CSV_MEDIA_TYPE, xlsx: XLSX_MEDIA_TYPE };

/** The NHS England monthly return: its versions, their files, their sign-off and their corrections. */
@Controller('returns/:period')
export class MonthlyReturnsController {
  constructor(
    private readonly returns: GetMonthlyReturnUseCase,
    private readonly signOff: SignOffMonthlyReturnUseCase,
    private readonly service: MonthlyReturnService,
  ) {}

  @Get()
  @Access('read-return', 'every-organisation')
  view(@Param('period') period: string): Promise<MonthlyReturnView> {
    return this.returns.execute(period);
  }

  @Get('versions/:version/:format')
  @Access('read-return', 'every-organisation')
  download(@Param('period') period: string, @Param('version') version: string, @Param('format') format: string, @Res() response: Response): Promise<void> {
    return sendReturnFile(this.returns, period, version, format, response);
  }

  /** One step of sign-off, `{ "step": "review" | "approve" | "submit" }`, by the person signed in. */
  @Post('versions/:version/sign-off')
  @Access('sign-off-return', 'every-organisation')
  @HttpCode(200)
  sign(@Param('period') period: string, @Param('version') version: string, @Body() body: unknown, @Req() request: AuthenticatedRequest): Promise<StoredReturn> {
    return this.signOff.execute(period, version, body, request.principal.via === 'token' ? request.principal.subject : null);
  }

  /** A correction: the next version, built from the record as it is now. */
  @Post('corrections')
  @Access('sign-off-return', 'every-organisation')
  correct(@Param('period') period: string, @Body() body: unknown): Promise<StoredReturn> {
    return this.service.correct(period, parseOrThrow(correctionSchema, body).reason);
  }
}

/** One version of a return as the file NHS England takes, for the API and the web pages alike. */
export async function sendReturnFile(returns: GetMonthlyReturnUseCase, period: string, version: string, format: string, response: Response): Promise<void> {
  const chosen = parseOrThrow(formatSchema, format);
  const { record, content } = await returns.file(period, version, chosen);
  response
    .type(MEDIA_TYPES[chosen])
    .setHeader('x-return-status', record.status)
    .attachment(`nhse-monthly-return-${record.period}-v${record.version}.${chosen}`)
    .send(content);
}
