import { Controller, Get } from '@nestjs/common';

/** Liveness: the process serves HTTP. Readiness of each dependency arrives with the hardening work. */
@Controller('health')
export class HealthController {
  @Get()
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
