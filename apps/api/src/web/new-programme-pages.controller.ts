import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { InstantiateTemplateCommand, InstantiateTemplateUseCase, ProgrammeTemplates } from '@pmo/application';
import { Access } from '../access/access.decorators';
import type { AuthenticatedRequest } from '../access/access.guard';
import { dateInputValue, dayOf, FormRejected, rejected, textField } from './web-forms';
import type { DateInputValue, FormProblem } from './web-forms';
import { layoutContext } from './web-layout';
import { WebPages } from './web-page';
import { redirectDone } from './web-session';
import { WebViews } from './web-views';

type Form = Record<string, unknown>;

interface NewProgrammeValues {
  templateId: string;
  organisation: string;
  leadEmail: string;
  name: string;
  startDate: DateInputValue;
}

const FIELDS = {
  templateId: { id: 'templateId', label: 'The template' },
  organisation: { id: 'organisation', label: 'The organisation' },
  leadEmail: { id: 'leadEmail', label: 'The programme lead' },
  name: { id: 'name', label: 'The name' },
  startDate: { id: 'startDate-day', label: 'The start date' },
};

/** A new programme from a shipped template: chosen, moved to its start, seen before it is saved, then saved. */
@Controller('app/new-programme')
@WebPages()
export class NewProgrammePagesController {
  constructor(
    private readonly views: WebViews,
    private readonly templates: ProgrammeTemplates,
    private readonly instantiate: InstantiateTemplateUseCase,
  ) {}

  @Get()
  @Access('manage-programme', 'new-programme')
  form(@Req() request: AuthenticatedRequest, @Res() response: Response): void {
    const values: NewProgrammeValues = { templateId: '', organisation: '', leadEmail: '', name: '', startDate: { day: '', month: '', year: '' } };
    response.send(this.views.render('new-programme.njk', { ...layoutContext(request, response, 'programmes'), ...this.context(), values }));
  }

  /** Nothing is saved: the plan as it would be, with the form's values carried to the button that saves it. */
  @Post('preview')
  @Access('manage-programme', 'new-programme')
  async preview(@Body() body: Form, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const { values, result: programme } = await this.attempt(body, (command) => this.instantiate.preview(command));
    response.send(this.views.render('new-programme-preview.njk', { ...layoutContext(request, response, 'programmes'), ...this.context(), title: 'Check the plan', values, programme }));
  }

  @Post()
  @Access('manage-programme', 'new-programme')
  async create(@Body() body: Form, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const { result: created } = await this.attempt(body, (command) => this.instantiate.execute(command));
    redirectDone(request, response, `/app/programmes/${created.id}`, `${created.name} is created`);
  }

  /** The form's values put to the use case; its refusal comes back as the form with its problems. */
  private async attempt<Result>(body: Form, work: (command: InstantiateTemplateCommand) => Promise<Result>): Promise<{ values: NewProgrammeValues; result: Result }> {
    const values = valuesOf(body);
    const command = this.command(values);
    try {
      return { values, result: await work(command) };
    } catch (error) {
      throw rejected(error, this.reject(values), FIELDS, FIELDS.templateId);
    }
  }

  /** The form's values as the use case's command; what the form itself must say (a date that is not real) first. */
  private command(values: NewProgrammeValues): InstantiateTemplateCommand {
    const blank = values.startDate.day === '' && values.startDate.month === '' && values.startDate.year === '';
    const start = blank ? null : dayOf(values.startDate, 'the start date');
    const problems: FormProblem[] = [];
    if (values.templateId === '') problems.push({ field: FIELDS.templateId.id, text: 'Select a template' });
    if (start !== null && 'problem' in start) problems.push({ field: FIELDS.startDate.id, text: start.problem });
    if (problems.length > 0) throw this.reject(values)(problems);
    try {
      return InstantiateTemplateCommand.from({
        templateId: values.templateId,
        organisation: values.organisation.toUpperCase(),
        leadEmail: values.leadEmail,
        ...(values.name === '' ? {} : { name: values.name }),
        ...(start === null || 'problem' in start ? {} : { startDate: start.day }),
      });
    } catch (error) {
      throw rejected(error, this.reject(values), FIELDS, FIELDS.templateId);
    }
  }

  private reject(values: NewProgrammeValues) {
    return (problems: FormProblem[]) => new FormRejected('new-programme.njk', { ...this.context(), values }, problems);
  }

  private context() {
    return { title: 'New programme', templates: this.templates.list(), back: { href: '/app/programmes', text: 'All programmes' } };
  }
}

function valuesOf(body: Form): NewProgrammeValues {
  return {
    templateId: textField(body, 'templateId'),
    organisation: textField(body, 'organisation'),
    leadEmail: textField(body, 'leadEmail'),
    name: textField(body, 'name'),
    startDate: dateInputValue(body, 'startDate'),
  };
}
