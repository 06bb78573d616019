export { Callback, type CallbackLike, type TrainingContext, resolveMode } from "./callback.js";
export { EarlyStopping, type EarlyStoppingOptions } from "./early-stopping.js";
export { ModelCheckpoint, type ModelCheckpointOptions } from "./model-checkpoint.js";
export { TerminateOnNaN, NonFiniteError } from "./terminate-on-nan.js";
export { LearningRateScheduler, ReduceLROnPlateau, type StepSchedule, type LearningRateSchedulerOptions, type ReduceLROnPlateauOptions } from "./lr-callbacks.js";
export { CSVLogger } from "./csv-logger.js";
export { TrainingCheckpoint, type TrainingCheckpointOptions } from "./training-checkpoint.js";
export { captureTrainingState, restoreTrainingState, type TrainingState } from "./training-state.js";
