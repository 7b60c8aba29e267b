import type { EventInput, EventOutcome } from "@/server/schemas/events";
import type { AppliedEvent, LearnerState } from "./apply-event";

// The shapes the rooms of ingestion share, at the bottom of the folder so none of them imports another's.

export interface RecordResult {
  status: "created" | "duplicate";
  outcome: EventOutcome;
}

export interface BatchItemResult {
  eventId: string | null;
  status: "created" | "duplicate" | "error";
  result?: EventOutcome;
  error?: { code: string; message: string; issues?: { path: (string | number)[]; message: string }[] };
}

/** A validated event on its way in. */
export interface Parsed {
  event: EventInput;
  hash: string;
  /** The moment the event is recorded at (the current streak in its outcome is read at it). */
  now: Date;
}

/** What an event already stored answers a repeat of its id with. */
export interface Stored {
  payload_hash: string;
  outcome: EventOutcome | null;
}

/** An event applied in memory, waiting for the one write. */
export interface Applied {
  event: EventInput;
  learner: LearnerState;
  effects: AppliedEvent;
  now: Date;
}

/** A learner's row as the claim statement locks and returns it. */
export interface LearnerRow {
  id: number;
  user_id: string;
  display_name: string | null;
  timezone: string | null;
  points: number;
  achievement_points: number;
  lessons_completed: number;
  courses_completed: number;
  perfect_courses: number;
  longest_streak: number;
  last_active_date: string | null;
  run_start_date: string | null;
  run_length: number;
  freezes_held: number;
  frozen_days: string[];
  freeze_grants: string[];
  claimed: string[];
}
