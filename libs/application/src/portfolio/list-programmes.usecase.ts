import { Injectable } from '@nestjs/common';
import { DELIVERY_CONFIDENCE_LEVELS, severity } from '@pmo/domain';
import type { DeliveryConfidence, DirectionOfTravel, MilestoneStatus, RagStatus } from '@pmo/domain';
import { z } from 'zod';
import { organisationsWhere } from '../access/access-policy';
import type { Principal } from '../access/access-policy';
import { ProgrammeRepository } from '../ports/programme.repository';
import type { ProgrammeSummary } from '../ports/programme.repository';
import { GPFV_AREAS, odsCodeSchema } from '../programme-definition/programme-definition.schema';
import { ProgrammeStatusService } from '../programme-status/programme-status.service';
import type { ProgrammeView } from '../programme-view';
import { parseOrThrow } from '../validation';

const RAG = ['Red', 'Amber', 'Green'] as const satisfies readonly RagStatus[];

export const portfolioFilterSchema = z.strictObject({
  organisation: odsCodeSchema.optional(),
  gpfvArea: z.enum(GPFV_AREAS, { message: `must be one of ${GPFV_AREAS.join(', ')}` }).optional(),
  status: z.enum(RAG, { message: `must be one of ${RAG.join(', ')}` }).optional(),
});
export type PortfolioFilter = z.infer<typeof portfolioFilterSchema>;

export const PORTFOLIO_SORTS = ['name', 'organisation', 'status', 'confidence', 'next-milestone'] as const;
export type PortfolioSort = (typeof PORTFOLIO_SORTS)[number];
/** Programmes a page of the portfolio lists. */
export const PORTFOLIO_PAGE_SIZE = 50;

export const portfolioPageSchema = portfolioFilterSchema.extend({
  sort: z.enum(PORTFOLIO_SORTS, { message: `must be one of ${PORTFOLIO_SORTS.join(', ')}` }).default('name'),
  order: z.enum(['ascending', 'descending'], { message: 'must be ascending or descending' }).default('ascending'),
  page: z.coerce.number({ message: 'must be a page number' }).int('must be a whole page number').min(1, 'must be 1 or more').max(100_000).default(1),
});

/** One page of the portfolio in the order asked for, with how many programmes the filters keep in all. */
export interface PortfolioPage {
  entries: PortfolioEntry[];
  total: number;
  page: number;
  pages: number;
  sort: PortfolioSort;
  order: 'ascending' | 'descending';
  filter: PortfolioFilter;
}

/** One line of a portfolio: the programme's status now and the next thing it has to deliver. */
export interface PortfolioEntry extends ProgrammeSummary {
  status: RagStatus;
  deliveryConfidence: DeliveryConfidence;
  direction: DirectionOfTravel;
  nextMilestone: { ref: string; name: string; forecastDate: string; status: MilestoneStatus } | null;
}

/**
 * Every programme the principal may read, assessed now: the portfolio a PMO reviews and a lead
 * scans. Organisation and GPFV area filter before anything is assessed; status after.
 */
@Injectable()
export class ListProgrammesUseCase {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly status: ProgrammeStatusService,
  ) {}

  /** The programmes the principal may read, unfiltered: what the portfolio's filters offer. */
  visible(principal: Principal): Promise<ProgrammeSummary[]> {
    const within = organisationsWhere(principal, 'read-programme');
    return within !== 'every-organisation' && within.length === 0 ? Promise.resolve([]) : this.programmes.summaries(within);
  }

  async execute(principal: Principal, query: unknown): Promise<PortfolioEntry[]> {
    return this.assessed(await this.visible(principal), query);
  }

  /**
   * A page of those the filters keep, sorted: ascending puts the worst status and confidence first, and the soonest
   * milestone; ties go by name. Every kept programme is assessed (its kept status, mostly) so that the order is whole.
   */
  async page(visible: readonly ProgrammeSummary[], query: unknown): Promise<PortfolioPage> {
    const { sort, order, page, ...filter } = parseOrThrow(portfolioPageSchema, query ?? {});
    return { ...portfolioPageOf(await this.assessed(visible, filter), sort, order, page), filter };
  }

  /** Those of the visible programmes that the query's filters keep, assessed now: for a caller that has read them already. */
  async assessed(visible: readonly ProgrammeSummary[], query: unknown): Promise<PortfolioEntry[]> {
    const filter = parseOrThrow(portfolioFilterSchema, query ?? {});
    const chosen = visible.filter(
      (programme) =>
        (filter.organisation === undefined || programme.organisation?.odsCode === filter.organisation) &&
        (filter.gpfvArea === undefined || programme.gpfvArea === filter.gpfvArea),
    );
    // Each status as kept since its programme was last read, or worked out afresh and kept: the statuses of a
    // portfolio read again soon after cost one read of the programmes' heads.
    const views = new Map((await this.status.currentViews(chosen.map((programme) => programme.id))).map((view) => [view.id, view]));
    const entries = chosen.flatMap((summary) => {
      const view = views.get(summary.id);
      return view === undefined ? [] : [{ ...summary, ...entryOf(view) }];
    });
    return entries.filter((entry) => filter.status === undefined || entry.status === filter.status);
  }
}

/** The page asked for of the entries in the order asked for; a page past the last is the last. */
export function portfolioPageOf(entries: readonly PortfolioEntry[], sort: PortfolioSort, order: PortfolioPage['order'], page: number): Omit<PortfolioPage, 'filter'> {
  const sorted = [...entries].sort((a, b) => {
    const compared = SORTS[sort](a, b);
    return (order === 'ascending' ? compared : -compared) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  });
  const pages = Math.max(1, Math.ceil(sorted.length / PORTFOLIO_PAGE_SIZE));
  const current = Math.min(page, pages);
  return { entries: sorted.slice((current - 1) * PORTFOLIO_PAGE_SIZE, current * PORTFOLIO_PAGE_SIZE), total: sorted.length, page: current, pages, sort, order };
}

const CONFIDENCE_RANK = new Map(DELIVERY_CONFIDENCE_LEVELS.map((level, index) => [level, index]));

/** Each sort's ascending order: worst first for the statuses, soonest first for the next milestone, none last. */
const SORTS: Record<PortfolioSort, (a: PortfolioEntry, b: PortfolioEntry) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  organisation: (a, b) => (a.organisation?.name ?? '').localeCompare(b.organisation?.name ?? ''),
  status: (a, b) => severity(b.status) - severity(a.status),
  confidence: (a, b) => (CONFIDENCE_RANK.get(b.deliveryConfidence) ?? 0) - (CONFIDENCE_RANK.get(a.deliveryConfidence) ?? 0),
  'next-milestone': (a, b) => (a.nextMilestone?.forecastDate ?? '9999-12-31').localeCompare(b.nextMilestone?.forecastDate ?? '9999-12-31'),
};

/** The line's status and the next thing to deliver: the open milestone forecast soonest. */
function entryOf(view: ProgrammeView): Omit<PortfolioEntry, keyof ProgrammeSummary> {
  const next = view.milestones.filter((milestone) => milestone.completedAt === null).sort((a, b) => a.forecastDate.localeCompare(b.forecastDate))[0];
  return {
    status: view.status,
    deliveryConfidence: view.deliveryConfidence.value,
    direction: view.directionOfTravel.direction,
    nextMilestone: next === undefined ? null : { ref: next.ref, name: next.name, forecastDate: next.forecastDate, status: next.status },
  };
}
