import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';
import {
  acknowledgeSchema,
  apiKeySchema,
  grantSchema,
  completeMilestoneSchema,
  confidenceOverrideSchema,
  endDateChangeSchema,
  closeProgrammeSchema,
  archiveProgrammeSchema,
  reopenProgrammeSchema,
  contactPreferenceSchema,
  goLiveSchema,
  createProgrammeSchema,
  escalationLadderSchema,
  fundingLineDefinitionSchema,
  instantiateTemplateSchema,
  milestoneChangeSchema,
  milestoneDefinitionSchema,
  monthlyUpdateSchema,
  programmeDetailsSchema,
  raidDefinitionSchema,
  rebaselineSchema,
  reforecastSchema,
  scheduleNoteSchema,
  signOffSchema,
  snoozeSchema,
  spendSchema,
  trajectoryActualsSchema,
} from '@pmo/application';
import { rehearsalScriptSchema } from '@pmo/orchestration';
import { API_KEY_SCHEME, BEARER_SCHEME } from './access/access.decorators';
import { correctionSchema } from './monthly-returns.controller';
import { CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE } from './workbook-downloads';

/**
 * Request bodies are described by the same zod schemas that validate them, so the document cannot
 * drift from the checks; routes and parameters come from the controllers.
 */
const JSON_BODIES: [method: 'post' | 'put', path: string, schema: z.ZodType][] = [
  ['post', '/programmes', createProgrammeSchema],
  ['post', '/programmes/from-template', instantiateTemplateSchema],
  ['post', '/programmes/{programmeId}/milestones/{milestoneId}/complete', completeMilestoneSchema],
  ['post', '/programmes/{programmeId}/milestones/{milestoneRef}/rebaseline', rebaselineSchema],
  ['post', '/programmes/{programmeId}/milestones/{milestoneRef}/forecast', reforecastSchema],
  ['put', '/programmes/{programmeId}/trajectories/{trajectoryRef}/actuals/{month}', trajectoryActualsSchema],
  ['put', '/programmes/{programmeId}/monthly-updates/{month}', monthlyUpdateSchema],
  ['put', '/programmes/{programmeId}/delivery-confidence-override', confidenceOverrideSchema],
  ['put', '/programmes/{programmeId}/end-date', endDateChangeSchema],
  ['put', '/programmes/{programmeId}/details', programmeDetailsSchema],
  ['post', '/programmes/{programmeId}/close', closeProgrammeSchema],
  ['post', '/programmes/{programmeId}/archive', archiveProgrammeSchema],
  ['post', '/programmes/{programmeId}/reopen', reopenProgrammeSchema],
  ['post', '/rehearsals', rehearsalScriptSchema],
  ['post', '/programmes/{programmeId}/phases/{phaseRef}/go-lives', goLiveSchema],
  ['put', '/programmes/{programmeId}/funding/{fundingRef}/spend', spendSchema],
  ['post', '/programmes/{programmeId}/funding', fundingLineDefinitionSchema],
  ['post', '/programmes/{programmeId}/milestones', milestoneDefinitionSchema],
  ['put', '/programmes/{programmeId}/milestones/{milestoneRef}', milestoneChangeSchema],
  ['post', '/programmes/{programmeId}/raid', raidDefinitionSchema],
  ['put', '/programmes/{programmeId}/raid/{raidRef}', raidDefinitionSchema],
  ['post', '/returns/{period}/versions/{version}/sign-off', signOffSchema],
  ['post', '/returns/{period}/corrections', correctionSchema],
  ['post', '/month-end-schedule/pause', scheduleNoteSchema],
  ['put', '/contacts/{email}/preference', contactPreferenceSchema],
  ['put', '/programmes/{programmeId}/escalation-ladder', escalationLadderSchema],
  ['post', '/programmes/{programmeId}/milestones/{milestoneId}/escalation/acknowledge', acknowledgeSchema],
  ['post', '/programmes/{programmeId}/milestones/{milestoneId}/escalation/snooze', snoozeSchema],
  ['post', '/month-end-schedule/resume', scheduleNoteSchema],
  ['post', '/access/grants', grantSchema],
  ['post', '/access/api-keys', apiKeySchema],
];

const FILE_BODIES: [path: string, mediaType: string, format: 'binary' | undefined][] = [
  ['/programmes/{programmeId}/workbook', XLSX_MEDIA_TYPE, 'binary'],
  ['/programmes/{programmeId}/sheets/{sheet}', CSV_MEDIA_TYPE, undefined],
];

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('NHS PMO engine')
      .setDescription('Programmes, milestones, trajectories and escalations for NHS primary-care commissioners. Errors are RFC 9457 problem details.')
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'a token from the configured identity provider' }, BEARER_SCHEME)
      .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key', description: 'an API key made by an admin' }, API_KEY_SCHEME)
      .build(),
  );
  for (const [method, path, schema] of JSON_BODIES) {
    const operation = document.paths[path]?.[method];
    if (operation === undefined) throw new Error(`OpenAPI: no ${method.toUpperCase()} ${path} among the routes`);
    operation.requestBody = {
      required: true,
      content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as object } },
    };
  }
  for (const [path, mediaType, format] of FILE_BODIES) {
    const operation = document.paths[path]?.post;
    if (operation === undefined) throw new Error(`OpenAPI: no POST ${path} among the routes`);
    operation.requestBody = { required: true, content: { [mediaType]: { schema: { type: 'string', ...(format ? { format } : {}) } } } };
  }
  return document;
}

/** Serves the document at /docs (Swagger UI) and /docs-json. */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
