// The JSON shape of a request as CVAT's `GET /api/requests/{rq_id}` returns it (`RequestSerializer`,
// CVAT-MODEL.md §5.3), and the statuses it reports.

/** RQ's deferred / scheduled states are reported as `queued`, as CVAT does. */
export type RequestStatus = 'queued' | 'started' | 'finished' | 'failed';

export interface RequestOperation {
  /** `<action>:<subresource or target>`, e.g. `export:dataset`, `import:annotations`. */
  type: string;
  target: string;
  project_id: number | null;
  task_id: number | null;
  job_id: number | null;
  org_id: number | null;
  /** The format's display name for ids that carry one, else null. */
  format: string | null;
  lightweight: boolean | null;
  function_id: number | string | null;
}

export interface RequestOwner {
  id: number;
  username: string;
}

export interface SerializedRequest {
  id: string;
  status: RequestStatus;
  message: string;
  progress: number;
  operation: RequestOperation;
  created_date: string;
  started_date: string | null;
  finished_date: string | null;
  expiry_date: string | null;
  owner: RequestOwner;
  result_url: string | null;
  result_id: number | null;
}
