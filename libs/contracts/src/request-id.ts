/** The Temporal header that carries the id of the request a workflow, its activities and children belong to. */
export const REQUEST_ID_HEADER = 'pmo-request-id';
