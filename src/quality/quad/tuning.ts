// Every tuning constant of the document quad finder, grouped by the stage that reads it. Each
// stage copies the values it needs into module constants once, so its hot loops read plain locals.
// Sizes are at the coarse (~320 px wide) scale unless a comment says otherwise.
import { ID1_ASPECT, ID1_CORNER_RADIUS, PASSPORT_ASPECT } from '../../internal/documents.js';

/** Tuning constants of the quad finder, by stage. */
export const QUAD_TUNING = {
  /** Option defaults (see QuadDetectionOptions). */
  defaults: {
    /** ID-1 card, 85.6 × 54 mm: the most common document, so the default aspect prior. */
    documentAspect: ID1_ASPECT,
    /** A passport's data page, 125 × 88 mm: it lies on an open booklet (spread.ts). */
    passportAspect: PASSPORT_ASPECT,
    /** Coarse search width: small enough for a few ms a frame, large enough for a card's outline. */
    coarseWidth: 320,
    /** Sobel magnitude of a ~9-level step: below it, noise and paper grain. */
    edgeThreshold: 36,
    /** Smallest document reported, share of the frame area: smaller is too far to read anyway. */
    minArea: 0.03,
    /** Below this coarse size (px, either side) there is too little to find lines in. */
    minCoarseSize: 16,
  },
  /**
   * Square corners (rounded.ts), asked only of an outline cut by the frame along a whole side
   * (bestThreeSided) when the caller gives the document's corner radius: such an outline shows two
   * corners, and little else tells a card from a sheet or a book cut the same way. Samples along
   * each corner's inward bisector, in units of `gap`, the distance from the sides' meeting point to
   * a rounded corner's arc (0.41 radii at 90°). Measured on the ID-1 items of tabletop and studio
   * with the final outline: right outlines' corners (Jaccard ≥ 0.97) read square 2 times in 832
   * and never two of one outline.
   */
  rounded: {
    /** ID-1 corner radius over its long side (ISO/IEC 7810: 3.18 mm on 85.6 mm). */
    id1Radius: ID1_CORNER_RADIUS,
    /** The corner sample: this share of the gap in from the meeting point. */
    cornerAt: 0.4,
    /** The document's own colour: [a, b] is a·gap + b·radius in, beyond the arc and its blur. */
    innerAt: [2.2, 0.5] as const,
    /** The background: [a, b] is a·gap + b px outside the meeting point. */
    outerAt: [0.6, 2] as const,
    /** The inner and outer samples are three, this share of the radius apart across the bisector. */
    spread: 0.2,
    /** RGB distance between document and background below which a corner is not judged. */
    minContrast: 40,
    /** A radius below this (px) is too small to tell from a sharp corner blurred by the lens. */
    minRadiusPx: 6,
    /** Square: the corner sample within this share of the contrast from the document's colour. */
    squareBelow: 0.3,
    /**
     * A three-sided outline with this many square corners (both it shows) is no card. Three-sided
     * outlines of ID-1 items: right ones (Jaccard ≥ 0.97, 6 on studio) read 0 of 12 corners
     * square, wrong ones of cards 3 of 8 (never two of one), an A4 sheet cut by the frame both
     * (tabletop no_document recall 60% -> 65%).
     */
    threeSidedSquare: 2,
  },
  /** The last look, at half the coarse size, for a heavily blurred document (index.ts). */
  lastLook: {
    /** It needs a frame at least this wide at half the coarse size. */
    halfMinWidth: 80,
    /** It keeps an outline within this relative error of the document's aspect: little is sharp. */
    halfAspectError: 0.1,
    /**
     * It runs only when the whole frame's focus (analyze.ts's measure) is below this: blurred
     * frames score 5-101 on tabletop (3-36 on studio), frames with nothing to find are mostly
     * sharp texture (tabletop's no_document frames 27-1198, median ~190), which skip it.
     */
    halfMaxSharpness: 150,
  },
  /** Edges and Hough votes (edges.ts). */
  edges: {
    /** Each edge pixel votes θ ± this many 1° bins: its averaged direction is good to ~1°. */
    voteSpread: 1,
    /** Share of the summed gradient lengths the three along-edge gradients must keep: texture cancels. */
    minCoherence: 0.75,
    /** Sobel magnitude of a ~40-level step: beyond it an edge pixel counts fully, by length only. */
    voteFullMagnitude: 160,
    /** Luma std of an ordinary, well-exposed scene: dimmer frames scale thresholds down. */
    contrastReference: 45,
    /** Lowest contrast scale: below it noise would pass the scaled-down threshold. */
    minContrastScale: 0.3,
  },
  /** Hough peaks and line support (lines.ts). */
  lines: {
    /** Accumulator peaks examined per frame: bounds the work in heavy texture. */
    maxCandidates: 2048,
    /** Lines kept: enough for a document's four sides among desk edges and print. */
    maxLines: 36,
    /** Smallest peak, share of the coarse frame's shorter side (at least minVotesPx). */
    minVotesShare: 0.1,
    /** Smallest peak in votes, whatever the frame size. */
    minVotesPx: 10,
    /**
     * An outline holds print: edge pixels over at least this share of its inner 80%. Blank paper,
     * a book's cover, a sticky note are no document (tabletop: no_document recall 55% -> 60%,
     * false reject 12.5% -> 11.5%; up to 0.06 changes little).
     */
    minPrint: 0.04,
    /** When no outline is found, the lines are read again with floors this much lower. */
    retryVotesShare: 0.35,
    /**
     * ... scoring at most this many quads: on tabletop, studio and real-paper its winner came by
     * the 5844th (of up to 12000 on an empty newspaper frame); 6 of its 134 searches went past
     * 6000, and the budget changes no verdict or outline.
     */
    retryMaxCombos: 6000,
    /** ... and documents down to this share of minArea: a far card's sides are short and faint. */
    retryAreaShare: 0.3,
    /**
     * When the fainter look's winner runs out of the frame, it searches again among outlines
     * wholly in view whose sides end at their corners: at most this many run on past one (a
     * receipt's, an A4 sheet's or a keyboard's sides cut by a line of print or keys run on; so do
     * a passport page's past the fold), scoring at most retryWholeCombos quads. That finds a far
     * card behind a larger object, which the out-of-view winner hid (tabletop too_far 75% -> 80%;
     * its quad came at the 218th combination). Without the run-on limit tabletop's no_document
     * fell 55% -> 40%; 1 for passports lost three far passports' pages; a budget of 1000 let a
     * receipt's quad through (no_document 60% -> 55%). Searching in-view outlines only, instead
     * of after an out-of-view winner, also gave no_document 65%, but changed a banknote's wrong
     * outline on real-paper (mean Jaccard 0.8043 -> 0.7969).
     */
    retryMaxRunOn: 1,
    retryMaxRunOnPassport: 2,
    retryWholeCombos: 3000,
    /**
     * A first-look outline placed from three sides with less than this share of its area in view
     * is weak evidence (an object's corner, a sheet cut by the frame): the fainter look runs too,
     * and a whole outline it finds in view wins. Three-sided first-look winners on tabletop and
     * studio: right ones keep 49% or more in view, wrong ones 36-48%. 0.4 fixed an acceptable card
     * lost to one (tabletop false reject 8.3% -> 7.3%, Jaccard 0.9328 -> 0.9399); 0.5 fixed it and
     * broke another (false reject unchanged).
     */
    minThreeSidedInView: 0.4,
    /** Peak floor relative to the strongest: in heavy texture, only lines that matter next to it. */
    relativeFloor: 0.06,
    /** Width of an orientation bucket, degrees. */
    bucketDeg: 6,
    /** Lines kept per bucket: wood grain must not crowd out a small document's short sides. */
    maxPerBucket: 8,
    /** Peaks this close in angle (°) and ρ (px) are the same line. */
    mergeDeg: 2,
    mergeRho: 2.5,
    /** An edge pixel supports a line within this many degrees of its orientation. */
    supportToleranceDeg: 12,
    /** ... and within this many px either side of it. */
    supportReach: 2,
  },
  /** Candidate quads: pairs, four- and three-sided search, scoring (candidates.ts). */
  candidates: {
    /** Pairs kept (all pairs of maxLines lines); the search is bounded by maxCombos. */
    maxPairs: 640,
    /** Quad hypotheses scored per frame, strongest pairs first. */
    maxCombos: 12000,
    /**
     * Opposite sides converge under perspective: a card half the frame wide, tilted 35° in front
     * of an 80° lens, converges by ~33° (vanishing point 0.85 frame widths away). 20° lost the
     * tuning family's steep photos (tabletop false reject 32% -> 29%, Jaccard 0.76 -> 0.80).
     */
    maxPairGapDeg: 30,
    /** The two pairs must cross at least this much (°): a document's sides are perpendicular. */
    minCrossingDeg: 50,
    /** Shortest side (and pair gap), share of the coarse frame's shorter side. */
    minSideShare: 0.08,
    /** Corners may lie this far outside the frame (share of its size) and still be considered. */
    cornerSlack: 0.5,
    /** Longest long/short ratio considered: a passport spread is ~1.4, a receipt no document. */
    maxAspect: 2.6,
    /**
     * Largest relative error of a candidate's aspect (perspective undone at the default focal
     * length) against the document's: tilt under an unknown field of view and coarse corners
     * stay within ~15%; a phone (~2.05 against an ID card's 1.59) is 30% off.
     */
    maxAspectError: 0.25,
    /** Share of each side, at both ends, left out of its support: documents have rounded corners. */
    cornerSkip: 0.05,
    /** Share of a side past each corner where support counts against it: a side stops at corners. */
    overshoot: 0.15,
    /** Score weight of a side's unbacked length, and of its support past the corners. */
    unbackedPenalty: 0.5,
    /** Each side: seen over this share of its length, and backed over this share of what is seen. */
    minSideSeen: 0.25,
    minSideBacked: 0.4,
    /** The whole outline: backed over this share of what is seen. */
    minBacked: 0.6,
    /** Std of the log aspect prior: wide enough for perspective, narrow enough to break ties. */
    aspectSigma: 0.2,
    /** Score share that does not depend on the aspect prior: an unusual document still wins alone. */
    priorFloor: 0.15,
    /** Handicap of a quad with one side out of view: a half-seen document must earn more. */
    threeSidedFactor: 0.85,
    /** Three-sided: the closing side is seen over this share and backed over this share of it. */
    closingSeen: 0.5,
    closingBacked: 0.6,
    /** Three-sided: each pair side seen over this share, backed over this share of what is seen. */
    pairSideSeen: 0.15,
    pairSideBacked: 0.6,
    /** Three-sided: the two pair sides together show at least this share of their length. */
    minPairSeen: 0.3,
    /** A side whose continuation is backed over this share runs on past its corner (a seam). */
    runOnShare: 0.3,
    /** Three-sided: corners in view are at least this many px inside the frame. */
    insideMargin: 2,
    /** The missing side counts as out of view when at most this share of it is in the frame. */
    missingVisible: 0.15,
    /**
     * A missing side placed in view stands when edges of its orientation back this share of it
     * (a side too faint or too covered by fingers to make a line of its own). Scored as a whole
     * outline (below), 0.5 missed a passport page's fold and dim or washed-out cards' far sides:
     * 0.4 (tabletop false reject 6.3% -> 5.2%, Jaccard 0.949 -> 0.956, bright recall 95% -> 100%;
     * studio, real-paper unchanged); 0.3 the same on tabletop, one blurred studio card "corners";
     * 0.2 took print for sides (tabletop no_document recall 55% -> 50%, false reject 6.3%).
     */
    faintBacked: 0.4,
    /**
     * Such a side in view makes a whole outline, scored like a four-sided one (no handicap, the
     * faint side's backed length counted, the aspect prior and gate), so a card whose fourth side
     * is too faint for a line (light card on light marble, low-contrast edge on parquet) beats a
     * larger quad closed by a seam or a sheet's edge running past its corner (tabletop: false
     * reject 8.3% -> 6.3%, Jaccard 0.933 -> 0.949; studio false reject 1.5% -> 0.8%; real-paper
     * Jaccard 0.804 -> 0.821). The side is looked for around the placed one (which assumes a focal
     * length and exact proportions), at the strongest accumulator cell within faintReach of the
     * pair sides' length and faintDeg (°): 0 (the placement alone) fixed nothing (tabletop false
     * reject 8.3%), 0.15 moved sides onto print (7.3%, studio 1.5%).
     */
    faintReach: 0.08,
    faintDeg: 4,
    /**
     * A faint side within faintDeg and this many px of one of the lines is no faint side: the
     * four-sided search weighed that line already. Without it a header band's or a passport's
     * print edge inside the document passed for one (tabletop false reject 7.3%, not 6.3%).
     */
    faintLineRho: 3,
    /**
     * Pruning: a faint side is taken at most this many times the closing side's length (opposite
     * sides of a document under the tilts the candidates allow); 2 found the same outlines.
     */
    faintLengthBound: 1.5,
  },
  /** Two documents side by side: an open passport's pages (spread.ts). */
  spread: {
    /** A cut meets both sides it joins within this range of their length (fractions). */
    cutRange: [0.2, 0.8] as const,
    /** The cut is in view over this share of its length and backed over this share of that. */
    cutSeen: 0.6,
    cutBacked: 0.6,
    /** A part kept has the document's aspect within this relative error (perspective undone). */
    partAspectError: 0.15,
    /** ... and this many times the other part's edge pixels per pixel: the page with the print. */
    minDensityGain: 1.3,
    /**
     * A passport's cover rim: a side moves in to a line within rimDeg of parallel, between rimMinPx
     * and rimShare of the shortest side inside it (a cover overhangs the page by 1-4 mm of 88).
     */
    rimShare: 0.06,
    rimMinPx: 1.5,
    rimDeg: 3,
  },
  /** Sub-pixel side refinement on the full-resolution frame (refine.ts). */
  refine: {
    /** Size of the per-side sample buffers. */
    maxSamples: 64,
    /** Samples per side: enough for a sub-pixel line, few enough to be quick. */
    samplesCap: 40,
    /** Fewest samples per side, and one per this many px of side up to samplesCap. */
    samplesMin: 12,
    samplesSpacing: 4,
    /** Largest search radius across a side, px: bounds the profile buffers. */
    maxSpan: 16,
    /**
     * A sample whose strongest edge lies off the fitted line (print or grain beside the outline)
     * is still on the side when the step across the line (±stepReach px, the side's plane and
     * polarity) is at least stepShare of the floor the fit's own points pass: only a gap, a finger
     * over the outline, has none. Studio: corners precision 78.4% -> 87.9% (recall 100%, four
     * blurred or low-contrast cards no longer "covered"); tabletop unchanged. 0.75 and 0.5 let a
     * finger's corner through (tabletop false accept 1.4% -> 2.1%).
     */
    stepReach: 1,
    stepShare: 1,
  },
  /** Covered corners (occlusion.ts). */
  occlusion: {
    /**
     * A corner counts as covered when its edges go missing this far from it (share of the
     * document's long side, at least occlusionMinPx) on both sides: beyond a rounded corner's reach
     * (radius ~3.5% of an ID card's long side, ~3.2% of a passport page's), within a fingertip's.
     * 0.055 missed thumbs over a corner by 4-5 mm (tabletop: corners recall 81% -> 90.5%, false
     * accept 2.1% -> 1.4%); one clean studio card more reads covered (false reject 0.8% -> 1.5%).
     */
    occlusionReach: 0.045,
    occlusionMinPx: 8,
    /**
     * An object's outline crossing a side this close to a corner (share of the shortest side), but
     * not closer than crossingGap, covers the corner when edges back it crossingRun (share of the
     * longest side) on both sides of the crossing. 0.1 (5 mm on an ID card): a thumb holding
     * the card 6 mm or more from a corner leaves it in view (tuned on the tabletop family, whose
     * hands keep 8 mm; 0.25 called every such hold "corners").
     */
    crossingReach: 0.1,
    crossingRun: 0.06,
    crossingGap: 0.04,
    /** A crossing line meets the side at least this steeply (°): shallower is a side or a seam. */
    crossingMinDeg: 25,
  },
} as const;
