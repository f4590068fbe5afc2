// Track interpolation speed: 10,000 tracks over 100 frames (whole set per run).
import { bench, describe } from 'vitest';
import { benchTracks } from './bench-workload.js';
import { interpolateTrack } from './interpolate-track.js';
import { tracksToShapes } from './tracks-to-shapes.js';

const tracks = benchTracks(10_000);
let sink = 0;

describe('interpolation, 10,000 tracks × 100 frames', () => {
  bench('interpolateTrack ×10,000', () => {
    for (const track of tracks) sink += interpolateTrack(track, { endFrame: 100 }).length;
  }, { time: 0, iterations: 3, warmupIterations: 1 });
  bench('tracksToShapes (all tracks, merged by frame)', () => {
    sink += tracksToShapes(tracks, { endFrame: 100 }).length;
  }, { time: 0, iterations: 3, warmupIterations: 1 });
});

export const benchSink = () => sink;
