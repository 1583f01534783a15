import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApplicationError, GetProgrammePlanUseCase, mayEver, RaidAndFundingUseCases, RecordSpendUseCase } from '@pmo/application';
import type { PlanFundingLine, ProgrammePlanRecord } from '@pmo/application';
import { Access } from '../access/access.decorators';
import type { AuthenticatedRequest } from '../access/access.guard';
import { FormRejected, penceOf, rejected, textField } from './web-forms';
import type { FormProblem } from './web-forms';
import { layoutContext } from './web-layout';
import { WebPages } from './web-page';
import { redirectDone, takeDone } from './web-session';
import { WebViews } from './web-views';

type Form = Record<string, unknown>;

const LINE_FIELDS = {
  name: { id: 'name', label: 'The name' },
  financialYear: { id: 'financialYear', label: 'The financial year' },
  budgetPence: { id: 'budget', label: 'The budget' },
  spendPence: { id: 'spend', label: 'The spend to date' },
  ref: { id: 'name', label: 'The ref' },
};

/** A programme's funding lines in pounds: each budget, its spend to date and what is left; lines added and spend recorded. */
@Controller('app/programmes/:programmeId/funding')
@WebPages()
export class FundingPagesController {
  constructor(
    private readonly views: WebViews,
    private readonly plans: GetProgrammePlanUseCase,
    private readonly funding: RaidAndFundingUseCases,
    private readonly recordSpend: RecordSpendUseCase,
  ) {}

  @Get()
  @Access('read-programme', 'programme')
  async lines(@Param('programmeId') programmeId: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const plan = await this.plans.execute(programmeId);
    const totals = plan.funding.reduce((sum, line) => ({ budgetPence: sum.budgetPence + line.budgetPence, spendPence: sum.spendPence + line.spendPence }), { budgetPence: 0, spendPence: 0 });
    response.send(
      this.views.render('funding.njk', {
        ...layoutContext(request, response, 'programmes'),
        title: 'Funding',
        plan,
        totals,
        done: takeDone(request, response),
        mayChange: mayEver(request.principal, 'manage-programme'),
        back: { href: `/app/programmes/${programmeId}`, text: plan.name },
      }),
    );
  }

  @Get('new')
  @Access('manage-programme', 'programme')
  async newForm(@Param('programmeId') programmeId: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const plan = await this.plans.execute(programmeId);
    response.send(this.views.render('funding-line.njk', { ...layoutContext(request, response, 'programmes'), ...lineContext(plan), values: { name: '', financialYear: '', budget: '', spend: '' } }));
  }

  @Post()
  @Access('manage-programme', 'programme')
  async add(@Param('programmeId') programmeId: string, @Body() body: Form, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const plan = await this.plans.execute(programmeId);
    const values = { name: textField(body, 'name'), financialYear: textField(body, 'financialYear'), budget: textField(body, 'budget'), spend: textField(body, 'spend') };
    const reject = (problems: FormProblem[]) => new FormRejected('funding-line.njk', { ...lineContext(plan), values }, problems);
    const budget = penceOf(values.budget, 'the budget');
    const spend = values.spend === '' ? { pence: 0 } : penceOf(values.spend, 'the spend to date');
    const problems: FormProblem[] = [];
    if (values.name === '') problems.push({ field: LINE_FIELDS.name.id, text: 'Enter a name for the funding line' });
    if (values.financialYear === '') problems.push({ field: LINE_FIELDS.financialYear.id, text: 'Enter the financial year, such as 2027/28' });
    if ('problem' in budget) problems.push({ field: LINE_FIELDS.budgetPence.id, text: budget.problem });
    if ('problem' in spend) problems.push({ field: LINE_FIELDS.spendPence.id, text: spend.problem });
    if (problems.length > 0 || 'problem' in budget || 'problem' in spend) throw reject(problems);
    let line: PlanFundingLine;
    try {
      line = await this.funding.addFundingLine(programmeId, { name: values.name, financialYear: values.financialYear, budgetPence: budget.pence, spendPence: spend.pence });
    } catch (error) {
      throw rejected(error, reject, LINE_FIELDS, LINE_FIELDS.name);
    }
    redirectDone(request, response, `/app/programmes/${programmeId}/funding`, `${line.ref} ${line.name} is added`);
  }

  @Get(':ref/spend')
  @Access('manage-programme', 'programme')
  async spendForm(@Param('programmeId') programmeId: string, @Param('ref') ref: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const plan = await this.plans.execute(programmeId);
    const line = lineOf(plan, ref);
    response.send(this.views.render('spend.njk', { ...layoutContext(request, response, 'programmes'), ...spendContext(plan, line), spend: (line.spendPence / 100).toFixed(2) }));
  }

  @Post(':ref/spend')
  @Access('manage-programme', 'programme')
  async spend(@Param('programmeId') programmeId: string, @Param('ref') ref: string, @Body() body: Form, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const plan = await this.plans.execute(programmeId);
    const line = lineOf(plan, ref);
    const typed = textField(body, 'spend');
    const reject = (problems: FormProblem[]) => new FormRejected('spend.njk', { ...spendContext(plan, line), spend: typed }, problems);
    const spend = penceOf(typed, 'the spend to date');
    if ('problem' in spend) throw reject([{ field: LINE_FIELDS.spendPence.id, text: spend.problem }]);
    try {
      await this.recordSpend.execute(programmeId, ref, { spendPence: spend.pence });
    } catch (error) {
      throw rejected(error, reject, LINE_FIELDS, LINE_FIELDS.spendPence);
    }
    redirectDone(request, response, `/app/programmes/${programmeId}/funding`, `The spend against ${line.ref} is recorded`);
  }
}

function lineOf(plan: ProgrammePlanRecord, ref: string): PlanFundingLine {
  const line = plan.funding.find((candidate) => candidate.ref === ref);
  if (line === undefined) throw ApplicationError.notFound(`no funding line ${ref} in programme ${plan.id}`);
  return line;
}

function lineContext(plan: ProgrammePlanRecord) {
  return { title: 'Add a funding line', plan, back: { href: `/app/programmes/${plan.id}/funding`, text: 'Funding' } };
}

function spendContext(plan: ProgrammePlanRecord, line: PlanFundingLine) {
  return { title: `Spend against ${line.ref}`, plan, line, back: { href: `/app/programmes/${plan.id}/funding`, text: 'Funding' } };
}
