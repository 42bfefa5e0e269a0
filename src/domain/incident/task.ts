export const TASK_STATUSES = ["open", "in_progress", "done", "skipped", "blocked"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
