import type { WorkflowClientInterceptor } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { Payload } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { REQUEST_ID_HEADER } from '@pmo/contracts';
import { currentRequestId, withRequestId } from '@pmo/logging';

function withHeader<Input extends { headers: Record<string, Payload> }>(input: Input): Input {
  const requestId = currentRequestId();
  return requestId === undefined ? input : { ...input, headers: { ...input.headers, [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(requestId) } };
}

/** The API's client puts the request's id on every workflow it starts, signals or updates. */
export const requestIdClientInterceptor: WorkflowClientInterceptor = {
  start: (input, next) => next(withHeader(input)),
  signal: (input, next) => next(withHeader(input)),
  signalWithStart: (input, next) => next(withHeader(input)),
  startUpdate: (input, next) => next(withHeader(input)),
};

/** The worker runs each activity under the id its workflow carried, so its log lines and the jobs it enqueues carry it too. */
export const requestIdActivityInterceptors: ActivityInterceptorsFactory = () => ({
  inbound: {
    execute: (input, next) => {
      const header = input.headers[REQUEST_ID_HEADER];
      return withRequestId(header === undefined ? undefined : defaultPayloadConverter.fromPayload<string>(header), () => next(input));
    },
  },
});
