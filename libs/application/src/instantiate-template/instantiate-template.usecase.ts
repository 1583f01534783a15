import { Injectable } from '@nestjs/common';
import { ApplicationError } from '../application.error';
import { CreateProgrammeUseCase } from '../create-programme/create-programme.usecase';
import { Clock } from '../ports/clock';
import { OrganisationRepository } from '../ports/organisation.repository';
import { ProgrammeTemplates } from '../ports/programme-templates';
import type { ProgrammeTemplate } from '../ports/programme-templates';
import { newProgramme } from '../programme-definition/new-programme';
import type { NewProgramme } from '../programme-definition/new-programme';
import type { ProgrammeView } from '../programme-view';
import { InstantiateTemplateCommand } from './instantiate-template.command';
import { shiftPlan } from './shift-plan';

/**
 * A programme from a template, for an organisation, at the template's historical dates or moved to a
 * new start. Phase members outside the organisation are left out: a Dorset phase means nothing elsewhere.
 */
@Injectable()
export class InstantiateTemplateUseCase {
  constructor(
    private readonly templates: ProgrammeTemplates,
    private readonly organisations: OrganisationRepository,
    private readonly createProgramme: CreateProgrammeUseCase,
    private readonly clock: Clock,
  ) {}

  async execute(command: InstantiateTemplateCommand): Promise<ProgrammeView> {
    const { programme, template } = await this.prepare(command);
    return this.createProgramme.record({ ...programme, template: { id: template.id, version: template.version } });
  }

  /** The programme the command would make, every day already moved, nothing recorded: what a page shows before saving. */
  async preview(command: InstantiateTemplateCommand): Promise<NewProgramme> {
    const { programme } = await this.prepare(command);
    await this.createProgramme.check(programme);
    return programme;
  }

  private async prepare(command: InstantiateTemplateCommand): Promise<{ programme: NewProgramme; template: ProgrammeTemplate }> {
    const { templateId, startDate, name, ...people } = command.input;
    const template = this.templates.get(templateId);
    if (template === null) throw ApplicationError.notFound(`no template ${templateId}`);
    const shifted = startDate === undefined ? template.plan : shiftPlan(template.plan, startDate);
    const members = shifted.phases.flatMap((phase) => phase.members);
    const outside = new Set([...(await this.organisations.unknown(members)), ...(await this.organisations.outside(people.organisation, members))]);
    const plan = {
      ...shifted,
      name: name ?? shifted.name,
      phases: shifted.phases.map((phase) => ({ ...phase, members: phase.members.filter((member) => !outside.has(member)) })),
    };
    return { programme: newProgramme(plan, people, this.clock.now()), template };
  }
}
