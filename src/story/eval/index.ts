export { type PRF, type RougeCounts, tokenize, ngramCounts, rouge, rougeCounts } from './rouge.js';
export {
  type TimelineEntry,
  type TimelineVariant,
  type TimelineScores,
  dateF1,
  timelineRouge,
  evaluateTimeline,
  meanPRF,
  dayNumber,
} from './timeline.js';
export { type PairwiseScores, pairwiseF1, bcubed } from './cluster.js';
