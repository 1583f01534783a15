import { Injectable } from '@nestjs/common';
import { raidScore } from '@pmo/domain';
import { ApplicationError, ApplicationErrorCode } from '../application.error';
import { Clock } from '../ports/clock';
import { ProgrammeRepository } from '../ports/programme.repository';
import type { PlanFundingLine, PlanRaidItem } from '../ports/programme.repository';
import { fundingLineDefinitionSchema, raidDefinitionSchema } from '../programme-definition/programme-definition.schema';
import type { RaidDefinition } from '../programme-definition/programme-definition.schema';
import { parseOrThrow } from '../validation';
import { planOrNotFound } from './plan-or-not-found';

/**
 * The RAID log and the funding lines kept one entry at a time, by the same schema as a plan sent whole:
 * an entry given no ref takes the next free one (R07 after R06, F02 after F01), and a ref already held is refused.
 */
@Injectable()
export class RaidAndFundingUseCases {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly clock: Clock,
  ) {}

  async addRaidItem(programmeId: string, body: unknown): Promise<PlanRaidItem> {
    const plan = await planOrNotFound(this.programmes, programmeId);
    const item = raidItemOf(parseOrThrow(raidDefinitionSchema, withRef(body, nextRef('R', plan.raid))));
    const result = await this.programmes.saveRaidItem(plan.id, item, 'new', this.clock.now());
    if (result === 'ref-taken') throw refTaken('RAID item', item.ref);
    return item;
  }

  /** The whole item as it now stands, under the ref it already has: closing one is setting its status to closed. */
  async changeRaidItem(programmeId: string, ref: string, body: unknown): Promise<PlanRaidItem> {
    const plan = await planOrNotFound(this.programmes, programmeId);
    const item = raidItemOf(parseOrThrow(raidDefinitionSchema, typeof body === 'object' && body !== null ? { ...body, ref } : body));
    const result = await this.programmes.saveRaidItem(plan.id, item, 'existing', this.clock.now());
    if (result === 'not-found') throw ApplicationError.notFound(`no RAID item ${ref} in programme ${programmeId}`);
    return item;
  }

  async addFundingLine(programmeId: string, body: unknown): Promise<PlanFundingLine> {
    const plan = await planOrNotFound(this.programmes, programmeId);
    const line = parseOrThrow(fundingLineDefinitionSchema, withRef(body, nextRef('F', plan.funding)));
    const result = await this.programmes.addFundingLine(plan.id, line, this.clock.now());
    if (result === 'ref-taken') throw refTaken('funding line', line.ref);
    return line;
  }

}

/** The RAID log as people read it: open items first, the highest scoring first, each with its score out of 25. */
export function raidLog(items: readonly PlanRaidItem[]): (PlanRaidItem & { score: number | null })[] {
  return items
    .map((item) => ({ ...item, score: raidScore(item) }))
    .sort((a, b) => (a.status === b.status ? (b.score ?? 0) - (a.score ?? 0) || a.ref.localeCompare(b.ref) : a.status === 'open' ? -1 : 1));
}

/** The body with a ref of its own, or the next free one when it names none; anything else is left for the schema to refuse. */
function withRef(body: unknown, next: string): unknown {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && !('ref' in body) ? { ...body, ref: next } : body;
}

/** One past the highest of the prefix's numbered refs, two digits at least: R01, R02 … R10. */
export function nextRef(prefix: string, held: readonly { ref: string }[]): string {
  const numbers = held.map((entry) => new RegExp(`^${prefix}(\\d+)$`).exec(entry.ref)).map((match) => (match === null ? 0 : Number(match[1])));
  return `${prefix}${String(Math.max(0, ...numbers) + 1).padStart(2, '0')}`;
}

function raidItemOf(item: RaidDefinition): PlanRaidItem {
  return {
    ...item,
    description: item.description ?? null,
    ownerEmail: item.ownerEmail ?? null,
    likelihood: item.likelihood ?? null,
    impact: item.impact ?? null,
    mitigation: item.mitigation ?? null,
    reviewDate: item.reviewDate ?? null,
  };
}

function refTaken(what: string, ref: string): ApplicationError {
  return new ApplicationError(ApplicationErrorCode.Conflict, `the programme already has a ${what} ${ref}`, [{ field: 'ref', reason: `is already the ref of a ${what}: ${ref}` }]);
}
