import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ContactPreferencesUseCases } from '@pmo/application';
import { Access } from '../access/access.decorators';
import type { AuthenticatedRequest } from '../access/access.guard';
import { layoutContext } from './web-layout';
import { WebPages } from './web-page';
import { WebViews } from './web-views';

/** How many attempts the page lists, newest first; the API has them all. */
const LISTED = 200;

/** Who was told what, when and how: the programme office's record of every message the engine tried to send. */
@Controller('app/delivery-log')
@WebPages()
export class DeliveryPagesController {
  constructor(
    private readonly views: WebViews,
    private readonly contacts: ContactPreferencesUseCases,
  ) {}

  @Get()
  @Access('read-delivery', 'every-organisation')
  async log(@Query('recipient') recipient: string | undefined, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const wanted = recipient?.trim() === '' ? undefined : recipient?.trim();
    const attempts = await this.contacts.attemptsToRead(wanted === undefined ? {} : { recipient: wanted });
    response.send(
      this.views.render('delivery-log.njk', {
        ...layoutContext(request, response, 'delivery'),
        title: 'Delivery log',
        attempts: attempts.slice(0, LISTED),
        total: attempts.length,
        recipient: wanted ?? '',
      }),
    );
  }
}
