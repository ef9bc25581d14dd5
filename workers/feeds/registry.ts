/** Feed ids (protocol.ts's FeedTypes) → the worker's feeds. Adding a feed: its types in protocol.ts, one file, one line here. */
import type { FeedId } from '../protocol.ts';
import { decisionFeed } from './decision.ts';
import { eyeFeed } from './eye.ts';
import type { AnyFeed } from './feed.ts';
import { hypercubeFeed } from './hypercube.ts';
import { interpolationFeed } from './interpolation.ts';
import { sharpnessFeed } from './sharpness.ts';
import { sliceFeed } from './slice.ts';

export const feeds: { readonly [F in FeedId]: AnyFeed & { id: F } } = {
  slice: sliceFeed,
  hypercube: hypercubeFeed,
  decision: decisionFeed,
  eye: eyeFeed,
  sharpness: sharpnessFeed,
  interpolation: interpolationFeed,
};
