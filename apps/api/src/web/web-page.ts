import { applyDecorators, SetMetadata, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { WebErrorFilter } from './web-error.filter';

export const WEB_PAGE_METADATA = 'pmo:web-page';

/**
 * A controller of web pages: signed in by the session cookie (a form's post also by its CSRF token),
 * its errors shown as pages, and kept out of the OpenAPI document, which describes the API.
 */
export const WebPages = () => applyDecorators(SetMetadata(WEB_PAGE_METADATA, true), ApiExcludeController(), UseFilters(WebErrorFilter));
