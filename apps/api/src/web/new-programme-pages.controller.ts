import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CreateProgrammeCommand, CreateProgrammeUseCase, GPFV_AREAS, InstantiateTemplateCommand, InstantiateTemplateUseCase, ProgrammeTemplates } from '@pmo/application';
import { Access } from '../access/access.decorators';
import type { AuthenticatedRequest } from '../access/access.guard';
import { dateInputValue, dayOf, FormRejected, rejected, textField } from './web-forms';
import type { DateInputValue, FormField, FormProblem } from './web-forms';
import { layoutContext } from './web-layout';
import { WebPages } from './web-page';
import { redirectDone } from './web-session';
import { WebViews } from './web-views';

type Form = Record<string, unknown>;

interface BlankValues {
  name: string;
  organisation: string;
  gpfvArea: string;
  leadEmail: string;
  managerEmail: string;
  milestones: { name: string; baseline: DateInputValue }[];
}

const BLANK_PAGE = { title: 'Start a blank programme', areas: GPFV_AREAS, back: { href: '/app/programmes', text: 'All programmes' } };

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

/** A new programme from a shipped template (chosen, moved to its start, seen before it is saved, then saved), or blank. */
@Controller('app/new-programme')
@WebPages()
export class NewProgrammePagesController {
  constructor(
    private readonly views: WebViews,
    private readonly templates: ProgrammeTemplates,
    private readonly instantiate: InstantiateTemplateUseCase,
    private readonly createProgramme: CreateProgrammeUseCase,
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

  @Get('blank')
  @Access('manage-programme', 'new-programme')
  blankForm(@Req() request: AuthenticatedRequest, @Res() response: Response): void {
    const values: BlankValues = { name: '', organisation: '', gpfvArea: '', leadEmail: '', managerEmail: '', milestones: [0, 1].map(() => ({ name: '', baseline: { day: '', month: '', year: '' } })) };
    response.send(this.views.render('new-programme-blank.njk', { ...layoutContext(request, response, 'programmes'), ...BLANK_PAGE, values }));
  }

  /** A programme with no template: its people and its first two milestones, by the same command as POST /programmes; more milestones follow on its page. */
  @Post('blank')
  @Access('manage-programme', 'new-programme')
  async createBlank(@Body() body: Form, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const values: BlankValues = {
      name: textField(body, 'name'),
      organisation: textField(body, 'organisation').toUpperCase(),
      gpfvArea: textField(body, 'gpfvArea'),
      leadEmail: textField(body, 'leadEmail'),
      managerEmail: textField(body, 'managerEmail'),
      milestones: [0, 1].map((index) => ({ name: textField(body, `milestone${index}Name`), baseline: dateInputValue(body, `milestone${index}`) })),
    };
    const reject = (problems: FormProblem[]) => new FormRejected('new-programme-blank.njk', { ...BLANK_PAGE, values }, problems);
    const problems: FormProblem[] = [];
    if (values.name === '') problems.push({ field: 'name', text: 'Enter the programme’s name' });
    if (values.organisation === '') problems.push({ field: 'organisation', text: 'Enter the organisation’s ODS code' });
    if (values.leadEmail === '') problems.push({ field: 'leadEmail', text: 'Enter the programme lead’s email address' });
    const milestones = values.milestones.map((milestone, index) => {
      const ordinal = index === 0 ? 'first' : 'second';
      if (milestone.name === '') problems.push({ field: `milestone${index}Name`, text: `Enter the ${ordinal} milestone’s name` });
      const day = dayOf(milestone.baseline, `the ${ordinal} milestone’s baseline`);
      if ('problem' in day) problems.push({ field: `milestone${index}-day`, text: day.problem });
      return { name: milestone.name, ...('problem' in day ? {} : { baselineDate: day.day }) };
    });
    if (problems.length > 0) throw reject(problems);
    const fields: Record<string, FormField> = {
      name: { id: 'name', label: 'The name' },
      organisation: { id: 'organisation', label: 'The organisation' },
      gpfvArea: { id: 'gpfvArea', label: 'The GP Forward View area' },
      leadEmail: { id: 'leadEmail', label: 'The programme lead' },
      managerEmail: { id: 'managerEmail', label: 'The programme manager' },
      ...Object.fromEntries([0, 1].flatMap((index) => [
        [`milestones.${index}.name`, { id: `milestone${index}Name`, label: `The ${index === 0 ? 'first' : 'second'} milestone’s name` }],
        [`milestones.${index}.baselineDate`, { id: `milestone${index}-day`, label: `The ${index === 0 ? 'first' : 'second'} milestone’s baseline` }],
      ])),
    };
    let created: { id: string; name: string };
    try {
      created = await this.createProgramme.execute(
        CreateProgrammeCommand.from({
          name: values.name,
          organisation: values.organisation,
          leadEmail: values.leadEmail,
          ...(values.managerEmail === '' ? {} : { managerEmail: values.managerEmail }),
          ...(values.gpfvArea === '' ? {} : { gpfvArea: values.gpfvArea }),
          milestones,
        }),
      );
    } catch (error) {
      throw rejected(error, reject, fields, fields.name);
    }
    redirectDone(request, response, `/app/programmes/${created.id}/new-milestone`, `${created.name} is created with its first two milestones: add its others`);
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
