import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import type { PdfConfig } from '@pmo/config';

export interface PdfRenderOptions {
  /** Absolute paths of CSS files, inlined in order before the document's own styles. */
  stylesheets?: string[];
}

/** The little of the DOM that the in-page code uses: the engine compiles without the DOM's types. */
interface PageDocument {
  head: { prepend(...nodes: object[]): void };
  createElement(tagName: 'style'): { textContent: string | null };
}

// Page numbers in the footer so that a printed report's pages can be put back in order; the
// template is rendered in its own context, without the report's styles, hence the inline ones.
const FOOTER_TEMPLATE =
  '<div style="width: 100%; font-size: 8pt; font-family: Arial, sans-serif; text-align: center; color: #4c6272;">' +
  'Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>';

/**
 * HTML to PDF with Debian's Chromium, driven by playwright-core: no browser is ever downloaded, and
 * the page may fetch nothing, so a report renders the same with or without a network.
 * Built with its config like the other adapters: `{ provide: PdfRenderer, useFactory: () => new PdfRenderer(config.pdf) }`.
 */
@Injectable()
export class PdfRenderer implements OnModuleDestroy {
  private browser: Promise<Browser> | undefined;

  constructor(private readonly config: PdfConfig) {}

  async render(html: string, options: PdfRenderOptions = {}): Promise<Buffer> {
    const stylesheets = await Promise.all((options.stylesheets ?? []).map((path) => readFile(path, 'utf8')));
    const page = await (await this.sharedBrowser()).newPage();
    try {
      // A render that cannot finish fails in bounded time instead of holding a month-end cycle.
      page.setDefaultTimeout(60_000);
      // data: URLs never reach a route, so every request that does is one the report may not make.
      await page.route('**/*', (route) => route.abort('blockedbyclient'));
      await page.setContent(html, { waitUntil: 'load' });
      // Style elements of our own rather than page.addStyleTag, which rejects when a sheet's @import
      // cannot load, and here none can.
      await page.evaluate((sheets: string[]) => {
        const { document } = globalThis as unknown as { document: PageDocument };
        // Prepended, so that the document's own styles still win over the shared stylesheets.
        document.head.prepend(...sheets.map((css) => Object.assign(document.createElement('style'), { textContent: css })));
      }, stylesheets);
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        margin: { top: '15mm', right: '15mm', bottom: '20mm', left: '15mm' },
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: FOOTER_TEMPLATE,
      });
      return pdf;
    } finally {
      // Its own context closes with it. A page whose browser has died is gone already: the render's own error is the one to see.
      await page.close().catch(() => undefined);
    }
  }

  async onModuleDestroy(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    await (await browser?.catch(() => undefined))?.close();
  }

  /** One Chromium for every render: launching takes far longer than a page does. */
  private sharedBrowser(): Promise<Browser> {
    if (this.browser === undefined) {
      // Over a pipe rather than a DevTools port (playwright's way): nothing else on the machine can drive
      // this browser. Without Chromium's sandbox, which refuses to start as root, as playwright launches it.
      // Loaded on the first render, not with the app: playwright-core's bundles hold about 26 MB of an API's heap,
      // which every full garbage collection would mark again although most API processes never print.
      const launching = import('playwright-core').then(({ chromium }) =>
        chromium.launch({
          executablePath: this.config.chromiumPath,
          headless: true,
          args: [
            // A container's /dev/shm is too small for Chromium's shared memory; /tmp is used instead.
            '--disable-dev-shm-usage',
            // No GPU here: software rendering from the start rather than a failed GPU process first.
            '--disable-gpu',
          ],
        }),
      );
      this.browser = launching;
      const forget = () => {
        if (this.browser === launching) this.browser = undefined;
      };
      // A failed launch or a crashed browser is not kept: the next render launches a new one.
      launching.then((browser) => browser.once('disconnected', forget), forget);
    }
    return this.browser;
  }
}
