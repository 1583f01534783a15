import { Injectable } from '@nestjs/common';
import { Clock } from '../ports/clock';
import { ProgrammeRepository } from '../ports/programme.repository';
import { ProgrammeScheduler } from '../ports/programme.scheduler';
import { ProgrammeView, toProgrammeView } from '../programme-view';
import { startOrSignal } from '../programme-signalling';
import { CreateProgrammeCommand } from './create-programme.command';

@Injectable()
export class CreateProgrammeUseCase {
  constructor(
    private readonly programmes: ProgrammeRepository,
    private readonly scheduler: ProgrammeScheduler,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateProgrammeCommand): Promise<ProgrammeView> {
    const record = await this.programmes.create(command.programme, this.clock.now());
    await startOrSignal(this.scheduler, record.id, { kind: 'created' });
    return toProgrammeView(record, this.clock.now());
  }
}
