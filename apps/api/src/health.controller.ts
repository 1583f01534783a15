import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import type { HealthCheckResult, HealthIndicatorResult } from '@nestjs/terminus';
import { ApplicationError, ApplicationErrorCode } from '@pmo/application';
import { ReadinessProbes } from './readiness';
import { Public } from './access/access.decorators';

/** Liveness (the process serves HTTP) and readiness (PostgreSQL, Redis and Temporal all answer). */
@Controller('health')
@Public()
// Probes come from the platform every few seconds, and must never be refused for coming often.
@SkipThrottle()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly probes: ReadinessProbes,
  ) {}

  @Get()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200 with each service up; 503 problem+json naming each service that is not, and why. */
  @Get('ready')
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.probes.postgres(), () => this.probes.redisServer(), () => this.probes.temporalServer()]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const down = (error.getResponse() as HealthCheckResult).error as HealthIndicatorResult;
      const reasons = Object.entries(down).map(([service, state]) => `${service}: ${String(state.reason ?? state.status)}`);
      throw new ApplicationError(ApplicationErrorCode.DependencyUnavailable, `not ready: ${reasons.join('; ')}`);
    }
  }
}
