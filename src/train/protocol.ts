// The typed contract between the training worker and the page: what a host asks for (TrainConfig,
// requests) and what the engine streams back (TrainEvent, a discriminated union).
import type { BackendName } from "../compute/backends";
import type { BackboneSpec } from "../model/backbone";
import type { HeadKind } from "../model/heads";
import type { ScheduleSpec } from "./schedule";
import type { ClassLoss } from "./task";

export interface TrainConfig {
  head: HeadKind;
  /** hidden width of the head (the lesson's 256; smaller for quick demos and tests) */
  headWidth?: number;
  /** multiplies the head's dropout rates (1 = the lesson's, the default) */
  headDropScale?: number;
  /** object classes, in label order (VOC's 20 by default); background is added by the SSD heads */
  classes?: readonly string[];
  /** SSD class loss: the lesson's BCE_Loss or FocalLoss */
  loss?: ClassLoss;
  /** learning rate of the last layer group; groups get lr × lrFactors (the lesson: [1/100, 1/10, 1]) */
  lr: number;
  lrFactors?: number[];
  /** learn.freeze_to(n): layer groups below n are frozen (0 = everything trains) */
  freezeTo?: number;
  epochs: number;
  batchSize: number;
  schedule?: ScheduleSpec;
  /** precompute=True: with a frozen backbone, compute features once per image and view, train the head on them */
  cache?: boolean;
  /** augmented views per image in the cache (K); 1 = the plain image */
  views?: number;
  /** images per backbone pass while filling the cache (1 keeps each GPU submission short on slow adapters) */
  cacheBatch?: number;
  /** augment training images (with the cache: view v > 0 is an augmented copy) */
  augment?: boolean;
  /** `?steps=N`: stop after at most this many optimizer steps */
  maxSteps?: number | null;
  seed?: number;
  /** the narrated slow mode: emit the phases of each step with the tensors a cell shows, pausing between them */
  narrate?: boolean;
  narrateDelayMs?: number;
  /** IndexedDB key for checkpoints (after each epoch and on pause); none = no saving */
  checkpointKey?: string | null;
}

/** Where the worker gets its data from. */
export type DataSpec =
  /** images already decoded by the host (transferred), with their boxes in pixels */
  | { kind: "examples"; train: import("./examples").Example[]; val: import("./examples").Example[] }
  /** a dataset the worker loads itself through src/data (e.g. the built-in pack) */
  | {
      kind: "dataset";
      source: "builtin" | string;
      url?: string;
      limit?: number;
      valLimit?: number;
      /** built-in pack only: this many new scenes of its kind, drawn in the worker (src/data/synth), join the training split */
      synth?: number;
    };

export interface WorkerInit {
  config: TrainConfig;
  backbone: BackboneSpec;
  data: DataSpec;
  /** tfjs backends to try in order (default: TRAIN_ORDER) */
  backends?: readonly BackendName[];
  /** resume from this IndexedDB checkpoint key if present */
  resumeKey?: string | null;
}

export type TrainState = "idle" | "caching" | "running" | "paused" | "stopped" | "done" | "diverged";

export type Phase = "augment" | "match" | "forward" | "loss" | "update";

export type PhaseData =
  | { phase: "augment"; size: number; pixels: Uint8Array; boxes: number[][]; classes: number[] }
  | { phase: "match"; overlaps: number[][]; gtOverlap: number[]; gtIdx: number[]; positives: number[] }
  | { phase: "forward"; scores: number[]; classes: number[]; boxes: number[][] }
  | { phase: "loss"; total: number; parts: Record<string, number> }
  | { phase: "update"; lrs: number[]; gradNorms: number[] };

export type TrainEvent =
  | {
      type: "status";
      state: TrainState;
      backend: string;
      cache: boolean;
      backbone: string;
      message?: string;
      /** the engine's progress (steps taken, epochs completed): the one source of truth for the panel */
      step?: number;
      epoch?: number;
    }
  | { type: "cache"; done: number; total: number }
  /** drawing new training scenes (DataSpec.synth) before training starts */
  | { type: "draw"; done: number; total: number }
  | { type: "batch"; step: number; epoch: number; lrs: number[]; loss: number; parts: Record<string, number> }
  | {
      type: "epoch";
      epoch: number;
      trainLoss: number;
      valLoss: number;
      /** detn_acc, detn_l1 | accuracy | loc, clas, mAP */
      metrics: Record<string, number>;
    }
  | ({ type: "phase"; step: number } & PhaseData)
  | {
      type: "checkpoint";
      key: string;
      epoch: number;
      step: number;
      bytes: number;
      reason: "epoch" | "pause" | "manual";
    }
  | { type: "diverged"; step: number; loss: number; lrs: number[]; message: string }
  | { type: "lrfind"; lrs: number[]; losses: number[]; done: boolean }
  | { type: "backend"; name: string; from?: string; reason?: string }
  | { type: "error"; message: string; code?: "device-lost" | "worker-dead" | "data" | "model" | "internal" };

export type TrainEventType = TrainEvent["type"];
