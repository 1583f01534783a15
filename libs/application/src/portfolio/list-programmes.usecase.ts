import { Injectable } from '@nestjs/common';
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
