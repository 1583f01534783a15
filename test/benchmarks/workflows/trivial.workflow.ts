/** The least a workflow can be: started, one workflow task, completed. The dev server's own throughput, measured with it. */
export async function trivialWorkflow(index: number): Promise<number> {
  return index;
}
