/**
 * Jobs one module queues and another runs: the name is the contract between them (a module may
 * not import another's code for it). See src/core/jobs.ts.
 */
export const TIP_ANALYSIS_JOB = 'tip analysis';
