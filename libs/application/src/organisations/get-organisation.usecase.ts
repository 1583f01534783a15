import { Injectable } from '@nestjs/common';
import { ApplicationError } from '../application.error';
import { OrganisationRepository } from '../ports/organisation.repository';
import type { Organisation, PopulationRecord } from '../ports/organisation.repository';

export interface OrganisationView extends Organisation {
  children: Organisation[];
  /** A practice's list sizes as each extract counted them, oldest first; none for other organisations. */
  listSizes: Omit<PopulationRecord, 'odsCode'>[];
}

/** An organisation as the record holds it: its children, and a practice's list-size history. */
@Injectable()
export class GetOrganisationUseCase {
  constructor(private readonly organisations: OrganisationRepository) {}

  async execute(odsCode: string): Promise<OrganisationView> {
    const organisation = await this.organisations.find(odsCode);
    if (organisation === null) throw ApplicationError.notFound(`no organisation ${odsCode}`);
    const [children, history] = await Promise.all([this.organisations.children(odsCode), this.organisations.populationHistory(odsCode)]);
    return { ...organisation, children, listSizes: history.map(({ asAt, registeredListSize, weightedPopulation }) => ({ asAt, registeredListSize, weightedPopulation })) };
  }
}
