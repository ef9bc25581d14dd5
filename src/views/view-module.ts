/**
 * What a view's module declares (one file in src/views, one line in registry.ts): its tab's label and tooltip, when
 * it applies to a race, and, for each page, its drawer, its options panel, the worker data it asks for (its feed),
 * what it takes from a new race, and what it tells tests. Everything else — tabs, keys 1–9, panels, the scenario
 * schema's view names, share links, lesson steps, when feeds are fetched — the page derives from the registry.
 */
import type { View } from '../render/view.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { FeedData, FeedRequest, FeedSettings, FetchedFeed, RaceInfo, SetFeed } from '../../workers/protocol.ts';

export interface ViewModule {
  /** The tab's label. */
  readonly label: string;
  /** What the view shows, for the tab's tooltip. */
  readonly shows: string;
  /** Whether the view can draw this race, or why not; a view that cannot has no tab. Views without it always can. */
  applies?(race: RaceInfo, scenario: Scenario): true | string;
  /**
   * When another race loads and the view is in front, whether it stays there: 'if-named' only if the scenario names
   * it in `views` (the default), 'while-it-applies' while it can draw unless the scenario names other views,
   * 'always' while it can draw.
   */
  readonly stays?: 'if-named' | 'while-it-applies' | 'always';
  /** Opens first on a scenario that names no views, where it applies (the first such view in the registry wins). */
  readonly opensFirst?: boolean;
  /** The view on one page. */
  create(page: ViewPage): PageView;
}

/** A view on one page: what draws it, and what it asks of the page. */
export interface PageView {
  /** Draws frames and feed data; never computes. */
  readonly drawer: View;
  /** Controls shown beside the tabs while the view is in front. */
  readonly options?: HTMLElement;
  /** The worker data the view draws besides the frames. */
  readonly feed?: ViewFeed;
  /** A race has opened (`fresh`: a new scenario rather than a re-run): options follow it (racer lists, ranges). */
  race?(info: RaceInfo, scenario: Scenario, fresh: boolean): void;
  /** What end-to-end tests may read of the view (merged into the page's `hyperclimb.state()`). */
  state?(): Record<string, unknown>;
}

/**
 * A view's feed, and when the page asks it:
 * - 'opening': as each race opens, before its first frame, whether or not the view is in front (data that depends
 *   only on the landscape and the feed's settings: cheap, and wanted as soon as the view is shown);
 * - 'frames': as frames arrive while the view is in front, at most every `interval` ms and taking at most `share` of
 *   the worker's time from the race, and once more when the race pauses;
 * - 'stale': once the view is in front after its data went stale: a race opened or its runs ended.
 * Each is also asked when the view calls `page.refresh()`.
 */
export interface ViewFeed<F extends FetchedFeed = FetchedFeed> {
  readonly id: F;
  readonly cadence: 'frames' | 'opening' | 'stale';
  readonly interval?: number;
  readonly share?: number;
  request(): FeedRequest<F>;
  receive(data: FeedData<F>): void;
}

/** What a view may ask of its page. */
export interface ViewPage {
  /** The race in front, if one has opened. */
  readonly race: RaceInfo | undefined;
  /** Asks the view's feed again (a racer or a setting changed). */
  refresh(): void;
  /** Changes a feed's settings in the worker, then asks the feed again and redraws the frame. */
  configure<F extends SetFeed>(feed: F, settings: FeedSettings<F>): Promise<void>;
  toast(message: string, kind?: 'info' | 'error'): void;
  download(name: string, data: string, type: string): void;
  /** The seed the race uses (the reader's, or the scenario's). */
  seed(): string | number;
  /** The scenario's file name (e.g. eye.yaml; shared-link.yaml for a link). */
  file(): string;
  /** Racer `racer`'s best network so far (replicate 1) as saved-network JSON (docs/networks.md, Saved networks). */
  savedNetwork(racer: number): Promise<string>;
}

/** A feed declaration with its data typed by the protocol. */
export function viewFeed<F extends FetchedFeed>(feed: ViewFeed<F>): ViewFeed {
  return feed as unknown as ViewFeed;
}
