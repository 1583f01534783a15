import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ContactPreferencesUseCases } from '@pmo/application';
import type { ContactPreference, DeliveryAttempt } from '@pmo/application';
import { Access } from './access/access.decorators';

/** How each person is reached (email, Teams, a signed webhook), and every attempt at reaching them. */
@Controller()
export class ContactsController {
  constructor(private readonly contacts: ContactPreferencesUseCases) {}

  @Get('contacts/:email/preference')
  @Access('manage-contacts', 'contact')
  preference(@Param('email') email: string): Promise<ContactPreference> {
    return this.contacts.get(email);
  }

  /** `{ channel: 'email' }`, or `{ channel: 'teams' | 'webhook', address: url }`. */
  @Put('contacts/:email/preference')
  @Access('manage-contacts', 'contact')
  save(@Param('email') email: string, @Body() body: unknown): Promise<ContactPreference> {
    return this.contacts.save(email, body);
  }

  /** Who was told what, when and how: every attempt, oldest first, for a recipient or a delivery key. */
  @Get('delivery-log')
  @Access('read-delivery', 'every-organisation')
  log(@Query('recipient') recipient?: string, @Query('deliveryKey') deliveryKey?: string): Promise<DeliveryAttempt[]> {
    return this.contacts.attempts({ ...(recipient === undefined ? {} : { recipient }), ...(deliveryKey === undefined ? {} : { deliveryKey }) });
  }
}
