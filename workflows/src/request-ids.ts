import type { Payload, WorkflowInterceptorsFactory } from '@temporalio/workflow';
import { REQUEST_ID_HEADER } from '@pmo/contracts';

/**
 * Carries the id of the request that last started, signalled or updated this workflow onto the
 * activities, children and continuations it schedules from then on: headers only, which no replay
 * compares, so recorded histories replay as before.
 */
export const interceptors: WorkflowInterceptorsFactory = () => {
  let latest: Payload | undefined;
  const note = (headers: Record<string, Payload>) => {
    latest = headers[REQUEST_ID_HEADER] ?? latest;
  };
  const carry = <Input extends { headers: Record<string, Payload> }>(input: Input): Input =>
    latest === undefined ? input : { ...input, headers: { ...input.headers, [REQUEST_ID_HEADER]: latest } };
  return {
    inbound: [
      {
        execute: (input, next) => {
          note(input.headers);
          return next(input);
        },
        handleSignal: (input, next) => {
          note(input.headers);
          return next(input);
        },
        handleUpdate: (input, next) => {
          note(input.headers);
          return next(input);
        },
      },
    ],
    outbound: [
      {
        scheduleActivity: (input, next) => next(carry(input)),
        startChildWorkflowExecution: (input, next) => next(carry(input)),
        continueAsNew: (input, next) => next(carry(input)),
      },
    ],
  };
};
