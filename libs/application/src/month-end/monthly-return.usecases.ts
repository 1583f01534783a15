import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { cycleDays, SIGN_OFF_STEPS, signOffRefusal } from '@pmo/domain';
import type { SignOffStep } from '@pmo/domain';
import { ApplicationError, ApplicationErrorCode } from '../application.error';
import { Clock } from '../ports/clock';
import { MonthlyReturnRepository } from '../ports/monthly-return.repository';
import type { ReturnFormat, StoredReturn } from '../ports/monthly-return.repository';
import { monthSchema } from '../programme-definition/programme-definition.schema';
import { ProgrammeStatusService } from '../programme-status/programme-status.service';
import { parseOrThrow } from '../validation';
import { MonthEndSettings } from './month-end-settings';

/** A period's return: every version, the one NHS England last received, and the deadline it was due by. */
export interface MonthlyReturnView {
  period: string;
  /** The end of this London day is the deadline. */
  deadline: string;
  versions: StoredReturn[];
  /** The latest submitted version: what NHS England holds, whatever drafts came since. */
  lastSubmitted: StoredReturn | null;
}

const versionSchema = z.coerce.number().int('must be a whole version number').min(1, 'must be a version number from 1');

export const signOffSchema = z.object({
  step: z.enum(SIGN_OFF_STEPS as [SignOffStep, ...SignOffStep[]], { message: `must be one of ${SIGN_OFF_STEPS.join(', ')}` }),
  /** Optional: the person signed in signs; given, it must name them. */
  by: z.email('must be the email address of the person signing').optional(),
});

@Injectable()
export class GetMonthlyReturnUseCase {
  constructor(
    private readonly returns: MonthlyReturnRepository,
    private readonly status: ProgrammeStatusService,
    private readonly settings: MonthEndSettings,
  ) {}

  async execute(period: string): Promise<MonthlyReturnView> {
    const month = parseOrThrow(monthSchema, period, 'period');
    const versions = await this.returns.versions(month);
    if (versions.length === 0) throw ApplicationError.notFound(`no monthly return for ${month}: its month-end cycle has not run`);
    const submitted = versions.filter((version) => version.status === 'submitted');
    return {
      period: month,
      deadline: cycleDays(month, this.settings.rule, this.status.workingCalendar()).returnDeadline,
      versions,
      lastSubmitted: submitted[submitted.length - 1] ?? null,
    };
  }

  async file(period: string, version: string, format: ReturnFormat): Promise<{ record: StoredReturn; content: Buffer }> {
    const month = parseOrThrow(monthSchema, period, 'period');
    const found = await this.returns.file(month, parseOrThrow(versionSchema, version), format);
    if (found === null) throw ApplicationError.notFound(`no version ${version} of the monthly return for ${month}`);
    return found;
  }
}

/** Review, approval or submission of one version by a named person, in order, never twice. */
@Injectable()
export class SignOffMonthlyReturnUseCase {
  constructor(
    private readonly returns: MonthlyReturnRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * One step, signed by the person signed in (`signer`): who reviewed, approved and submitted is who was signed
   * in, so that the four-eyes rule cannot be met by naming someone else. An API key (no signer) cannot sign.
   */
  async execute(period: string, version: string, body: unknown, signer: string | null): Promise<StoredReturn> {
    const month = parseOrThrow(monthSchema, period, 'period');
    const number = parseOrThrow(versionSchema, version);
    const request = parseOrThrow(signOffSchema, body);
    if (signer === null) throw new ApplicationError(ApplicationErrorCode.Forbidden, 'a return is signed off by a person signed in, not by an API key');
    if (request.by !== undefined && request.by.toLowerCase() !== signer.toLowerCase()) {
      throw ApplicationError.validationFailed([{ field: 'by', reason: `must be you (${signer}): each step is signed by the person signed in` }]);
    }
    const { step } = request;
    const by = signer.toLowerCase();
    const result = await this.returns.signOff(month, number, step, by, this.clock.now(), (current) => signOffRefusal(current, step, by));
    if (result.outcome === 'not-found') throw ApplicationError.notFound(`no version ${number} of the monthly return for ${month}`);
    if (result.outcome === 'refused') throw new ApplicationError(ApplicationErrorCode.Conflict, `version ${number} of the ${month} return: ${result.reason}`);
    return result.record;
  }
}
