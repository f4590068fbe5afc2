// Response bodies in the shape of CVAT's read serializers (tasks, jobs, labels, data meta) and DRF's page
// envelope, from the server's rows.
import type { Frame, Label, Sublabel } from '@annoconv/core';
import type { JobRow, TaskRow } from './task-repository.js';

export function page<T>(results: T[]): { count: number; next: null; previous: null; results: T[] } {
  return { count: results.length, next: null, previous: null, results };
}

export function taskBody(task: TaskRow, jobs: JobRow[], base: string) {
  return {
    url: `${base}/api/tasks/${task.id}`,
    id: task.id,
    name: task.name,
    project_id: null,
    mode: task.mode,
    owner: { id: task.owner_id, username: task.owner_name },
    assignee: null,
    bug_tracker: '',
    created_date: task.created_date,
    updated_date: task.updated_date,
    overlap: task.overlap,
    segment_size: task.segment_size,
    status: 'annotation',
    data_chunk_size: null,
    data_compressed_chunk_type: 'imageset',
    data_original_chunk_type: 'imageset',
    size: task.size,
    image_quality: 70,
    data: task.id,
    dimension: '2d',
    subset: task.subset,
    organization: null,
    target_storage: null,
    source_storage: null,
    jobs: { count: jobs.length, completed: 0, validation: 0, url: `${base}/api/jobs?task_id=${task.id}` },
    labels: { url: `${base}/api/labels?task_id=${task.id}` },
    consensus_enabled: false,
    validation_mode: null,
  };
}

export function jobBody(job: JobRow, task: TaskRow, base: string) {
  return {
    url: `${base}/api/jobs/${job.id}`,
    id: job.id,
    task_id: task.id,
    project_id: null,
    assignee: null,
    guide_id: null,
    dimension: '2d',
    bug_tracker: null,
    status: 'annotation',
    stage: 'annotation',
    state: 'new',
    mode: task.mode,
    frame_count: job.stop_frame - job.start_frame + 1,
    start_frame: job.start_frame,
    stop_frame: job.stop_frame,
    data_chunk_size: null,
    data_compressed_chunk_type: 'imageset',
    data_original_chunk_type: 'imageset',
    created_date: task.created_date,
    updated_date: task.updated_date,
    issues: { count: 0, url: `${base}/api/issues?job_id=${job.id}` },
    labels: { url: `${base}/api/labels?job_id=${job.id}` },
    type: 'annotation',
    organization: null,
    target_storage: null,
    source_storage: null,
    parent_job_id: null,
    consensus_replicas: 0,
  };
}

function labelOut(label: Label | Sublabel, taskId: number, parentId: number | null, sublabels: Sublabel[]): Record<string, unknown> {
  return {
    id: label.id,
    name: label.name,
    color: label.color,
    attributes: label.attributes.map((spec) => ({ ...spec })),
    type: label.type,
    ...('svg' in label && label.svg !== undefined ? { svg: label.svg } : {}),
    sublabels: sublabels.map((sub) => labelOut(sub, taskId, label.id, [])),
    has_parent: parentId !== null,
    parent_id: parentId,
    task_id: taskId,
  };
}

/** CVAT's label list: top-level labels, each with its sub-labels nested. */
export function labelBodies(labels: Label[], taskId: number) {
  return labels.map((label) => labelOut(label, taskId, null, label.sublabels ?? []));
}

export function dataMetaBody(task: TaskRow, frames: Frame[]) {
  const meta = JSON.parse(task.meta) as { startFrame?: number; frameStep?: number; deletedFrames?: number[]; stopFrame?: number };
  const start = meta.startFrame ?? 0;
  const step = meta.frameStep ?? 1;
  return {
    chunk_size: 72,
    size: task.size,
    image_quality: 70,
    start_frame: start,
    stop_frame: meta.stopFrame ?? start + Math.max(0, task.size - 1) * step,
    frame_filter: step > 1 ? `step=${step}` : '',
    frames: frames.map((frame) => ({ name: frame.name, width: frame.width ?? null, height: frame.height ?? null, related_files: 0, has_related_context: false })),
    deleted_frames: meta.deletedFrames ?? [],
    included_frames: null,
    chunks_updated_date: task.created_date,
    storage: 'local',
    cloud_storage_id: null,
  };
}
