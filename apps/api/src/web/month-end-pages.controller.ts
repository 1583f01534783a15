import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { MonthEndScheduleUseCases, RunMonthEndUseCase } from '@pmo/application';
import { Access } from '../access/access.decorators';
import type { AuthenticatedRequest } from '../access/access.guard';
import { FormRejected, rejected, textField } from './web-forms';
import type { FormProblem } from './web-forms';
import { layoutContext } from './web-layout';
import { WebPages } from './web-page';
import { redirectDone, takeDone } from './web-session';
import { WebViews } from './web-views';

type Form = Record<string, unknown>;

const FIELDS = { period: { id: 'period', label: 'The month' }, note: { id: 'note', label: 'The note' } };

/** The month end for the programme office: the schedule's days and state, pause and resume with a note, and a month's cycle run now. */
@Controller('app/month-end')
@WebPages()
export class MonthEndPagesController {
  constructor(
    private readonly views: WebViews,
    private readonly schedule: MonthEndScheduleUseCases,
    private readonly monthEnd: RunMonthEndUseCase,
  ) {}

  @Get()
  @Access('run-month-end', 'every-organisation')
  async page(@Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    response.send(this.views.render('month-end.njk', { ...layoutContext(request, response, 'month-end'), ...(await this.context()), done: takeDone(request, response), values: { period: '', note: '' } }));
  }

  /** Runs a month's cycle now, as the schedule would on its run day; running it again makes nothing twice. */
  @Post('run')
  @Access('run-month-end', 'every-organisation')
  async run(@Body() body: Form, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const period = textField(body, 'period');
    const context = await this.context();
    const reject = (problems: FormProblem[]) => new FormRejected('month-end.njk', { ...context, values: { period, note: '' } }, problems);
    if (period === '') throw reject([{ field: FIELDS.period.id, text: 'Select the month to run' }]);
    const summary = await this.monthEnd.execute(period).catch((error: unknown) => {
      throw rejected(error, reject, FIELDS, FIELDS.period);
    });
    const made = `highlight reports for ${summary.highlightReports.programmes} programmes and ${summary.collated.length} collated papers, each as HTML and Markdown`;
    const monthlyReturn = summary.monthlyReturn === null ? '' : `; the return is at version ${summary.monthlyReturn.version} (${summary.monthlyReturn.status})`;
    redirectDone(request, response, `/app/returns/${period}`, `The month end for ${period} has run: ${made}${monthlyReturn}`);
  }

  @Post('pause')
  @Access('run-month-end', 'every-organisation')
  async pause(@Body() body: Form, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    await this.withNote(body, (note) => this.schedule.pause({ note }));
    redirectDone(request, response, '/app/month-end', 'The schedule is paused: it starts nothing until it is resumed');
  }

  @Post('resume')
  @Access('run-month-end', 'every-organisation')
  async resume(@Body() body: Form, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    await this.withNote(body, (note) => this.schedule.resume({ note }));
    redirectDone(request, response, '/app/month-end', 'The schedule is running again');
  }

  /** Pause and resume alike: a note is needed, and the use case's refusal comes back as the page with its problem. */
  private async withNote(body: Form, work: (note: string) => Promise<unknown>): Promise<void> {
    const note = textField(body, 'note');
    const context = await this.context();
    const reject = (problems: FormProblem[]) => new FormRejected('month-end.njk', { ...context, values: { period: '', note } }, problems);
    if (note === '') throw reject([{ field: FIELDS.note.id, text: 'Enter why, for whoever reads the schedule next' }]);
    await work(note).catch((error: unknown) => {
      throw rejected(error, reject, FIELDS, FIELDS.note);
    });
  }

  private async context() {
    return { title: 'Month end', ...(await this.schedule.overview()), periods: this.monthEnd.endedPeriods() };
  }
}
